"""The Draw page in a real browser: upload two trained networks, draw digits with the mouse.

The digits are core.digits.strokes' mouse-like polylines, replayed with Playwright's mouse on the
canvas's drawing surface (`canvas.upper-canvas`), with the page's default pen (23 px, 1/12 of
the 280 px canvas, as the strokes were designed for). The networks are the session's trained
models from tests/conftest.py, uploaded through the page's "Use a model file" expander.

Every stroke must reach the server: after each one the page's 28x28 input must be the one the
canvas's pixels give (tests/e2e/strokes_seen.py). The network may misread a few digits; the
canvas may not lose a stroke.
"""

from __future__ import annotations

import re
import time

import numpy as np
import pytest
from playwright.sync_api import Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from core.digits.strokes import stroke_points
from devtools.canvas import BLACK_PAPER, BLANK_PAPER, HOVER_MS, SURFACE, WHITE_PAPER
from devtools.script_runs import COUNT_RUNS, RUN_DONE, STARTED_RUNS
from tests.e2e.conftest import choose_option, upload_model, wait_for_app
from tests.e2e.strokes_seen import Delivery, assert_starts_on_canvas, ink

pytestmark = pytest.mark.browser
RIGHT_AT_LEAST = 17  # Of 20 drawn digits (see the test for why not 20).

CANVAS = 280
RUN_TIMEOUT = 120_000  # ms: loading TensorFlow and a model on a shared two-core machine.
PREDICTION = re.compile(r"Prediction: (\d) \((\d+)%\)")


def _started_runs(page: Page) -> int:
    """Runs started so far; a higher count with the app idle means a new run has finished."""
    return page.evaluate(STARTED_RUNS)


def _wait_for_a_new_run(page: Page, before: int, timeout: float = RUN_TIMEOUT) -> None:
    page.wait_for_function(RUN_DONE, arg=before, timeout=timeout)
    wait_for_app(page, timeout=RUN_TIMEOUT)


def _settle(page: Page, before: int) -> None:
    """Wait for the run an action started, if the counter sees it within 30 s; then for the
    app to be idle. (Once, a Clear's run was not counted: the checks after this call
    look at what the run must have changed instead.)"""
    try:
        _wait_for_a_new_run(page, before, timeout=30_000)
    except PlaywrightTimeoutError:
        wait_for_app(page, timeout=RUN_TIMEOUT)


