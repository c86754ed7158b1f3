"""The class board's steps in a real browser, for tests/e2e/test_browser_class_board.py: a
student (a browser context of its own, so a cookie and an identity of its own) trains, shares
and opens the board; a teacher unlocks the controls and downloads the board."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from playwright.sync_api import Browser, Locator, Page, expect

from tests.e2e.conftest import draw_digit, open_page, wait_for_app

TRAINING_TIMEOUT = 120_000  # ms: TensorFlow's import in a worker plus the training.
MNIST_TIMEOUT = 240_000  # ms: loading MNIST once per server, then a 5,000-digit epoch.
REFRESH_TIMEOUT = 15_000  # ms: the board is re-read every 2 s and looked at every 5 s.
IRIS_LINK = "/iris?iris_epochs=2&iris_steps=20"  # A teacher's link: a quick Iris training.
MNIST_LINK = "/mnist?mnist_train_size=5000&mnist_epochs=1"
CODE = "owl-42-lantern"
NICKNAME = "Your nickname on the class board"
HIDDEN = "Your teacher has hidden the class board for now."
PREDICTION = re.compile(r"Prediction: \d \(\d+%\)")


def student(browser: Browser) -> Page:
    """A new student: a fresh context, so a cookie (and an identity) of its own."""
    return browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()


def no_exception(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


def train_iris(page: Page, url: str) -> None:
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
    no_exception(page)


def type_nickname(page: Page, nickname: str) -> Locator:
    box = page.get_by_test_id("stTextInput").filter(has_text=NICKNAME).locator("input")
    box.fill(nickname)
    box.press("Enter")  # Sent to the server before the button is pressed.
    wait_for_app(page)
    return box


def share(page: Page, nickname: str) -> None:
    type_nickname(page, nickname)
    page.get_by_role("button", name="Share this run with the class").click()
    expect(page.get_by_text("Shared: your run is on the Class page.")).to_be_visible(timeout=30_000)
    wait_for_app(page)
    # The share box now names the run's nickname, as plain text.
    expect(page.get_by_test_id("stText").get_by_text(nickname, exact=True)).to_be_visible()
    no_exception(page)


def open_board(page: Page, url: str, chapter: str = "Iris") -> None:
    open_page(page, url + "/class", "The class board")
    page.get_by_test_id("stButtonGroup").get_by_text(chapter, exact=True).click()
    wait_for_app(page)


def grid_nicknames(page: Page, rows: int) -> list[str]:
    """The board table's Nickname column, once it has `rows` rows (the grid is a canvas
    with an accessible <table role=grid> inside; its header row counts as a row too)."""
    grid = page.get_by_test_id("stDataFrame").locator("[role=grid]")
    expect(grid).to_have_attribute("aria-rowcount", str(rows + 1), timeout=REFRESH_TIMEOUT)
    cells = grid.locator("tbody [role=row] > [aria-colindex='1']")
    expect(cells).to_have_count(rows)
    return [cell.inner_text().strip() for cell in cells.all()]


def finding(page: Page, text: str | re.Pattern) -> Locator:
    return page.get_by_test_id("stAlert").filter(has_text=text)


def draw_a_digit(page: Page, digit: int) -> None:
    draw_digit(page, digit, timeout=TRAINING_TIMEOUT)


def unlock(teacher: Page, code: str) -> None:
    form = teacher.get_by_test_id("stForm")
    form.get_by_test_id("stTextInput").locator("input").fill(code)
    form.get_by_role("button", name="Unlock the teacher controls").click()
    wait_for_app(teacher)


def csv_nicknames(teacher: Page) -> tuple[list[str], list[str]]:
    """The header of the downloaded board, and its Nickname column."""
    with teacher.expect_download() as download:
        teacher.get_by_role("button", name="Download this board (CSV)").click()
    rows = list(
        csv.reader(io.StringIO(Path(download.value.path()).read_bytes().decode("utf-8-sig")))
    )
    return rows[0], [row[0] for row in rows[1:]]
