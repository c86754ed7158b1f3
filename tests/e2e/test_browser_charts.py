"""Plotly charts draw in a real browser, on a computer and on a phone, and how long they take.

Seen before: full-page captures in which the Neurons charts and the MNIST confusion matrix
were empty grey boxes a few seconds after the page's script had finished. A plotly chart
needs plotly.js, which Streamlit loads only when a page first shows a chart (4.7 MB of
JavaScript to fetch and compile); until then, and while plotly lays out its first drawing,
the chart's place is an empty box. Each test here starts a fresh browser context (an empty
cache, like a student's first visit), times the chart from the click to drawn content, and
checks the captured pixels: an empty box has one or two colours, a drawn chart many.
The times are printed (run with -s); the bound is generous, because the machine is shared.
"""

from __future__ import annotations

import io
import re
import time

import pytest
from PIL import Image
from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.conftest import open_page, wait_for_app
from tests.e2e.phone import PHONE

pytestmark = pytest.mark.browser

DRAW_TIMEOUT = 30_000  # ms from the page's script finishing to every chart drawn
TRAINING_TIMEOUT = 240_000  # ms: TensorFlow's import and 5,000 digits on two shared cores
# True once `count` plotly charts are on the page, each visible and holding drawn marks
# (lines and markers are traces, a heatmap is an image).
ALL_DRAWN = """(count) => {
    const charts = Array.from(document.querySelectorAll('[data-testid=stPlotlyChart]'));
    return charts.length >= count && charts.every(chart => {
        const plot = chart.querySelector('.js-plotly-plot');
        return plot && getComputedStyle(plot).visibility !== 'hidden'
            && plot.querySelector('.main-svg g.trace, .main-svg .heatmaplayer image') !== null;
    });
}"""


def _colours(chart: Locator) -> int:
    """Distinct colours in a screenshot of the chart: an empty box has one or two."""
    chart.scroll_into_view_if_needed()
    image = Image.open(io.BytesIO(chart.screenshot())).convert("RGB")
    return len(image.getcolors(maxcolors=1 << 20) or [])


def _time_charts(page: Page, count: int, started: float, label: str) -> None:
    wait_for_app(page, timeout=TRAINING_TIMEOUT)
    finished = time.monotonic()
    page.wait_for_function(ALL_DRAWN, arg=count, timeout=DRAW_TIMEOUT, polling=50)
    drawn = time.monotonic()
    print(
        f"{label}: script finished after {finished - started:.2f} s, "
        f"{count} chart(s) drawn after {drawn - started:.2f} s "
        f"({drawn - finished:.2f} s after the script)"
    )
    charts = page.get_by_test_id("stPlotlyChart")
    for index in range(count):
        assert _colours(charts.nth(index)) > 20, f"{label}: chart {index + 1} is an empty box"


@pytest.mark.parametrize("size", ["computer", "phone"])
def test_the_neurons_charts_draw(browser: Browser, app_url: str, size: str):
    """The activation plot and the network diagram, on a first visit."""
    options = PHONE if size == "phone" else {"viewport": {"width": 1400, "height": 1000}}
    context = browser.new_context(**options)
    try:
        page = context.new_page()
        started = time.monotonic()
        open_page(page, app_url + "/neurons", "Neurons and networks")
        _time_charts(page, 2, started, f"Neurons ({size}, empty cache)")
        # Again in the same browser: plotly.js is in its cache and compiled.
        page.get_by_test_id("stMain").evaluate("main => main.scrollTo(0, 0)")
        started = time.monotonic()
        page.reload()
        _time_charts(page, 2, started, f"Neurons ({size}, reloaded)")
    finally:
        context.close()


def test_the_confusion_matrix_draws_after_a_training(browser: Browser, app_url: str):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    try:
        page = context.new_page()
        open_page(page, app_url + "/mnist", "MNIST: a network that reads digits")
        thumb = page.get_by_test_id("stSlider").filter(has_text="Training examples")
        thumb = thumb.get_by_role("slider")
        thumb.focus()
        thumb.press("Home")  # The preset's few hundred, then 5,000: a training of seconds.
        thumb.press("ArrowRight")
        expect(thumb).to_have_attribute("aria-valuetext", re.compile(r"^5,?000$"))
        wait_for_app(page)
        page.get_by_role("button", name="Train the network").click()
        accuracy = page.get_by_test_id("stMetricLabel").get_by_text("Test accuracy (normal digits)")
        expect(accuracy).to_be_visible(timeout=TRAINING_TIMEOUT)
        started = time.monotonic()
        _time_charts(page, 1, started, "MNIST confusion matrix (after the results showed)")
        expect(
            page.get_by_test_id("stPlotlyChart").filter(has_text="Confusion matrix")
        ).to_have_count(1)
    finally:
        context.close()
