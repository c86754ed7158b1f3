"""The pages follow the workshop's order, in the sidebar and on the home page alike.

The workshop keeps test data apart ("Training and testing data sets") before it defines the
loss and backpropagation, and it ends with the dog and the principles for AI. The page list
itself lives once, in ui/frame/page_list.py: these tests read it, so a new page is covered
without a copy to edit here, and hold it to the workshop's order by the pairs below.
"""

from __future__ import annotations

import re

import pytest

from tests.conftest import ROOT
from ui.frame.page_list import SECTIONS, PageEntry, lessons

# (earlier, later) by url path: the workshop's order, which any page list must keep.
WORKSHOP_BEFORE = [
    ("neurons", "overfitting"),  # Test data apart before the loss...
    ("overfitting", "gradient-descent"),
    ("gradient-descent", "backpropagation"),  # ... the loss and its slope before backprop.
    ("backpropagation", "iris"),
    ("iris", "convolution"),
    ("convolution", "mnist"),
    ("mnist", "draw"),
    ("draw", "inside-cnn"),
    ("inside-cnn", "closing"),  # The dog and the principles end the lessons.
]
AFTER_THE_LESSONS = {"glossary"}  # Reference pages, after the closing page.


def _pages_in(path) -> list[str]:
    """The app_pages/*.py files a script names, in the order it names them."""
    names = re.findall(r"app_pages/(\w+)\.py", path.read_text())
    return [name for name in dict.fromkeys(names) if name != "home"]


def _urls() -> list[str]:
    return [str(entry.url_path) for entry in lessons()]


def test_the_page_list_keeps_the_workshops_order():
    urls = _urls()
    for earlier, later in WORKSHOP_BEFORE:
        assert urls.index(earlier) < urls.index(later), (earlier, later, urls)
    assert urls.index("backpropagation") == urls.index("gradient-descent") + 1
    lessons_end = max(urls.index(later) for _, later in WORKSHOP_BEFORE)
    assert set(urls[lessons_end + 1 :]) <= AFTER_THE_LESSONS, urls
    assert len(urls) == len(set(urls))


def test_the_sidebar_lists_every_page_script_once_in_the_page_lists_order():
    """The file's own text names the scripts in the sidebar's order, and none is left out."""
    scripts = [entry.path for entry in lessons()]
    listed = _pages_in(ROOT / "ui" / "frame" / "page_list.py")
    assert [f"app_pages/{name}.py" for name in listed] == scripts
    on_disk = {f"app_pages/{p.name}" for p in (ROOT / "app_pages").glob("*.py")}
    home = [entry.path for entries in SECTIONS.values() for entry in entries if entry.default]
    assert on_disk == set(scripts) | set(home)


@pytest.fixture(scope="module")
def home_links() -> list[str]:
    """The home page's links, as a student sees them: each page's address."""
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=30).run()
    assert not at.exception
    return [link.proto.page for link in at.page_link]


def test_the_home_page_lists_the_same_order(home_links):
    assert home_links == _urls()


@pytest.mark.parametrize("entry", lessons(), ids=lambda entry: entry.name)
def test_each_lesson_has_its_script_its_address_and_its_place(entry: PageEntry, home_links):
    """One line in the page list is enough for a page: its script exists, its address and
    widget prefix are its own, and the home page links to it at its place."""
    assert (ROOT / entry.path).is_file(), entry.path
    assert entry.title and entry.icon and entry.what, entry
    assert re.fullmatch(r"[a-z][a-z0-9-]*", str(entry.url_path)), entry.url_path
    assert re.fullmatch(r"[a-z][a-z0-9_]*", entry.prefix), entry.prefix
    assert [other.prefix for other in lessons()].count(entry.prefix) == 1, entry.prefix
    assert home_links.count(entry.url_path) == 1
    assert home_links.index(entry.url_path) == lessons().index(entry)
