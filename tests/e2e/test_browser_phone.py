"""The app on a phone: a 390x844 touch screen in Chromium, a student's finger on the canvas.

Touch is real: Chrome DevTools' `Input.dispatchTouchEvent` sends touchstart/touchmove/touchend
to the page, as a finger does (no mouse events). Every page is opened from the sidebar, as a
student would, checked for sideways scrolling and saved as a full-page screenshot under
test-results/phone/ (ignored by git) for a person to look at.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from playwright.sync_api import Browser, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from core.digits.strokes import stroke_points
from devtools.canvas import BLACK_PAPER
from tests.e2e.conftest import upload_model, wait_for_app
from tests.e2e.phone import (
    MAIN_SCROLL,
    OVERFLOW,
    PAGE_TIMEOUT,
    PHONE,
    full_page_screenshot,
    go_to,
    sidebar_settles,
    swipe,
    touch_stroke,
)
from tests.e2e.strokes_seen import Delivery, assert_starts_on_canvas, ink
from ui.frame.page_list import PageEntry, every_page, lessons

pytestmark = pytest.mark.browser

CANVAS = 280
PREDICTION = re.compile(r"Prediction: (\d) \((\d+)%\)")
# Display formulas wider than their box: on a phone their ends (the results) are hidden.
FORMULAS_CUT = """() => Array.from(document.querySelectorAll('.katex-display'))
    .filter(box => box.scrollWidth > box.clientWidth + 1).map(box => box.textContent)"""
# Every page of the page list (ui/frame/page_list.py), the home page last.
PAGES = [*lessons(), *(entry for entry in every_page() if entry.default)]


@pytest.fixture
def phone(browser: Browser, app_url: str):
    """A fresh phone-sized touch browser on the app's start page."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(app_url)
    wait_for_app(page, timeout=PAGE_TIMEOUT)
    yield page
    context.close()


def _upload_model(page: Page, path) -> None:
    """The shared upload, then the expander closed again (it covers the canvas on a phone)."""
    upload_model(page, path, timeout=PAGE_TIMEOUT)
    expander = page.get_by_test_id("stExpander").filter(has_text="Use a model file")
    expander.get_by_text("Use a model file (.keras) instead").click()


def _settled_box(page: Page, locator) -> dict:
    """The element's box once it has stopped moving (an expander closing, a late rerun)."""
    box = None
    for _ in range(50):
        now = locator.bounding_box()
        if now is not None and now == box:
            return now
        box = now
        page.wait_for_timeout(200)
    assert box is not None
    return box


def _draw_with_a_finger(page: Page, digit: int, seed: int) -> tuple[int, int]:
    """Draw a digit stroke by stroke with touch events; the (digit, %) the page answers.

    Each finger lift sends the drawing and starts a run; the next stroke waits until this
    one is on the canvas and in the drawing the page answered (tests/e2e/strokes_seen.py).
    Every stroke must get there: once the digit is drawn, the test fails counting the
    strokes lost. Also checks that the page stood still under the finger.
    """
    canvas = page.locator("canvas.upper-canvas")
    expect(canvas).to_be_visible(timeout=PAGE_TIMEOUT)
    # In the middle of the screen, as a student holds it: scrolled just into view, its top
    # lies under Streamlit's header, and a stroke there never reaches the canvas.
    canvas.evaluate("canvas => canvas.scrollIntoView({block: 'center'})")
    cdp = page.context.new_cdp_session(page)
    strokes = stroke_points(digit, np.random.default_rng(seed), CANVAS)
    delivery = Delivery()
    for number, stroke in enumerate(strokes, start=1):
        box = _settled_box(page, canvas)  # A finger lands where the canvas is now.
        scale = box["width"] / CANVAS
        points = [(box["x"] + x * scale, box["y"] + y * scale) for x, y in stroke]
        assert_starts_on_canvas(page, points[0])
        still, before = page.evaluate(MAIN_SCROLL), ink(page)
        touch_stroke(cdp, points)
        delivery.wait(page, BLACK_PAPER, before, f"stroke {number} of {len(strokes)} of a {digit}")
        assert page.evaluate(MAIN_SCROLL) == still, "the page scrolled instead of drawing"
    delivery.check()
    answer = page.locator(".st-key-prediction")
    expect(answer).to_have_text(PREDICTION, timeout=PAGE_TIMEOUT)
    found = PREDICTION.search(answer.inner_text())
    assert found is not None
    return int(found.group(1)), int(found.group(2))