def _no_exception(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def _open_draw_page(page: Page, app_url: str) -> None:
    """Open the app's start page, then follow the sidebar link.

    Loading /draw first on a fresh server shows a spurious "Page not found" dialog
    (streamlit/streamlit#9992), so the test arrives the way a student does.
    """
    page.goto(app_url + "/")
    wait_for_app(page, timeout=RUN_TIMEOUT)
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Draw a digit").click()
    expect(page.get_by_role("heading", name="Draw a digit")).to_be_visible(timeout=RUN_TIMEOUT)
    wait_for_app(page, timeout=RUN_TIMEOUT)
    page.evaluate(COUNT_RUNS)
    _no_exception(page)


def _network(page: Page):
    """The Network selectbox's input; its value is the chosen network's label."""
    return page.get_by_test_id("stSelectbox").filter(has_text="Network").get_by_role("combobox")


def _choose_network(page: Page, label: str) -> None:
    if _network(page).input_value() == label:
        return
    before = _started_runs(page)
    choose_option(page, _network(page), label)
    _settle(page, before)
    expect(_network(page)).to_have_value(label)


def _wait_for_blank_canvas(page: Page, paper: str) -> None:
    """Until the canvas shows empty paper of the given colour: strokes drawn before the
    blank drawing has loaded would be wiped with the old ones."""
    canvas = page.locator(SURFACE)
    deadline = time.monotonic() + RUN_TIMEOUT / 1000
    while (seen := canvas.evaluate(BLANK_PAPER)) != paper:
        assert time.monotonic() < deadline, f"the canvas never became blank {paper} ({seen!r})"
        page.wait_for_timeout(100)


def _choose_paper(page: Page, text: str, paper: str) -> None:
    """Pick a paper; the canvas then loads an empty drawing in its colours."""
    before = _started_runs(page)
    page.get_by_test_id("stRadio").filter(has_text="Paper").get_by_text(text).click()
    _settle(page, before)
    _wait_for_blank_canvas(page, paper)


def _clear(page: Page, paper: str) -> None:
    before = _started_runs(page)
    page.get_by_role("button", name="Clear", exact=True).click()
    _settle(page, before)
    expect(page.locator(".st-key-prediction")).to_have_count(0)
    _wait_for_blank_canvas(page, paper)


def _stroke(page: Page, box: dict, stroke: list[tuple[float, float]]) -> None:
    sx, sy = box["width"] / CANVAS, box["height"] / CANVAS
    points = [(box["x"] + x * sx, box["y"] + y * sy) for x, y in stroke]
    page.mouse.move(*points[0])
    page.wait_for_timeout(HOVER_MS)  # A hand rests on the canvas before pressing.
    assert_starts_on_canvas(page, points[0])
    page.mouse.down()
    for point in points[1:]:
        page.mouse.move(*point)
    page.mouse.up()


def _draw(
    page: Page, digit: int, rng: np.random.Generator, paper: str, delivery: Delivery
) -> tuple[int, int]:
    """Draw one digit stroke by stroke; the (digit, confidence %) the page answers.

    Each mouse-up sends the drawing and starts a run; the next stroke waits until this one
    is on the canvas and in the drawing the page answered. Fails once the digit is drawn if
    any stroke so far never got there.
    """
    canvas = page.locator("canvas.upper-canvas")
    expect(canvas).to_be_visible(timeout=RUN_TIMEOUT)  # A custom component: it loads late.
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    assert box is not None
    strokes = stroke_points(digit, rng, CANVAS)
    for number, stroke in enumerate(strokes, start=1):
        before = ink(page)
        _stroke(page, box, stroke)
        delivery.wait(page, paper, before, f"stroke {number} of {len(strokes)} of a {digit}")
    delivery.check()
    answer = page.locator(".st-key-prediction")
    expect(answer).to_have_text(PREDICTION)
    found = PREDICTION.search(answer.inner_text())
    assert found is not None
    return int(found.group(1)), int(found.group(2))


def _draw_digits(
    page: Page, per_class: int, seed: int, label: str, paper: str
) -> list[tuple[int, int]]:
    """Draw `per_class` of each digit; the (truth, answer) pairs. Every stroke must reach
    the server (else the test fails here); the answers may be wrong."""
    rng = np.random.default_rng(seed)
    results, delivery = [], Delivery()
    for index, digit in enumerate([d for _ in range(per_class) for d in range(10)]):
        answer, _ = _draw(page, digit, rng, paper, delivery)
        results.append((digit, answer))
        if answer != digit and label != "plain_white":
            page.screenshot(path=f"/tmp/draw_{label}_{index}_{digit}_as_{answer}.png")
        _clear(page, paper)
    _no_exception(page)
    print(f"{label}: {delivery.drawn} strokes drawn, every one answered")
    return results


def _right(results: list[tuple[int, int]]) -> int:
    return sum(truth == answer for truth, answer in results)


def test_drawn_digits_are_read_and_the_inversion_lesson_holds(
    page: Page, app_url: str, mnist_model_plain, mnist_model_invert
):
    plain = f"Uploaded: {mnist_model_plain.path.name}"
    inverted = f"Uploaded: {mnist_model_invert.path.name}"
    _open_draw_page(page, app_url)
    expect(page.get_by_text("There is no trained network yet")).to_be_visible()

    upload_model(page, mnist_model_plain.path)
    expect(_network(page)).to_have_value(plain)
    expect(page.get_by_text("Draw a digit from 0 to 9 on the canvas")).to_be_visible()
    pen = page.get_by_test_id("stSlider").filter(has_text="Pen width").get_by_role("slider")
    expect(pen).to_have_attribute("aria-valuetext", str(CANVAS // 12))
    _no_exception(page)

    # White ink on black paper, like MNIST: the plain network reads the drawings.
    white_on_black = _draw_digits(page, 2, seed=101, label="plain_black", paper=BLACK_PAPER)
    # RIGHT_AT_LEAST of 20: one epoch on two threads is not bit-for-bit repeatable, the
    # training path depends on the CPU (auto), and a hooked 1 or an open 4 sits near a
    # boundary (seen: 19 or 20 in most runs; 18, and 17 once with 1 -> 7 and 4 -> 6 twice).
    assert _right(white_on_black) >= RIGHT_AT_LEAST, f"plain, white on black: {white_on_black}"

    # The network trained with inverted copies reads black ink on white paper.
    upload_model(page, mnist_model_invert.path)
    _choose_network(page, inverted)
    _choose_paper(page, "Black ink on white paper", WHITE_PAPER)
    black_on_white = _draw_digits(page, 2, seed=202, label="invert_white", paper=WHITE_PAPER)
    assert _right(black_on_white) >= RIGHT_AT_LEAST, f"invert, black on white: {black_on_white}"

    # The plain network gets most black-on-white drawings wrong: the workshop's lesson.
    _choose_network(page, plain)
    lesson = _draw_digits(page, 1, seed=303, label="plain_white", paper=WHITE_PAPER)
    assert len(lesson) - _right(lesson) > 5, f"plain, black on white: {lesson}"
    _no_exception(page)
