"""The class board in a real browser: students share runs, classmates see and draw with them.

Every student is a browser context of its own (its own cookie, so its own student). Each test
starts a server of its own, on a store folder of its own (so a board of its own, whatever
order the tests run in), with a teacher's code set.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import pytest
from playwright.sync_api import Browser, Locator, Page, expect

from core.digits.strokes import stroke_points
from devtools.canvas import HOVER_MS
from devtools.server import free_port, start_server, stop_server
from tests.e2e.conftest import choose_option, open_options, open_page, wait_for_app

pytestmark = pytest.mark.browser

TRAINING_TIMEOUT = 120_000  # ms: TensorFlow's import in a worker plus the training.
MNIST_TIMEOUT = 240_000  # ms: loading MNIST once per server, then a 5,000-digit epoch.
REFRESH_TIMEOUT = 15_000  # ms: the board re-reads every 2 s and redraws every 5 s.
IRIS_LINK = "/iris?iris_epochs=2&iris_steps=20"  # A teacher's link: a quick Iris training.
MNIST_LINK = "/mnist?mnist_train_size=5000&mnist_epochs=1"
CODE = "owl-42-lantern"
NICKNAME = "Your nickname on the class board"
HIDDEN = "Your teacher has hidden the class board for now."
CANVAS = 280
PREDICTION = re.compile(r"Prediction: \d \(\d+%\)")


@pytest.fixture
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("class_store")
    port = free_port()
    process = start_server(port, {"WORKSHOP_DATA_DIR": str(folder), "WORKSHOP_TEACHER_CODE": CODE})
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(process)


def _student(browser: Browser) -> Page:
    """A new student: a fresh context, so a cookie (and an identity) of its own."""
    return browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()


def _no_exception(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def _train_iris(page: Page, url: str) -> None:
    """Train Iris from the teacher's link (or again, on the page already open)."""
    if "/iris" not in page.url:
        open_page(page, url + IRIS_LINK, "The Iris classifier")
    accuracy = page.get_by_test_id("stMetricLabel").get_by_text("Test accuracy", exact=True)
    page.get_by_role("button", name="Train the network").click()
    expect(page.get_by_role("button", name="Share this run with the class")).to_be_visible(
        timeout=TRAINING_TIMEOUT
    )
    expect(accuracy).to_be_visible(timeout=TRAINING_TIMEOUT)
    wait_for_app(page, timeout=TRAINING_TIMEOUT)
    _no_exception(page)


def _type_nickname(page: Page, nickname: str) -> Locator:
    box = page.get_by_test_id("stTextInput").filter(has_text=NICKNAME).locator("input")
    box.fill(nickname)
    box.press("Enter")  # Sent to the server before the button is pressed.
    wait_for_app(page)
    return box


def _share(page: Page, nickname: str) -> None:
    _type_nickname(page, nickname)
    page.get_by_role("button", name="Share this run with the class").click()
    expect(page.get_by_text("Shared: your run is on the Class page.")).to_be_visible(timeout=30_000)
    wait_for_app(page)
    # The share box now names the run's nickname, as plain text.
    expect(page.get_by_test_id("stText").get_by_text(nickname, exact=True)).to_be_visible()
    _no_exception(page)


def _open_board(page: Page, url: str, chapter: str = "Iris") -> None:
    open_page(page, url + "/class", "The class board")
    page.get_by_test_id("stButtonGroup").get_by_text(chapter, exact=True).click()
    wait_for_app(page)


def _grid_nicknames(page: Page, rows: int) -> list[str]:
    """The board table's Nickname column, once it has `rows` rows (the grid is a canvas
    with an accessible <table role=grid> inside; its header row counts as a row too)."""
    grid = page.get_by_test_id("stDataFrame").locator("[role=grid]")
    expect(grid).to_have_attribute("aria-rowcount", str(rows + 1), timeout=REFRESH_TIMEOUT)
    cells = grid.locator("tbody [role=row] > [aria-colindex='1']")
    expect(cells).to_have_count(rows)
    return [cell.inner_text().strip() for cell in cells.all()]


def _finding(page: Page, text: str | re.Pattern) -> Locator:
    return page.get_by_test_id("stAlert").filter(has_text=text)


