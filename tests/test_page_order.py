"""The pages follow the workshop's order, in the sidebar and on the home page alike.

The workshop keeps test data apart ("Training and testing data sets") before it defines the
loss and backpropagation, and it ends with the dog and the principles for AI.
"""

from __future__ import annotations

import re

from tests.conftest import ROOT

# (page file, its url path), in the workshop's order.
WORKSHOP_ORDER = [
    ("neurons", "neurons"),
    ("overfitting", "overfitting"),
    ("gradient_descent", "gradient-descent"),
    ("iris", "iris"),
    ("convolution", "convolution"),
    ("mnist_training", "mnist"),
    ("draw", "draw"),
    ("inside_cnn", "inside-cnn"),
    ("closing", "closing"),
]


def _pages_in(path) -> list[str]:
    """The app_pages/*.py files a script names, in the order it names them."""
    names = re.findall(r"app_pages/(\w+)\.py", path.read_text())
    return [name for name in dict.fromkeys(names) if name != "home"]


def test_the_sidebar_follows_the_workshop():
    assert _pages_in(ROOT / "ui" / "frame" / "page_list.py") == [page for page, _ in WORKSHOP_ORDER]


def test_the_home_page_lists_the_same_order():
    """The home page's links, as a student sees them, in the sidebar's order."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception
    assert [link.proto.page for link in at.page_link] == [url for _, url in WORKSHOP_ORDER]
