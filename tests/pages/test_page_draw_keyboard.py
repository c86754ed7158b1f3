"""AppTest of the Draw page's keyboard path: the grid drawn on with the arrow keys, and the
picker of a test digit or one of the workshop's pictures.

AppTest cannot press keys in the grid (a custom component); it sets the component's state as
the browser does when the student presses Enter: the grid's cells as text of "0" and "1".
The keys themselves are driven in tests/e2e/test_browser_keyboard.py.
"""

from __future__ import annotations

import re

import pytest
from streamlit.testing.v1 import AppTest

from core.digits.keyboard_grid import cells_text, grid_image, line_cells
from core.digits.predict import predict_drawing
from core.digits.workshop_examples import pictures
from core.mnist.data import load_mnist
from tests.conftest import ROOT
from ui.draw.views import png_uri

APP = str(ROOT / "app.py")
PAGE = "app_pages/draw.py"
SECTION = "Draw with the keyboard, or pick a test digit"
SEES = "What the network sees: 28x28 pixels"
SEVEN = [(2, 3), (2, 10), (11, 5)]  # A 7 as the arrow keys draw it, in (row, column).


def open_page(run) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.session_state["mnist_runs"] = [run]
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def predictions(at: AppTest) -> list[tuple[int, int]]:
    found = (re.fullmatch(r"### Prediction: (\d) \((\d+)%\)", m.value) for m in at.markdown)
    return [(int(f.group(1)), int(f.group(2))) for f in found if f]


def seen_images(at: AppTest) -> list[str]:
    """The data URIs of every 'what the network sees' picture on the page."""
    return [
        re.search(r'src="([^"]+)"', h.value).group(1) for h in at.html if f'alt="{SEES}"' in h.value
    ]


@pytest.fixture(scope="module")
def run(small_runs):
    return small_runs[True]  # Trained with inverted copies: it reads both papers.


def test_the_section_says_its_keys_and_waits_for_a_drawing(run) -> None:
    at = open_page(run)
    assert SECTION in [e.label for e in at.main.expander]
    keys = [m.value for m in at.markdown if m.value.startswith("**Keys:**")]
    assert len(keys) == 1 and "Space puts the pen down" in keys[0] and "Enter sends" in keys[0]
    assert any("Draw a digit on the grid, then press Enter." in i.value for i in at.info)
    assert predictions(at) == [] and seen_images(at) == []
    assert at.selectbox(key="draw_pick").value == "nothing"


@pytest.mark.parametrize(("paper", "centre"), [("black", True), ("white", False)])
def test_a_grid_sent_from_the_keyboard_is_answered_like_a_drawing(run, paper, centre) -> None:
    at = open_page(run)
    at.radio(key="draw_paper").set_value(paper)
    at.toggle(key="draw_centre").set_value(centre)
    at.session_state["draw_keys_grid"] = {"cells": cells_text(line_cells(SEVEN))}
    at.run()
    assert not at.exception
    expected = predict_drawing(run.network, grid_image(line_cells(SEVEN), paper), paper, centre)
    assert predictions(at) == [(expected.digit, round(expected.confidence * 100))]
    assert seen_images(at) == [png_uri(expected.pre.input)]
    assert not any("Draw a digit on the grid" in i.value for i in at.info)


def test_a_cleared_grid_takes_the_answer_away(run) -> None:
    at = open_page(run)
    at.session_state["draw_keys_grid"] = {"cells": cells_text(line_cells(SEVEN))}
    at.run()
    assert len(predictions(at)) == 1
    at.session_state["draw_keys_grid"] = {"cells": "0" * 196}
    at.run()
    assert predictions(at) == [] and seen_images(at) == []


def test_picking_a_workshop_picture_and_a_test_digit(run) -> None:
    at = open_page(run)
    options = at.selectbox(key="draw_pick").options
    assert "The workshop's picture of a dog" in options
    assert "A digit of MNIST's test set (pick its number below)" in options
    at.selectbox(key="draw_pick").set_value("workshop:4").run()
    four = next(p for p in pictures() if p.name == "4").image
    expected = predict_drawing(run.network, four, "auto", True)
    assert predictions(at) == [(expected.digit, round(expected.confidence * 100))]
    assert seen_images(at) == [png_uri(expected.pre.input)]

    at.selectbox(key="draw_pick").set_value("mnist").run()
    at.number_input(key="draw_pick_index").set_value(1234).run()
    assert not at.exception
    data = load_mnist()
    expected = predict_drawing(run.network, data.x_test[1234], "black", True)
    assert predictions(at) == [(expected.digit, round(expected.confidence * 100))]
    caption = f"MNIST test digit 1,234, labelled {int(data.y_test[1234])}"
    assert any(f'alt="{caption}"' in h.value for h in at.html)
