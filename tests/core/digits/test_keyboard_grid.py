"""The keyboard pen's grid: text from the browser to the 28x28 picture the canvas would give."""

from __future__ import annotations

import numpy as np
import pytest

from core.digits.keyboard_grid import (
    CELL,
    GRID,
    blank_cells,
    cells_text,
    grid_image,
    line_cells,
    parse_cells,
)
from core.digits.predict import predict_drawing
from core.digits.preprocess import FIELD, preprocess_drawing


def test_the_grid_fits_the_picture_in_whole_blocks():
    assert GRID * CELL == FIELD == 28


def test_text_round_trip_keeps_every_cell():
    rng = np.random.default_rng(3)
    cells = rng.random((GRID, GRID)) < 0.3
    text = cells_text(cells)
    assert len(text) == GRID * GRID and set(text) <= {"0", "1"}
    assert np.array_equal(parse_cells(text), cells)
    assert not parse_cells(blank_cells()).any()


@pytest.mark.parametrize(
    ("text", "problem"),
    [("0" * (GRID * GRID - 1), "expected 196 cells, got 195"), ("2" * GRID * GRID, '"0"')],
)
def test_bad_text_is_refused(text: str, problem: str):
    with pytest.raises(ValueError, match=problem):
        parse_cells(text)


def test_a_cell_is_a_block_of_ink_in_the_canvas_colours():
    cells = np.zeros((GRID, GRID), dtype=bool)
    cells[3, 5] = True  # Row 3, column 5: pixels 6-7 down, 10-11 across.
    black = grid_image(cells, "black")
    assert black.shape == (FIELD, FIELD) and black.dtype == np.uint8
    assert (black[6:8, 10:12] == 255).all() and black.sum() == 4 * 255
    white = grid_image(cells, "white")
    assert (white[6:8, 10:12] == 0).all() and (white == 255).sum() == FIELD * FIELD - 4


def test_grid_image_refuses_an_unknown_paper_and_a_grid_that_does_not_divide_28():
    with pytest.raises(ValueError, match="paper"):
        grid_image(np.zeros((GRID, GRID), dtype=bool), "grey")
    with pytest.raises(ValueError, match="square grid"):
        grid_image(np.zeros((10, 10), dtype=bool))


def test_a_slanted_line_is_a_staircase_of_single_steps():
    cells = line_cells([(2, 3), (2, 10), (11, 5)])  # A 7, as arrow keys draw it.
    assert cells[2, 3:11].all()  # The top bar.
    assert cells[11, 5] and cells.sum() == 8 + 14  # 7 cells right, then 9 down and 5 left.
    rows, cols = np.nonzero(cells)
    for r, c in zip(rows, cols, strict=True):  # Every inked cell touches another by a side.
        neighbours = [(r + dr, c + dc) for dr, dc in ((0, 1), (0, -1), (1, 0), (-1, 0))]
        assert any(0 <= a < GRID and 0 <= b < GRID and cells[a, b] for a, b in neighbours)


@pytest.mark.parametrize("paper", ["black", "white"])
def test_a_grid_drawing_goes_through_the_canvas_preprocessing(paper: str):
    """A 1 ten cells tall becomes MNIST's 20 px tall digit, centred, on the same paper."""
    image = grid_image(line_cells([(2, 7), (11, 7)]), paper)
    pre = preprocess_drawing(image, paper=paper)
    assert not pre.empty
    ink = pre.centred if paper == "black" else 255 - pre.centred
    rows = np.flatnonzero((ink > 32).any(axis=1))
    assert rows[-1] - rows[0] + 1 == 20
    assert 13 <= (ink.sum(axis=1) @ np.arange(FIELD)) / ink.sum() <= 15


def test_an_empty_grid_gets_no_prediction():
    image = grid_image(parse_cells(blank_cells()), "white")
    assert predict_drawing(None, image, "white").probabilities is None
