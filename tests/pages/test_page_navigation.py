"""Every page of the page list opens through the app's router and can be left and found again.

AppTest through app.py, as a student's browser does; the pages come from the one page list
(ui/frame/page_list.py), so a new page is covered without an edit here. The browser's own
walk through the sidebar is tests/e2e/test_browser_navigation.py.
"""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.navigation import HOME, open_app, visit
from ui.frame.page_list import PageEntry, lessons


def _heading(at: AppTest) -> str:
    titles = [title.value for title in at.title]
    assert len(titles) == 1, titles  # One heading per page: the page's own, not two pages'.
    return titles[0]


@pytest.mark.parametrize("entry", lessons(), ids=lambda entry: entry.name)
def test_a_page_opens_through_the_router_and_back(entry: PageEntry, untrained_runs) -> None:
    # With a network in the session: Draw and Inside the CNN stop without one.
    at = open_app({"mnist_runs": untrained_runs[:1]})
    home = _heading(at)
    heading = _heading(visit(at, entry.path))
    assert heading != home, f"{entry.path} showed the home page"
    assert _heading(visit(at, HOME)) == home
    assert _heading(visit(at, entry.path)) == heading  # The same page the second time.
