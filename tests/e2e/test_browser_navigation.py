"""The app's frame in a real browser: the home page, the sidebar's order, every page loads."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import wait_for_app
from ui.frame.page_list import PageEntry, every_page, lessons

pytestmark = pytest.mark.browser

PAGE_TIMEOUT = 90_000  # ms: a page's first run may import TensorFlow on a shared 2-core machine.
# The sidebar's titles after the home page, read from the page list (ui/frame/page_list.py),
# whose order tests/test_page_order.py holds to the workshop's.
WORKSHOP_ORDER = [entry.title for entry in lessons()]
HOME_TITLE = next(entry.title for entry in every_page() if entry.default)


def _nav_links(page: Page) -> Locator:
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav).to_be_visible()
    # With many pages Streamlit folds the list behind "View more": unfold it.
    more = nav.get_by_role("button", name=re.compile(r"^View \d+ more|^View more"))
    if more.count():
        more.first.click()
    return nav.get_by_test_id("stSidebarNavLink")


def _titles(page: Page) -> list[str]:
    """The links' titles, without their icons (an emoji in an aria-hidden span)."""
    texts = _nav_links(page).get_by_test_id("stMarkdownContainer").all_inner_texts()
    return [text.strip() for text in texts]


def _link(page: Page, title: str) -> Locator:
    return _nav_links(page).filter(has=page.get_by_text(title, exact=True))


def _no_exception(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_home_page_loads(page: Page, app_url: str):
    page.goto(app_url)
    wait_for_app(page)
    expect(page.get_by_role("heading", name="Introduction to deep learning")).to_be_visible()
    expect(page).to_have_title(re.compile("Deep learning workshop"))
    expect(_link(page, "Welcome")).to_have_attribute("aria-current", "page")
    _no_exception(page)


def test_sidebar_lists_the_pages_in_workshop_order(page: Page, app_url: str):
    page.goto(app_url)
    wait_for_app(page)
    titles = _titles(page)
    assert titles == [HOME_TITLE, *WORKSHOP_ORDER], titles  # Every page, no other, in order.


@pytest.mark.parametrize("entry", every_page(), ids=lambda entry: entry.name)
def test_every_sidebar_page_opens_without_an_exception(page: Page, app_url: str, entry: PageEntry):
    """Each page of the page list, opened from the sidebar's link; the home page after
    another page, so that its link is followed too."""
    page.goto(app_url)
    wait_for_app(page)
    titles = [entry.title] if not entry.default else [WORKSHOP_ORDER[0], entry.title]
    for title in titles:
        link = _link(page, title)
        href = link.get_attribute("href")
        link.click()
        expect(page).to_have_url(href, timeout=PAGE_TIMEOUT)
        expect(_link(page, title)).to_have_attribute("aria-current", "page", timeout=PAGE_TIMEOUT)
        wait_for_app(page, timeout=PAGE_TIMEOUT)
        main = page.get_by_test_id("stMain")
        expect(main.locator("h1").first).to_be_visible(timeout=PAGE_TIMEOUT)
        expect(page.get_by_test_id("stException"), f"exception on {title!r}").to_have_count(0)
        expect(page.get_by_role("dialog").filter(has_text="Page not found")).to_have_count(0)
    if entry.url_path:
        assert page.url.rstrip("/").endswith(f"/{entry.url_path}"), page.url


def test_a_direct_link_on_a_fresh_server_gets_the_whole_app(page: Page) -> None:
    """A teacher shares a link to /draw right after starting the server: the student gets the
    page inside the app's frame (its sidebar text, its page list), with no "Page not found".

    A folder named `pages/` next to app.py would make Streamlit run the page script alone,
    without the router, until someone opened the home page.
    """
    from devtools.server import free_port, start_server, stop_server

    server = start_server(port := free_port())
    try:
        page.goto(f"http://127.0.0.1:{port}/draw")
        wait_for_app(page, timeout=PAGE_TIMEOUT)
        expect(page.get_by_role("heading", name="Draw a digit")).to_be_visible()
        sidebar = page.get_by_test_id("stSidebar")
        expect(sidebar.get_by_text("An interactive version of the")).to_be_visible()
        expect(page.get_by_text("Page not found")).to_have_count(0)
        assert _titles(page)[0] == "Welcome"  # The router's list, not one made from files.
    finally:
        stop_server(server)