def test_the_sidebar_starts_closed_on_a_phone_and_open_on_a_computer(
    browser: Browser, app_url: str, phone: Page
):
    assert sidebar_settles(phone, shown=False), "the sidebar covers the phone's page at start"
    expect(phone.get_by_test_id("stExpandSidebarButton")).to_be_visible()
    computer = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = computer.new_page()
        page.goto(app_url)
        wait_for_app(page)
        assert sidebar_settles(page, shown=True)
        expect(page.get_by_test_id("stSidebarNav")).to_be_visible()
    finally:
        computer.close()


def test_a_digit_drawn_with_a_finger_is_answered_right_under_the_canvas(
    phone: Page, mnist_model_invert
):
    go_to(phone, "Draw a digit")
    assert sidebar_settles(phone, shown=False)  # Following a link closes it on a phone.
    _upload_model(phone, mnist_model_invert.path)
    canvas = phone.locator("canvas.upper-canvas")
    expect(canvas).to_be_visible(timeout=PAGE_TIMEOUT)
    # The drawing surface asks the browser not to scroll or zoom under a finger.
    assert canvas.evaluate("c => getComputedStyle(c).touchAction") == "none"

    digit, confidence = _draw_with_a_finger(phone, 3, seed=3)
    assert digit == 3, f"a 3 drawn with a finger was read as {digit} ({confidence}%)"

    box, answer = canvas.bounding_box(), phone.locator(".st-key-prediction").bounding_box()
    assert box is not None and answer is not None
    assert box["x"] >= 0 and box["x"] + box["width"] <= 390, f"the canvas does not fit: {box}"
    gap = answer["y"] - (box["y"] + box["height"])
    assert 0 <= gap < 60, f"the answer is {gap:.0f} px below the canvas"
    assert phone.evaluate(OVERFLOW) == 0

    # The canvas's own toolbar, unseen without hover, once lay over its top-right corner,
    # where a tap wiped the drawing. A tap there now lands on the canvas and keeps the ink.
    assert phone.locator(".dc-toolbar").evaluate("t => getComputedStyle(t).display") == "none"
    drawn = ink(phone)
    phone.touchscreen.tap(box["x"] + box["width"] - 12, box["y"] + 6)
    phone.wait_for_timeout(1000)
    assert ink(phone) >= drawn > 0, "a tap at the canvas's top-right corner wiped the drawing"
    expect(phone.get_by_test_id("stException")).to_have_count(0)


ROOM_BELOW = """() => { const main = document.querySelector('[data-testid=stMain]');
    return main.scrollHeight - main.clientHeight - main.scrollTop; }"""


# Whether the point lies on the chart's plot itself (not on the header over it or off screen).
ON_CHART = """(chart, [x, y]) => { const hit = document.elementFromPoint(x, y);
    return hit !== null && chart.contains(hit); }"""
MOVED = """([before, up]) => { const now = document.querySelector('[data-testid=stMain]').scrollTop;
    return up ? now > before + 50 : now < before - 50; }"""


def test_a_swipe_over_a_chart_scrolls_the_page(phone: Page):
    """Plotly's drag layer used to cancel the touch: the page stood still under a thumb.

    On a busy machine Chrome can drop a gesture whose touches wait for a page still laying
    itself out; a student then swipes again, and so does the test, up to three times.
    """
    go_to(phone, "Neurons and networks")
    chart = phone.get_by_test_id("stPlotlyChart").first
    expect(chart.locator(".main-svg g.trace").first).to_be_attached(timeout=PAGE_TIMEOUT)
    for _ in range(3):  # A late layout (a busy machine: a worker warming up) can move it off.
        chart.evaluate("chart => chart.scrollIntoView({block: 'center'})")
        wait_for_app(phone, timeout=PAGE_TIMEOUT)
        box = _settled_box(phone, chart)
        if box["y"] >= 0 and box["y"] + box["height"] <= phone.viewport_size["height"]:
            break
    assert box["width"] > 300  # A phone's chart is as wide as the page.
    x, top, low = box["x"] + box["width"] / 2, box["y"] + 20, box["y"] + box["height"] * 0.6
    for y in (top, low):
        assert chart.evaluate(ON_CHART, [x, y]), (
            f"the swipe would not be over the chart at ({x:.0f}, {y:.0f}): {box}"
        )
    before = phone.evaluate(MAIN_SCROLL)[1]
    up = phone.evaluate(ROOM_BELOW) > 100  # Push the page up, as a thumb reading on does;
    cdp = phone.context.new_cdp_session(phone)  # if the chart ends the page, pull it down.
    start, end = (low, top) if up else (top, low)
    for _ in range(3):
        swipe(cdp, x, start, end)
        try:  # The page glides on a little after the finger lifts.
            phone.wait_for_function(MOVED, arg=[before, up], timeout=3_000)
            break
        except PlaywrightTimeoutError:
            continue
    after = phone.evaluate(MAIN_SCROLL)[1]
    assert (after > before + 50) if up else (after < before - 50), "the page did not scroll"


