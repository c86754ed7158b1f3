"""A real Streamlit server and a real Chromium for the end-to-end tests.

The server runs `streamlit run app.py` on a free loopback port for the whole test session;
the browser is Debian's /usr/bin/chromium driven by Playwright (which cannot download its
own browsers here).
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import numpy as np
import pytest
from playwright.sync_api import Locator, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from core.digits.strokes import stroke_points
from devtools.canvas import HOVER_MS
from devtools.server import CHROMIUM, CHROMIUM_ARGS, free_port, start_server, stop_server

__all__ = [
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "choose_option",
    "metric_value",
    "open_options",
    "open_page",
    "start_server",
    "wait_for_app",
]


@pytest.fixture(scope="session")
def app_url() -> Iterator[str]:
    process = start_server(port := free_port())
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(process)


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """pytest-playwright's launch options, pointed at Debian's Chromium."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1400, "height": 1000}}


def wait_for_app(page, timeout: float = 30_000) -> None:
    """Wait until Streamlit has finished running the page's script."""
    page.wait_for_selector("[data-testid=stApp]", timeout=timeout)
    page.wait_for_selector("[data-test-script-state=notRunning]", timeout=timeout)


def open_page(page: Page, url: str, heading: str | None = None, timeout: float = 30_000) -> None:
    """Open a page in a new session and check its heading (any `h1` when `heading` is None).

    On a fresh server, the first session that opens a page other than the default one gets
    Streamlit's "Page not found" dialog over the right page (streamlit/streamlit#9992: the
    pages are only known once the app's script has run). The page itself is correct, but the
    modal dialog keeps the keyboard focus, so close it once the right heading shows.
    """
    page.goto(url)
    wait_for_app(page, timeout=timeout)
    if heading is None:
        shown = page.get_by_test_id("stMain").locator("h1").first
    else:
        shown = page.get_by_role("heading", name=heading)
    expect(shown).to_be_visible(timeout=timeout)
    dialog = page.get_by_role("dialog").filter(has_text="Page not found")
    if dialog.count():
        dialog.get_by_role("button", name="Close").click()
        expect(dialog).to_have_count(0)


def upload_model(page: Page, path, timeout: float = 120_000) -> None:
    """Bring a trained network to the Draw page as a file, as a student does: open *Use a
    model file* (unless it is open), choose the file, and wait for the page to say so."""
    expander = page.get_by_test_id("stExpander").filter(
        has_text="Use a model file (.keras) instead"
    )
    details = expander.locator("details")
    if details.get_attribute("open") is None:  # Open it, as a student would (not a toggle).
        expander.get_by_text("Use a model file (.keras) instead").click()
        expect(details).to_have_attribute("open", "")
    expander.locator("input[type=file]").set_input_files(str(path))
    expect(expander.get_by_text(f"{path.name} is loaded")).to_be_visible(timeout=timeout)
    wait_for_app(page, timeout=timeout)


def metric_value(page: Page, label: str) -> str:
    metric = page.get_by_test_id("stMetric").filter(
        has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True)
    )
    value = metric.get_by_test_id("stMetricValue")
    expect(value).to_be_visible()
    return value.inner_text().strip()


def open_options(page: Page, combobox: Locator, attempts: int = 3) -> Locator:
    """Open a selectbox's list, as a student does, and return its options.

    A click that lands while the app is still drawing (a rerun replaces the widget) leaves
    the list closed; then close whatever opened and try again, instead of waiting 30 s for
    a list that will never show.
    """
    options = page.locator("[role=option]")
    for attempt in range(attempts):
        wait_for_app(page)
        combobox.click()
        try:
            expect(options.first).to_be_visible(timeout=10_000)
            return options
        except AssertionError:
            if attempt == attempts - 1:
                raise
            page.keyboard.press("Escape")
    return options


def choose_option(
    page: Page, combobox: Locator, option: str | re.Pattern, attempts: int = 3
) -> None:
    """Pick `option` from a selectbox's list: open it (see `open_options`) and click it.

    A page that reruns a fragment as the click lands redraws the open list: the click may
    still pick the option (the list closes, the box shows it) or be lost; so check the box,
    and open the list again if it does not show the option.
    """
    for attempt in range(attempts):
        options = open_options(page, combobox)
        if isinstance(option, str):
            wanted = options.get_by_text(option, exact=True)
        else:
            wanted = options.filter(has_text=option)
        try:
            wanted.click(timeout=10_000)
            return
        except PlaywrightTimeoutError:
            shown = combobox.input_value()
            if (shown == option) if isinstance(option, str) else option.search(shown):
                return
            if attempt == attempts - 1:
                raise
            page.keyboard.press("Escape")


CANVAS = 280  # The Draw page's canvas, in pixels.


def draw_digit(page: Page, digit: int, seed: int = 7, timeout: float = 120_000) -> None:
    """Draw `digit` on the Draw page with the mouse, stroke by stroke, waiting for the page's
    answer between strokes (tests/e2e/test_browser_draw.py checks each stroke's delivery)."""
    canvas = page.locator("canvas.upper-canvas")
    expect(canvas).to_be_visible(timeout=timeout)  # A custom component: it loads late.
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    assert box is not None
    scale = box["width"] / CANVAS, box["height"] / CANVAS
    for stroke in stroke_points(digit, np.random.default_rng(seed), CANVAS):
        points = [(box["x"] + x * scale[0], box["y"] + y * scale[1]) for x, y in stroke]
        page.mouse.move(*points[0])
        page.wait_for_timeout(HOVER_MS)  # A hand rests on the canvas before pressing.
        page.mouse.down()
        for point in points[1:]:
            page.mouse.move(*point)
        page.mouse.up()
        page.wait_for_timeout(300)  # The canvas waits 200 ms, then the stroke's run starts.
        wait_for_app(page, timeout=timeout)
