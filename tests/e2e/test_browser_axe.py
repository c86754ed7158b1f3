"""axe-core over every page, as a student first opens it and after what they do there.

WCAG 2.0 and 2.1, levels A and AA (tests/e2e/axe.py): no violation of any impact, on every
page of ui/frame/page_list.py at first visit, then after an Iris training, a small MNIST
training, a drawing, an upload of a photo, and a few steps on the Kernel convolution page.
A failure lists each violation with its rule, impact, element and markup.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PIL import Image, ImageDraw
from playwright.sync_api import Page, expect

from tests.e2e.axe import axe_violations
from tests.e2e.conftest import choose_option, draw_digit, open_page, wait_for_app
from ui.frame.page_list import PageEntry, every_page

pytestmark = pytest.mark.browser

PAGE_TIMEOUT = 120_000  # ms: a page's first run may import TensorFlow on a shared machine.
TRAINING_TIMEOUT = 240_000  # ms: TensorFlow's import, MNIST's loading and the training.


def violations_now(page: Page, where: str) -> list[str]:
    """Every WCAG 2.1 A/AA violation in the page as it is now, each line naming `where`;
    late parts (charts, the canvas) get a moment to draw first."""
    wait_for_app(page, timeout=PAGE_TIMEOUT)
    page.wait_for_timeout(1000)
    return [f"{where}: {violation}" for violation in axe_violations(page)]


def assert_axe_clean(page: Page, where: str) -> None:
    """No violation of any impact in the page as it is now."""
    violations = violations_now(page, where)
    assert not violations, f"{len(violations)} violations\n" + "\n".join(violations)


def _first_visit(page: Page, url: str) -> None:
    """Open a page in a new session (open_page closes a fresh server's spurious dialog)."""
    open_page(page, url, timeout=PAGE_TIMEOUT)


def _follow_sidebar_link(page: Page, url_path: str) -> None:
    """Another page in the same session, as a student gets there: the sidebar's link (found
    by its address: Streamlit shows a title's apostrophe as a typographic one)."""
    nav = page.get_by_test_id("stSidebarNav")
    link = nav.locator(f"a[href$='/{url_path}']")
    if not link.count():  # Streamlit shows the first ten pages, then "View 3 more".
        nav.get_by_role("button", name=re.compile(r"^View \d+ more$")).click()
    link.click()
    expect(link).to_have_attribute("aria-current", "page", timeout=PAGE_TIMEOUT)
    wait_for_app(page, timeout=PAGE_TIMEOUT)


def _no_exception(page: Page) -> None:
    expect(page.get_by_test_id("stException")).to_have_count(0)


@pytest.mark.parametrize("entry", every_page(), ids=lambda entry: entry.name)
def test_every_page_at_first_visit(page: Page, app_url: str, entry: PageEntry):
    _first_visit(page, f"{app_url}/{entry.url_path or ''}")
    _no_exception(page)
    assert_axe_clean(page, f"{entry.name} at first visit")


def test_iris_after_training(page: Page, app_url: str):
    # Two epochs of 20 steps, not the page's default: a short training at other settings.
    open_page(page, app_url + "/iris?iris_epochs=2&iris_steps=20", "The Iris classifier")
    page.get_by_role("button", name="Train the network").click()
    expect(
        page.get_by_test_id("stMetricLabel").get_by_text("Test accuracy", exact=True)
    ).to_be_visible(timeout=PAGE_TIMEOUT)
    _no_exception(page)
    assert_axe_clean(page, "Iris after a training")


def _draw_digit(page: Page, digit: int, seed: int) -> None:
    """Draw a digit (waiting for the page between strokes) and wait for its answer."""
    draw_digit(page, digit, seed, timeout=PAGE_TIMEOUT)
    expect(page.locator(".st-key-prediction")).to_contain_text(
        re.compile(r"\d+%"), timeout=PAGE_TIMEOUT
    )


def _photo_of_a_seven(folder: Path) -> Path:
    """A phone-photo-like picture: a dark 7 on light, uneven paper, larger than 28x28."""
    picture = Image.new("L", (240, 300), 225)
    pen = ImageDraw.Draw(picture)
    pen.line([(50, 60), (190, 60), (110, 250)], fill=30, width=18)
    path = folder / "seven.png"
    picture.save(path)
    return path


def test_after_a_small_mnist_training_a_drawing_and_a_photo(
    page: Page, app_url: str, tmp_path: Path
):
    # The smallest training set the page offers, one epoch: the quickest network to draw with.
    open_page(page, app_url + "/mnist?mnist_epochs=1", "MNIST: a network that reads digits")
    thumb = page.get_by_test_id("stSlider").filter(has_text="Training examples")
    thumb.get_by_role("slider").focus()
    thumb.get_by_role("slider").press("Home")
    wait_for_app(page, timeout=PAGE_TIMEOUT)
    page.get_by_role("button", name="Train the network").click()
    expect(
        page.get_by_test_id("stMetricLabel").get_by_text("Test accuracy (normal digits)")
    ).to_be_visible(timeout=TRAINING_TIMEOUT)
    _no_exception(page)
    # Every state is looked at, and the test fails at the end with all they had.
    found = violations_now(page, "MNIST training after a training")

    _follow_sidebar_link(page, "draw")
    _no_exception(page)
    found += violations_now(page, "Draw a digit with a network, before drawing")
    _draw_digit(page, 3, seed=7)
    _no_exception(page)
    found += violations_now(page, "Draw a digit after a drawing")

    photo = _photo_of_a_seven(tmp_path)
    page.locator(".st-key-draw_upload input[type=file]").set_input_files(str(photo))
    expect(page.get_by_text(re.compile(r"seven\.png: \d \(\d+%\)"))).to_be_visible(
        timeout=PAGE_TIMEOUT
    )
    _no_exception(page)
    found += violations_now(page, "Draw a digit after a photo's upload")

    _follow_sidebar_link(page, "inside-cnn")
    _no_exception(page)
    found += violations_now(page, "Inside the CNN with a network and a drawing")

    _follow_sidebar_link(page, "closing")
    _no_exception(page)
    found += violations_now(page, "the closing page with a network")
    assert not found, f"{len(found)} violations\n" + "\n".join(found)


def test_kernel_convolution_after_a_few_steps(page: Page, app_url: str):
    open_page(page, app_url + "/convolution", "An image is a grid of numbers")
    page.get_by_test_id("stRadio").filter(has_text="Image").get_by_text(
        "Handwritten-style digit"
    ).click()
    wait_for_app(page, timeout=PAGE_TIMEOUT)
    choose_option(page, page.get_by_label("Preset kernel"), "Sobel magnitude")
    wait_for_app(page, timeout=PAGE_TIMEOUT)
    page.get_by_test_id("stRadio").filter(has_text="Show the result").get_by_text(
        "rescaled, 0 as grey"
    ).click()
    wait_for_app(page, timeout=PAGE_TIMEOUT)
    pixel = page.get_by_test_id("stSlider").filter(has_text="Pixel row").get_by_role("slider")
    pixel.focus()
    for _ in range(3):
        pixel.press("ArrowRight")
    wait_for_app(page, timeout=PAGE_TIMEOUT)
    expect(page.get_by_text("Output: Sobel magnitude", exact=True)).to_be_visible()
    _no_exception(page)
    assert_axe_clean(page, "Kernel convolution after a few steps")