def _square_maps(page: Page) -> list[float]:
    """Width / height of every heatmap image plotly drew in the feature-map grids."""
    return page.evaluate(
        """() => Array.from(document.querySelectorAll(
            '[data-testid=stPlotlyChart] .heatmaplayer image')).map(image => {
                const box = image.getBoundingClientRect();
                return box.width / box.height;
            })"""
    )


@pytest.fixture(scope="module")
def phone_with_a_network(browser: Browser, app_url: str, mnist_model_invert):
    """One phone for the whole walk through the pages, as one student: a trained network
    uploaded on the Draw page first, so the pages that need one show everything."""
    context = browser.new_context(**PHONE)
    page = context.new_page()
    page.goto(app_url)
    wait_for_app(page, timeout=PAGE_TIMEOUT)
    go_to(page, "Draw a digit")
    _upload_model(page, mnist_model_invert.path)
    yield page
    context.close()


@pytest.mark.parametrize("entry", PAGES, ids=lambda entry: entry.name)
def test_every_page_fits_a_phone(phone_with_a_network: Page, entry: PageEntry):
    """No page scrolls sideways at 390 px; each is saved as a screenshot to look at."""
    phone, title = phone_with_a_network, entry.title
    go_to(phone, title)
    if title == "Draw a digit":
        assert _draw_with_a_finger(phone, 7, seed=1)[0] == 7
        table = phone.locator("table.xt").first
        expect(table).to_be_visible(timeout=PAGE_TIMEOUT)
        # Every row is on the page (10 workshop pictures, 9 of the app's), and the table
        # has no scroll bar of its own: it is as tall as its rows and fits the width.
        expect(table.locator("img")).to_have_count(19)
        holder = table.locator("xpath=..")
        assert holder.evaluate("e => e.scrollHeight <= e.clientHeight + 1")
        assert holder.evaluate("e => e.scrollWidth <= e.clientWidth + 1")
    if title == "Inside the CNN":
        expect(phone.locator(".heatmaplayer image").first).to_be_attached(timeout=PAGE_TIMEOUT)
        phone.wait_for_timeout(1000)
        ratios = _square_maps(phone)
        assert ratios and all(abs(r - 1) < 0.05 for r in ratios), ratios
    if title == "Kernel convolution":
        # The 3x3 grid of weights stays a grid: the first row's boxes side by side.
        boxes = [phone.locator(f".st-key-conv_k_0_{c}").bounding_box() for c in range(3)]
        assert all(box is not None for box in boxes)
        assert max(b["y"] for b in boxes) - min(b["y"] for b in boxes) < 2, boxes
        assert boxes[0]["x"] < boxes[1]["x"] < boxes[2]["x"], boxes
    assert phone.evaluate(OVERFLOW) == 0, f"{title} scrolls sideways on a phone"
    phone.evaluate("document.fonts.ready.then(() => true)")  # KaTeX's fonts set the width.
    assert phone.evaluate(FORMULAS_CUT) == [], f"{title}: formulas wider than the page"
    expect(phone.get_by_test_id("stException")).to_have_count(0)
    shot = full_page_screenshot(phone, title.lower().replace(" ", "_"))
    assert shot.stat().st_size > 10_000, f"{title}: an empty screenshot"
