"""The class board in a real browser: students share runs, classmates see and draw with them.

Every student is a browser context of its own (its own cookie, so its own student). Each test
starts a server of its own, on a store folder of its own (so a board of its own, whatever
order the tests run in), with a teacher's code set. The steps: class_board_steps.py.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, expect

from devtools.server import free_port, start_server, stop_server
from tests.e2e.class_board_steps import (
    CODE,
    HIDDEN,
    MNIST_LINK,
    MNIST_TIMEOUT,
    PREDICTION,
    REFRESH_TIMEOUT,
    TRAINING_TIMEOUT,
    csv_nicknames,
    draw_a_digit,
    finding,
    grid_nicknames,
    no_exception,
    open_board,
    share,
    student,
    train_iris,
    type_nickname,
    unlock,
)
from tests.e2e.conftest import choose_option, open_options, open_page, wait_for_app

pytestmark = pytest.mark.browser


@pytest.fixture
def url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    folder: Path = tmp_path_factory.mktemp("class_store")
    port = free_port()
    process = start_server(port, {"WORKSHOP_DATA_DIR": str(folder), "WORKSHOP_TEACHER_CODE": CODE})
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(process)


def test_a_classmate_sees_shared_runs_and_a_withdrawal_without_a_reload(
    browser: Browser, url: str
) -> None:
    ada, bo, cy = student(browser), student(browser), student(browser)
    for page, nickname in ((ada, "Ada"), (bo, "Bo")):
        train_iris(page, url)
        share(page, nickname)

    open_board(cy, url)
    expect(finding(cy, "The 2 Iris runs scored")).to_be_visible(timeout=REFRESH_TIMEOUT)
    expect(cy.get_by_text(re.compile(r"The chart shows 2 Iris runs \("))).to_be_visible()
    assert sorted(grid_nicknames(cy, 2)) == ["Ada", "Bo"]
    expect(cy.get_by_text("Your shared runs")).to_have_count(0)  # Cy shared nothing.
    no_exception(cy)

    cy.evaluate("() => { window.sameDocument = true; }")  # Gone if the page reloads.
    bo.get_by_role("button", name="Withdraw it from the board").click()
    expect(bo.get_by_text("Withdrawn: the run is no longer on the class board.")).to_be_visible(
        timeout=30_000
    )
    expect(finding(cy, "The 1 Iris run so far scored")).to_be_visible(timeout=REFRESH_TIMEOUT)
    expect(cy.get_by_text(re.compile(r"The chart shows 1 Iris run \("))).to_be_visible()
    expect(cy.get_by_test_id("stDataFrame").locator("[role=grid]")).to_have_attribute(
        "aria-rowcount",
        "2",  # The header and Ada's run.
    )
    assert grid_nicknames(cy, 1) == ["Ada"]
    assert cy.evaluate("() => window.sameDocument === true")
    no_exception(cy)
    for page in (ada, bo, cy):
        page.context.close()


def test_a_student_who_never_trained_draws_with_a_classmates_network(
    browser: Browser, url: str
) -> None:
    ada, cy = student(browser), student(browser)
    open_page(ada, url + MNIST_LINK, "MNIST")
    ada.get_by_role("button", name="Train the network").click()
    expect(ada.get_by_role("button", name="Share this run with the class")).to_be_visible(
        timeout=MNIST_TIMEOUT
    )
    wait_for_app(ada, timeout=MNIST_TIMEOUT)
    share(ada, "Ada")

    open_page(cy, url + "/draw", "Draw a digit")
    expect(cy.get_by_text("There is no trained network yet")).to_have_count(0)
    network = cy.get_by_test_id("stSelectbox").filter(has_text="Network").get_by_role("combobox")
    label = re.compile(r"^Class board #\d+: Ada \(\d+% normal, \d+% inverted\)$")
    choose_option(cy, network, label)
    wait_for_app(cy, timeout=TRAINING_TIMEOUT)
    expect(network).to_have_value(label)
    no_exception(cy)

    draw_a_digit(cy, 7)
    expect(cy.locator(".st-key-prediction")).to_have_text(PREDICTION, timeout=TRAINING_TIMEOUT)
    no_exception(cy)
    for page in (ada, cy):
        page.context.close()


def test_the_teacher_removes_hides_downloads_and_starts_a_new_board(
    browser: Browser, url: str
) -> None:
    cy, di, teacher = student(browser), student(browser), student(browser)
    for page, nickname in ((cy, "Cy"), (di, "Di")):
        train_iris(page, url)
        share(page, nickname)

    open_board(cy, url)
    grid = cy.get_by_test_id("stDataFrame").locator("[role=grid]")
    expect(grid).to_contain_text("Di", timeout=REFRESH_TIMEOUT)
    shown = grid_nicknames(cy, int(grid.get_attribute("aria-rowcount") or 0) - 1)
    assert {"Cy", "Di"} <= set(shown)  # And any runs shared before this test.
    open_page(teacher, url + "/class", "The class board")
    teacher.get_by_test_id("stExpander").get_by_text("For the teacher").click()
    unlock(teacher, "owl-42-lamp")
    expect(teacher.get_by_text("That is not the teacher's code.")).to_be_visible()
    expect(teacher.get_by_text("Hide the board from the class")).to_have_count(0)
    unlock(teacher, CODE)
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
    assert sorted(grid_nicknames(cy, len(left))) == sorted(left)

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
    assert sorted(grid_nicknames(cy, len(left))) == sorted(left)

    header, nicknames = csv_nicknames(teacher)
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
    expect(finding(teacher, "Nobody has shared an MNIST run yet.")).to_be_visible()
    expect(finding(cy, "Nobody has shared an Iris run yet.")).to_be_visible(timeout=REFRESH_TIMEOUT)
    no_exception(teacher)
    for page in (cy, di, teacher):
        page.context.close()


def test_nicknames_are_shown_as_typed_and_misleading_ones_are_refused(
    browser: Browser, url: str
) -> None:
    page = student(browser)
    train_iris(page, url)
    type_nickname(page, "a\u202eb")  # A right-to-left override would reorder what follows.
    page.get_by_role("button", name="Share this run with the class").click()
    wait_for_app(page)
    refusal = page.get_by_test_id("stAlert").filter(has_text="U+202E")
    expect(refusal).to_be_visible()
    expect(refusal).to_contain_text("invisible formatting character")
    box = type_nickname(page, "")
    box.press_sequentially("x" * 30)  # Typed key by key: the box keeps the first 24.
    expect(box).to_have_value("x" * 24)

    unsafe = ["<b>hi</b>", "**bold**", "[link](http://e.x)"]
    for number, nickname in enumerate(unsafe):
        if number:
            train_iris(page, url)  # One share per run: a new run for each nickname.
        share(page, nickname)

    open_board(page, url)
    main = page.get_by_test_id("stMain")
    expect(finding(page, f"The {len(unsafe)} Iris runs scored")).to_be_visible(
        timeout=REFRESH_TIMEOUT
    )
    assert sorted(grid_nicknames(page, len(unsafe))) == sorted(unsafe)
    for nickname in unsafe:  # "Your shared runs": each as plain text.
        own = main.get_by_test_id("stText").filter(has_text=re.compile("^" + re.escape(nickname)))
        expect(own).to_have_count(1)
    expect(main.locator("b", has_text="hi")).to_have_count(0)
    expect(main.locator("strong", has_text=re.compile("^bold$"))).to_have_count(0)
    expect(main.locator('a[href^="http://e.x"]')).to_have_count(0)
    no_exception(page)
    page.context.close()