def test_a_classmate_sees_shared_runs_and_a_withdrawal_without_a_reload(
    browser: Browser, url: str
) -> None:
    ada, bo, cy = _student(browser), _student(browser), _student(browser)
    for page, nickname in ((ada, "Ada"), (bo, "Bo")):
        _train_iris(page, url)
        _share(page, nickname)

    _open_board(cy, url)
    expect(_finding(cy, "The 2 Iris runs scored")).to_be_visible(timeout=REFRESH_TIMEOUT)
    expect(cy.get_by_text(re.compile(r"The chart shows 2 Iris runs \("))).to_be_visible()
    assert sorted(_grid_nicknames(cy, 2)) == ["Ada", "Bo"]
    expect(cy.get_by_text("Your shared runs")).to_have_count(0)  # Cy shared nothing.
    _no_exception(cy)

    cy.evaluate("() => { window.sameDocument = true; }")  # Gone if the page reloads.
    bo.get_by_role("button", name="Withdraw it from the board").click()
    expect(bo.get_by_text("Withdrawn: the run is no longer on the class board.")).to_be_visible(
        timeout=30_000
    )
    expect(_finding(cy, "The 1 Iris run so far scored")).to_be_visible(timeout=REFRESH_TIMEOUT)
    expect(cy.get_by_text(re.compile(r"The chart shows 1 Iris run \("))).to_be_visible()
    expect(cy.get_by_test_id("stDataFrame").locator("[role=grid]")).to_have_attribute(
        "aria-rowcount",
        "2",  # The header and Ada's run.
    )
    assert _grid_nicknames(cy, 1) == ["Ada"]
    assert cy.evaluate("() => window.sameDocument === true")
    _no_exception(cy)
    for page in (ada, bo, cy):
        page.context.close()


def _draw_a_digit(page: Page, digit: int) -> None:
    """Draw `digit` with the mouse, stroke by stroke, as tests/e2e/test_browser_draw.py does."""
    canvas = page.locator("canvas.upper-canvas")
    expect(canvas).to_be_visible(timeout=TRAINING_TIMEOUT)  # A custom component: it loads late.
    canvas.scroll_into_view_if_needed()
    box = canvas.bounding_box()
    assert box is not None
    scale = box["width"] / CANVAS, box["height"] / CANVAS
    for stroke in stroke_points(digit, np.random.default_rng(7), CANVAS):
        points = [(box["x"] + x * scale[0], box["y"] + y * scale[1]) for x, y in stroke]
        page.mouse.move(*points[0])
        page.wait_for_timeout(HOVER_MS)  # A hand rests on the canvas before pressing.
        page.mouse.down()
        for point in points[1:]:
            page.mouse.move(*point)
        page.mouse.up()
        wait_for_app(page, timeout=TRAINING_TIMEOUT)


def test_a_student_who_never_trained_draws_with_a_classmates_network(
    browser: Browser, url: str
) -> None:
    ada, cy = _student(browser), _student(browser)
    open_page(ada, url + MNIST_LINK, "MNIST")
    ada.get_by_role("button", name="Train the network").click()
    expect(ada.get_by_role("button", name="Share this run with the class")).to_be_visible(
        timeout=MNIST_TIMEOUT
    )
    wait_for_app(ada, timeout=MNIST_TIMEOUT)
    _share(ada, "Ada")

    open_page(cy, url + "/draw", "Draw a digit")
    expect(cy.get_by_text("There is no trained network yet")).to_have_count(0)
    network = cy.get_by_test_id("stSelectbox").filter(has_text="Network").get_by_role("combobox")
    label = re.compile(r"^Class board #\d+: Ada \(\d+% normal, \d+% inverted\)$")
    choose_option(cy, network, label)
    wait_for_app(cy, timeout=TRAINING_TIMEOUT)
    expect(network).to_have_value(label)
    _no_exception(cy)

    _draw_a_digit(cy, 7)
    expect(cy.locator(".st-key-prediction")).to_have_text(PREDICTION, timeout=TRAINING_TIMEOUT)
    _no_exception(cy)
    for page in (ada, cy):
        page.context.close()


def _unlock(teacher: Page, code: str) -> None:
    form = teacher.get_by_test_id("stForm")
    form.get_by_test_id("stTextInput").locator("input").fill(code)
    form.get_by_role("button", name="Unlock the teacher controls").click()
    wait_for_app(teacher)


def _csv_nicknames(teacher: Page) -> tuple[list[str], list[str]]:
    """The header of the downloaded board, and its Nickname column."""
    with teacher.expect_download() as download:
        teacher.get_by_role("button", name="Download this board (CSV)").click()
    rows = list(
        csv.reader(io.StringIO(Path(download.value.path()).read_bytes().decode("utf-8-sig")))
    )
    return rows[0], [row[0] for row in rows[1:]]


