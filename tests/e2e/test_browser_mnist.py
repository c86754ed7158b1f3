"""The MNIST page in a real browser: a quick training run, then a run stopped early."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from tests.e2e.conftest import metric_value, open_page, wait_for_app

pytestmark = pytest.mark.browser

ACCURACY = "Test accuracy (normal digits)"
# TensorFlow's import, loading MNIST once per server and training on 2 shared cores.
TRAINING_TIMEOUT = 240_000  # ms
STOP_TIMEOUT = 90_000  # ms: from the click on Stop to the results (20,000 test digits)


def _training_examples_slider(page: Page) -> Locator:
    widget = page.get_by_test_id("stSlider").filter(has_text="Training examples")
    return widget.get_by_role("slider")


def _set_training_examples(page: Page, keys: str, shown: str) -> None:
    """Move the select slider with these keys, in turn: "End" (the last option), "Home
    ArrowRight" (the second: the first is the over-fitting preset's few hundred digits)."""
    thumb = _training_examples_slider(page)
    thumb.focus()
    for key in keys.split():
        thumb.press(key)
    # The thumb's text is the option as formatted, with or without thousands separators.
    expect(thumb).to_have_attribute("aria-valuetext", re.compile(rf"^{shown.replace(',', ',?')}$"))
    wait_for_app(page, timeout=60_000)


def _progress_text(page: Page) -> Locator:
    return page.get_by_test_id("stProgress").filter(has_text="examples/s")


# A quick training can show its progress bar for less than the second between two of
# Playwright's later retries, so the page itself records what its progress bar and buttons
# said: a MutationObserver sees every change.
RECORD_PROGRESS = """() => {
  window.progressSeen = [];
  window.stopSeen = false;
  const look = () => {
    for (const bar of document.querySelectorAll('[data-testid="stProgress"]')) {
      const text = bar.textContent || '';
      if (text.includes('examples/s') && window.progressSeen.at(-1) !== text) {
        window.progressSeen.push(text);
      }
    }
    for (const button of document.querySelectorAll('[data-testid="stButton"] button')) {
      if ((button.textContent || '').includes('Stop training')) window.stopSeen = true;
    }
  };
  new MutationObserver(look).observe(
    document.body, {subtree: true, childList: true, characterData: true});
}"""


def _record_progress(page: Page) -> None:
    """From now on, keep every progress text the page shows (read with _progress_seen)."""
    page.evaluate(RECORD_PROGRESS)


def _progress_seen(page: Page) -> tuple[list[str], bool]:
    """The progress texts shown since _record_progress, and whether Stop was offered."""
    return page.evaluate("() => [window.progressSeen, window.stopSeen]")


def _wait_for_progress(page: Page) -> None:
    """Wait for the progress bar, failing at once if the page reports a loading error."""
    error = page.get_by_test_id("stAlert").filter(has_text="could not be loaded")
    expect(_progress_text(page).or_(error).first).to_be_visible(timeout=TRAINING_TIMEOUT)
    expect(error).to_have_count(0)
    expect(_progress_text(page)).to_be_visible()


def _runs_table_rows(page: Page) -> list[str]:
    """The "run" column of the runs table, one entry per run.

    The table is a canvas (glide-data-grid) with an accessible <table role=grid> inside it;
    st.dataframe gets no st-key-* class, so the table is found by its column header.
    """
    frame = page.get_by_test_id("stDataFrame").filter(
        has=page.locator("[role=columnheader]", has_text="inverted test accuracy")
    )
    expect(frame).to_have_count(1)
    grid = frame.locator("[role=grid]")  # Inside a canvas: not in the accessibility tree.
    rows = int(grid.get_attribute("aria-rowcount") or 0) - 1  # The header row counts too.
    cells = grid.locator("tbody [role=row] > [aria-colindex='1']")
    expect(cells).to_have_count(rows)
    return [cell.inner_text().strip() for cell in cells.all()]


def _run_choices(page: Page) -> Locator:
    group = page.get_by_test_id("stRadio").filter(has_text="The model the Draw a digit page uses")
    return group.get_by_role("radio")


def _no_exception(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_train_on_5000_digits_then_stop_a_full_run(page: Page, app_url: str):
    open_page(page, app_url + "/mnist", "MNIST: a network that reads digits")
    _no_exception(page)

    # A quick first run on the 5,000 examples of the first option.
    _set_training_examples(page, "Home ArrowRight", "5,000")
    _record_progress(page)
    page.get_by_role("button", name="Train the network").click()
    expect(page.get_by_test_id("stMetricLabel").get_by_text(ACCURACY)).to_be_visible(
        timeout=TRAINING_TIMEOUT
    )
    wait_for_app(page, timeout=TRAINING_TIMEOUT)
    _no_exception(page)
    shown, stop_offered = _progress_seen(page)
    # 5,000 examples in batches of 128 are 40 batches per epoch.
    assert any(re.search(r"batch \d+/40:", text) for text in shown), shown
    assert stop_offered

    accuracy = metric_value(page, ACCURACY)
    assert re.fullmatch(r"\d+(\.\d+)?%", accuracy), accuracy
    assert float(accuracy.rstrip("%")) > 80.0, f"test accuracy {accuracy}"
    runs = _runs_table_rows(page)
    assert len(runs) == 1, runs
    assert runs[0].startswith("Run 1: "), runs
    expect(_run_choices(page)).to_have_count(1)
    expect(page.get_by_text("stopped early")).to_have_count(0)
    expect(_progress_text(page)).to_have_count(0)
    # Nothing left to stop once training has ended.
    expect(page.get_by_role("button", name="Stop training")).to_have_count(0)

    # A full run on 60,000 examples (the last option), stopped as soon as it shows progress.
    _set_training_examples(page, "End", "60,000")
    page.get_by_role("button", name="Train the network").click()
    _wait_for_progress(page)
    expect(_progress_text(page)).to_contain_text(re.compile(r"batch \d+/469:"))
    # The live curves: images the browser shows as they grow (plain SVG, not plotly).
    curves = page.locator("img[alt^='Loss so far. After ']")  # Its words: the loss so far.
    expect(curves).to_be_visible()
    expect(page.locator("img[alt^='Accuracy so far. After ']")).to_be_visible()
    assert curves.evaluate("image => image.naturalWidth") > 0  # The SVG decoded and drew.
    page.get_by_role("button", name="Stop training").click()

    expect(page.get_by_test_id("stAlert").filter(has_text="stopped early")).to_be_visible(
        timeout=STOP_TIMEOUT
    )
    wait_for_app(page, timeout=STOP_TIMEOUT)
    _no_exception(page)
    expect(_progress_text(page)).to_have_count(0)
    runs = _runs_table_rows(page)
    assert len(runs) == 2, runs
    assert runs[0].startswith("Run 1: ") and "stopped" not in runs[0], runs
    assert runs[1].startswith("Run 2: ") and "stopped after" in runs[1], runs
    expect(_run_choices(page)).to_have_count(2)
    # The stopped run is the one shown, and the page still shows its accuracy.
    expect(_run_choices(page).nth(1)).to_be_checked()
    expect(
        page.get_by_text(re.compile(r"Run 2: .*stopped after \d+ batches")).first
    ).to_be_attached()
    stopped_accuracy = metric_value(page, ACCURACY)
    assert re.fullmatch(r"\d+(\.\d+)?%", stopped_accuracy), stopped_accuracy
    _no_exception(page)
