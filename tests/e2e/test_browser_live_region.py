"""The Draw page's polite live region (ui/draw/views.announce) in a real browser.

A screen reader announces a live region's text when it changes. So the region must be on
the page before the first answer, say "7, 93%" after a drawing, and stay the very same
element with the very same text when a rerun gives the same answer (here: a new pen width,
which reruns the drawing board without changing the drawing); a new answer changes its text
in place.
"""

from __future__ import annotations

import re

import numpy as np
import pytest
from playwright.sync_api import Page, expect

from devtools.canvas import BLACK_PAPER
from tests.e2e.strokes_seen import Delivery
from tests.e2e.test_browser_draw import (
    PREDICTION,
    RUN_TIMEOUT,
    _clear,
    _draw,
    _network,
    _no_exception,
    _open_draw_page,
    _settle,
    _started_runs,
    wait_for_app,
)

pytestmark = pytest.mark.browser
REGION = ".draw-live"
ANNOUNCED = re.compile(r"^\d, \d{1,3}%$")

# Mark the region's element and count every change made inside it from now on.
WATCH = """(selector) => {
  const node = document.querySelector(selector);
  node.__watched = true;
  window.__liveChanges = 0;
  new MutationObserver((changes) => { window.__liveChanges += changes.length; })
    .observe(node, {childList: true, characterData: true, subtree: true, attributes: true});
}"""
SAME_NODE = "(selector) => document.querySelector(selector).__watched === true"


def _upload(page: Page, path) -> None:
    """Give the page a network through its model upload; it is then the chosen network.

    (The rerun after an upload may close the expander, so the check is the Network box.)
    """
    expander = page.get_by_test_id("stExpander").filter(
        has_text="Use a model file (.keras) instead"
    )
    expander.get_by_text("Use a model file (.keras) instead").click()
    expander.locator("input[type=file]").set_input_files(str(path))
    expect(_network(page)).to_have_value(f"Uploaded: {path.name}", timeout=RUN_TIMEOUT)
    wait_for_app(page, timeout=RUN_TIMEOUT)


def _region_text(page: Page) -> str:
    return page.locator(REGION).evaluate("node => node.textContent")


def test_the_answer_is_announced_once_politely(page: Page, app_url: str, mnist_model_plain):
    _open_draw_page(page, app_url)
    _upload(page, mnist_model_plain.path)
    region = page.locator(REGION)
    expect(region).to_have_count(1)  # There before any answer, empty.
    expect(region).to_have_attribute("aria-live", "polite")
    assert _region_text(page) == ""
    page.evaluate(WATCH, REGION)

    rng = np.random.default_rng(7)
    digit, percent = _draw(page, 7, rng, BLACK_PAPER, Delivery())
    said = _region_text(page)
    assert ANNOUNCED.match(said), said
    assert said == f"{digit}, {percent}%"  # The heading's answer, as the region says it.
    assert page.evaluate(SAME_NODE, REGION)  # Changed in place: a screen reader hears it.
    assert page.evaluate("window.__liveChanges") > 0

    # A rerun with the same answer: the region is not touched at all.
    page.evaluate("window.__liveChanges = 0")
    before = _started_runs(page)
    pen = page.get_by_test_id("stSlider").filter(has_text="Pen width").get_by_role("slider")
    pen.focus()
    pen.press("ArrowRight")
    _settle(page, before)
    expect(page.locator(".st-key-prediction")).to_have_text(PREDICTION, timeout=RUN_TIMEOUT)
    assert page.evaluate(SAME_NODE, REGION)
    assert _region_text(page) == said
    assert page.evaluate("window.__liveChanges") == 0

    # A new drawing with another answer changes the same element's text.
    _clear(page, BLACK_PAPER)
    assert page.evaluate(SAME_NODE, REGION)
    other, other_percent = _draw(page, 1, rng, BLACK_PAPER, Delivery())
    assert _region_text(page) == f"{other}, {other_percent}%"
    assert page.evaluate(SAME_NODE, REGION)
    _no_exception(page)