def test_the_teacher_removes_hides_downloads_and_starts_a_new_board(
    browser: Browser, url: str
) -> None:
    cy, di, teacher = _student(browser), _student(browser), _student(browser)
    for page, nickname in ((cy, "Cy"), (di, "Di")):
        _train_iris(page, url)
        _share(page, nickname)

    _open_board(cy, url)
    grid = cy.get_by_test_id("stDataFrame").locator("[role=grid]")
    expect(grid).to_contain_text("Di", timeout=REFRESH_TIMEOUT)
    shown = _grid_nicknames(cy, int(grid.get_attribute("aria-rowcount") or 0) - 1)
    assert {"Cy", "Di"} <= set(shown)  # And any runs shared before this test.
    open_page(teacher, url + "/class", "The class board")
    teacher.get_by_test_id("stExpander").get_by_text("For the teacher").click()
    _unlock(teacher, "owl-42-lamp")
    expect(teacher.get_by_text("That is not the teacher's code.")).to_be_visible()
    expect(teacher.get_by_text("Hide the board from the class")).to_have_count(0)
    _unlock(teacher, CODE)
    expect(teacher.get_by_text("Hide the board from the class")).to_be_visible()

    # Remove Di's run: it leaves Cy's board and the CSV.
    choice = teacher.get_by_test_id("stSelectbox").filter(has_text="Remove an entry")
    choose_option(teacher, choice.get_by_role("combobox"), re.compile(r"^Di: "))
    wait_for_app(teacher)
    teacher.get_by_role("button", name="Remove it").click()
    wait_for_app(teacher)
    expect(choice).to_have_count(1)
    options = open_options(teacher, choice.get_by_role("combobox"))
    expect(options.filter(has_text=re.compile(r"^Cy: "))).to_have_count(1)
    expect(options.filter(has_text=re.compile(r"^Di: "))).to_have_count(0)
    teacher.keyboard.press("Escape")
    left = [n for n in shown if n != "Di"]
    assert sorted(_grid_nicknames(cy, len(left))) == sorted(left)

    # Hidden, then shown again: the student's open page follows by itself.
    teacher.get_by_text("Hide the board from the class").click()
    wait_for_app(teacher)
    expect(cy.get_by_text(HIDDEN)).to_be_visible(timeout=REFRESH_TIMEOUT)
    expect(cy.get_by_test_id("stDataFrame")).to_have_count(0)
    teacher.get_by_text("Hide the board from the class").click()
    wait_for_app(teacher)
    expect(cy.get_by_text(HIDDEN)).to_have_count(0, timeout=REFRESH_TIMEOUT)
    expect(cy.get_by_role("radiogroup", name="Runs of")).to_be_visible()  # The board is back.
    # The student's choice outlived the hidden spell, when no "Runs of" control was drawn.
    expect(cy.get_by_role("radio", name="Iris")).to_be_checked()
    assert sorted(_grid_nicknames(cy, len(left))) == sorted(left)

    header, nicknames = _csv_nicknames(teacher)
    assert header[:3] == ["Nickname", "Chapter", "Shared at (UTC)"]
    assert header[-4:] == ["Test accuracy %", "Inverted accuracy %", "Weights", "Training seconds"]
    assert "Cy" in nicknames
    assert "Di" not in nicknames

    new_board = teacher.get_by_role("button", name="Start a new board")
    expect(new_board).to_be_disabled()
    teacher.get_by_text("I have downloaded this board: start a new one for the next class").click()
    wait_for_app(teacher)
    expect(new_board).to_be_enabled()
    new_board.click()
    wait_for_app(teacher)
    expect(_finding(teacher, "Nobody has shared an MNIST run yet.")).to_be_visible()
    expect(_finding(cy, "Nobody has shared an Iris run yet.")).to_be_visible(
        timeout=REFRESH_TIMEOUT
    )
    _no_exception(teacher)
    for page in (cy, di, teacher):
        page.context.close()


def test_nicknames_are_shown_as_typed_and_misleading_ones_are_refused(
    browser: Browser, url: str
) -> None:
    page = _student(browser)
    _train_iris(page, url)
    _type_nickname(page, "a\u202eb")  # A right-to-left override would reorder what follows.
    page.get_by_role("button", name="Share this run with the class").click()
    wait_for_app(page)
    refusal = page.get_by_test_id("stAlert").filter(has_text="U+202E")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("invisible formatting character")
    box = _type_nickname(page, "")
    box.press_sequentially("x" * 30)  # Typed key by key: the box keeps the first 24.
    expect(box).to_have_value("x" * 24)

    unsafe = ["<b>hi</b>", "**bold**", "[link](http://e.x)"]
    for number, nickname in enumerate(unsafe):
        if number:
            _train_iris(page, url)  # One share per run: a new run for each nickname.
        _share(page, nickname)

    _open_board(page, url)
    main = page.get_by_test_id("stMain")
    expect(_finding(page, f"The {len(unsafe)} Iris runs scored")).to_be_visible(
        timeout=REFRESH_TIMEOUT
    )
    assert sorted(_grid_nicknames(page, len(unsafe))) == sorted(unsafe)
    for nickname in unsafe:  # "Your shared runs": each as plain text.
        own = main.get_by_test_id("stText").filter(has_text=re.compile("^" + re.escape(nickname)))
        expect(own).to_have_count(1)
    expect(main.locator("b", has_text="hi")).to_have_count(0)
    expect(main.locator("strong", has_text=re.compile("^bold$"))).to_have_count(0)
    expect(main.locator('a[href^="http://e.x"]')).to_have_count(0)
    _no_exception(page)
    page.context.close()
