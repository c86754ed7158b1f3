"""The Draw and closing pages' quick questions, against the preprocessing and the dog's table."""

from __future__ import annotations

import numpy as np

from core.digits.preprocess import preprocess_drawing
from core.digits.questions import closing_questions, draw_questions
from core.digits.strokes import render_digit


def test_the_input_size_and_the_border_of_a_real_preprocessed_drawing() -> None:
    numbers, border = draw_questions()
    drawing = render_digit(1, np.random.default_rng(4))  # Tall: its height is the longer side.
    seen = preprocess_drawing(drawing, paper="auto").input
    assert numbers.answer == seen.size == 784
    rows = np.flatnonzero(seen.max(axis=1) > 0.05)
    assert rows[-1] - rows[0] + 1 <= 28 - 2 * border.answer + 1  # Fits the 20-pixel box.
    assert border.answer == 4


def test_the_dogs_table() -> None:
    rows = {
        "Your network": [1, 2, 3, 4, 5, 6, 7, 61.6, 5, 5.4],
        "A": [0, 0, 0, 0, 0, 0, 0, 49, 51, 0],
        "B": [10] * 10,
        "C": [0, 0, 0, 80, 0, 0, 0, 0, 20, 0],
    }
    rest, sure = closing_questions(rows)
    assert "62% for a 7" in rest.text
    assert rest.answer == sum(rows["Your network"]) - 61.6
    assert rest.accepts(38) and not rest.accepts(40)
    assert sure.answer == 3 and "Your network, A, C" in sure.working
    rest, _ = closing_questions({"Workshop": [0, 0, 0, 0, 0, 0, 0, 0, 81, 19]})
    assert "for an 8" in rest.text
