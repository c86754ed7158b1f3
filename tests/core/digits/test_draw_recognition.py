"""Do networks trained like the workshop's read digits drawn like a student draws them?

Two networks (one epoch on all 60,000 MNIST digits, invert off and on; see tests/conftest.py)
read 200 mouse-like digits from core.digits.strokes, drawn on either paper, through the same
predict_drawing call the Draw page makes. The workshop's lesson must hold: the plain network
reads white-on-black drawings and fails on black-on-white ones; the inverted one reads both.
"""

from __future__ import annotations

from functools import cache

import numpy as np
import pytest

from core.digits.examples import examples
from core.digits.predict import predict_drawing
from core.digits.strokes import render_digit

PER_CLASS = 20
SEED = 7


@cache
def drawings(paper: str) -> tuple[tuple[np.ndarray, int], ...]:
    """20 drawings of each digit on `paper` ("black" or "white"), the same every run.

    Each paper gets the same strokes: only the colours differ.
    """
    rng = np.random.default_rng(SEED)
    return tuple(
        (render_digit(digit, rng, paper, 280), digit)
        for _ in range(PER_CLASS)
        for digit in range(10)
    )


def accuracy(model, paper: str) -> tuple[float, list[tuple[int, int]]]:
    """Share of the drawings read right, and the (truth, answer) pairs of the misread ones."""
    wrong = []
    for image, digit in drawings(paper):
        answer = predict_drawing(model, image, paper).digit
        if answer != digit:
            wrong.append((digit, answer))
    return 1 - len(wrong) / len(drawings(paper)), wrong


def test_the_drawings_are_balanced_and_identical_across_papers() -> None:
    black, white = drawings("black"), drawings("white")
    assert len(black) == len(white) == 10 * PER_CLASS
    assert np.bincount([d for _, d in black]).tolist() == [PER_CLASS] * 10
    for (a, da), (b, db) in zip(black, white, strict=True):
        assert da == db
        np.testing.assert_array_equal(a[..., 0], 255 - b[..., 0])


def test_plain_model_reads_white_on_black_drawings(mnist_model_plain) -> None:
    score, wrong = accuracy(mnist_model_plain.model, "black")
    assert score >= 0.95, f"{score:.1%}; misread (truth, answer): {wrong}"


def test_plain_model_fails_on_black_on_white_drawings(mnist_model_plain) -> None:
    """The workshop's lesson: MNIST has only white-on-black digits."""
    score, _ = accuracy(mnist_model_plain.model, "white")
    assert score < 0.5, f"{score:.1%}"


@pytest.mark.parametrize("paper", ["white", "black"])
def test_invert_model_reads_both_papers(mnist_model_invert, paper: str) -> None:
    score, wrong = accuracy(mnist_model_invert.model, paper)
    assert score >= 0.95, f"{paper} paper: {score:.1%}; misread (truth, answer): {wrong}"


@pytest.mark.parametrize("paper", ["black", "white"])
def test_an_empty_canvas_gets_no_prediction(mnist_model_plain, paper: str) -> None:
    colour = 0 if paper == "black" else 255
    blank = np.full((280, 280, 4), colour, dtype=np.uint8)
    blank[..., 3] = 255
    transparent = np.zeros((280, 280, 4), dtype=np.uint8)  # The canvas before any stroke.
    for image in (blank, transparent):
        prediction = predict_drawing(mnist_model_plain.model, image, paper)
        assert prediction.pre.empty
        assert prediction.probabilities is None and prediction.digit is None
        assert prediction.confidence == 0.0 and not prediction.unsure


def test_example_table_shows_the_inversion_lesson(mnist_model_plain, mnist_model_invert) -> None:
    """Every example runs through both networks; the inverted one reads more of the
    black-on-white examples than the plain one."""
    rows = examples()
    right = {}
    for name, trained in (("plain", mnist_model_plain), ("invert", mnist_model_invert)):
        right[name] = 0
        for example in rows:
            prediction = predict_drawing(trained.model, example.image, example.paper)
            assert prediction.probabilities is not None, example.name
            assert prediction.probabilities.shape == (10,)
            assert prediction.probabilities.sum() == pytest.approx(1.0, abs=1e-4)
            if example.paper == "white" and example.truth is not None:
                right[name] += prediction.digit == example.truth
    assert any(e.paper == "white" and e.truth is not None for e in rows)
    assert right["invert"] > right["plain"], right
