"""The drawing -> 28x28 pipeline, checked against MNIST's own normalisation."""

from __future__ import annotations

import dataclasses
import gzip
import os
from functools import cache
from pathlib import Path

import numpy as np
import pytest

from core.digits.preprocess import Preprocessed, preprocess_drawing, to_model_batch
from core.digits.strokes import draw_strokes, render_digit

INDEX = np.arange(28)


@cache
def mnist_test_images() -> np.ndarray:
    path = Path(os.environ["MNIST_DIR"]) / "t10k-images-idx3-ubyte.gz"
    assert path.exists(), f"no MNIST copy at {path}: set MNIST_DIR (.ci/run does)"
    return np.frombuffer(gzip.decompress(path.read_bytes()), np.uint8, offset=16).reshape(
        -1, 28, 28
    )


def ink_of(pre: Preprocessed, white: bool) -> np.ndarray:
    return 1.0 - pre.input if white else pre.input


def centre_of_mass(ink: np.ndarray) -> tuple[float, float]:
    mass = ink.sum()
    return float(ink.sum(1) @ INDEX / mass), float(ink.sum(0) @ INDEX / mass)


def longer_side(ink: np.ndarray) -> int:
    rows, cols = np.flatnonzero(ink.any(1)), np.flatnonzero(ink.any(0))
    return max(rows[-1] - rows[0] + 1, cols[-1] - cols[0] + 1)


@pytest.mark.parametrize("paper", ["black", "white", "transparent"])
@pytest.mark.parametrize("digit", range(10))
def test_digit_is_centred_and_20_px(digit: int, paper: str) -> None:
    image = render_digit(digit, np.random.default_rng(digit), paper)
    pre = preprocess_drawing(image, "black" if paper == "black" else "white")
    assert not pre.empty
    assert pre.input.shape == (28, 28) and pre.input.dtype == np.float32
    assert pre.input.min() >= 0.0 and pre.input.max() <= 1.0
    ink = ink_of(pre, paper != "black")
    # MNIST puts the centre of mass on pixel 14 by whole-pixel moves, so it is within 0.5 px.
    cy, cx = centre_of_mass(ink)
    assert abs(cy - 14) <= 0.51 and abs(cx - 14) <= 0.51
    assert abs(longer_side(ink > 0) - 20) <= 1
    assert pre.scaled20.dtype == np.uint8 and max(pre.scaled20.shape) == 20
    np.testing.assert_array_equal(pre.input, pre.centred / np.float32(255))


def test_polarity_is_kept() -> None:
    rng = np.random.default_rng(7)
    on_white = preprocess_drawing(render_digit(3, rng, "white"), "white").input
    assert on_white[0, 0] == 1.0 and on_white[:, 0].min() == 1.0 and on_white.min() < 0.1
    on_black = preprocess_drawing(render_digit(3, rng, "black"), "black").input
    assert on_black[0, 0] == 0.0 and on_black[:, 0].max() == 0.0 and on_black.max() > 0.9


@pytest.mark.parametrize(
    "image",
    [
        np.zeros((280, 280, 4), np.uint8),  # The canvas before any drawing: all transparent.
        np.full((280, 280, 4), 255, np.uint8),  # Opaque white.
        np.full((100, 60, 3), (0, 0, 0), np.uint8),
        np.full((50, 50), 128, np.uint8),  # One grey colour.
        np.random.default_rng(0).integers(0, 20, (280, 280)).astype(np.uint8),  # Faint noise.
    ],
)
@pytest.mark.parametrize("paper", ["black", "white", "auto"])
def test_empty_drawings_give_plain_paper(image: np.ndarray, paper: str) -> None:
    pre = preprocess_drawing(image, paper)
    assert pre.empty
    assert pre.input.dtype == np.float32 and pre.input.shape == (28, 28)
    assert np.ptp(pre.input) == 0.0 and pre.input[0, 0] in (0.0, 1.0)
    if paper != "auto":
        assert pre.input[0, 0] == (1.0 if paper == "white" else 0.0)


def test_black_stroke_on_transparent_canvas_is_ink() -> None:
    image = np.zeros((280, 280, 4), np.uint8)
    image[40:240, 130:150, 3] = 255  # The component's default: black pen, alpha-0 background.
    for paper in ("white", "auto"):
        pre = preprocess_drawing(image, paper)
        assert not pre.empty
        assert pre.input[0, 0] == 1.0 and pre.input[14, 14] == 0.0
        # A 200x20 bar becomes 20x2 around the centre.
        assert (pre.input < 0.5).sum() == 40


def test_rgb_grey_and_rgba_agree() -> None:
    rgba = render_digit(5, np.random.default_rng(3), "white")
    results = [preprocess_drawing(a, "auto").input for a in (rgba, rgba[..., :3], rgba[..., 0])]
    for other in results[1:]:
        np.testing.assert_allclose(other, results[0], atol=1 / 255)
    black_pen = rgba.copy()
    black_pen[..., :3], black_pen[..., 3] = 0, 255 - rgba[..., 0]  # Same ink, transparent paper.
    np.testing.assert_allclose(preprocess_drawing(black_pen, "white").input, results[0], atol=2e-2)


def test_auto_paper_and_contrast_stretch_for_photos() -> None:
    photo = np.full((120, 90), 200, np.uint8)  # Grey paper, grey pencil.
    photo[20:100, 40:50] = 80
    pre = preprocess_drawing(photo, "auto")
    assert pre.input.max() == 1.0 and pre.input.min() == 0.0
    assert preprocess_drawing(255 - photo, "auto").input[14, 14] == 1.0


def test_shrinking_the_whole_canvas_keeps_a_small_digit_small() -> None:
    image = np.zeros((280, 280, 4), np.uint8)
    image[20:80, 20:35] = 255  # A small "1" in the top-left corner.
    whole = preprocess_drawing(image, "black", centre=False)
    centred = preprocess_drawing(image, "black")
    assert not whole.empty and whole.input.shape == (28, 28) and whole.input.dtype == np.float32
    assert longer_side(whole.input > 0) <= 7  # A tenth of the 60 px it was drawn at.
    cy, cx = centre_of_mass(whole.input)
    assert cy < 6 and cx < 4
    assert longer_side(centred.input > 0) == 20
    assert np.abs(whole.input - centred.input).mean() > 0.05


def test_mnist_digits_survive_the_round_trip() -> None:
    images = mnist_test_images()[:50]
    for digit in images:
        canvas = np.kron(digit, np.ones((10, 10), np.uint8))  # As if drawn at 280x280.
        pre = preprocess_drawing(canvas, "black")
        original = digit / np.float32(255)
        assert np.abs(pre.input - original).mean() < 0.02
        cy, cx = centre_of_mass(pre.input)
        oy, ox = centre_of_mass(original)
        assert abs(cy - oy) < 0.6 and abs(cx - ox) < 0.6


def test_odd_shapes_and_types() -> None:
    dot = np.zeros((280, 280), np.uint8)
    dot[100:103, 200:203] = 255
    assert not preprocess_drawing(dot).empty  # A dot is blown up to 20x20; no crash.
    line = np.zeros((280, 280), np.float64)
    line[5, 10:270] = 300.0  # Floats are clipped to 0..255; a 1-px line stays one row.
    pre = preprocess_drawing(line)
    assert pre.scaled20.shape == (1, 20) and longer_side(pre.input > 0) == 20
    strokes = [[(20.0, 20.0), (260.0, 30.0)], [(30.0, 30.0), (30.0, 40.0)]]  # Lopsided.
    assert preprocess_drawing(draw_strokes(strokes)).input.shape == (28, 28)


def test_batch_shape_and_frozen_result() -> None:
    pre = preprocess_drawing(render_digit(0, np.random.default_rng(0)))
    batch = to_model_batch(pre)
    assert batch.shape == (1, 28, 28, 1) and batch.dtype == np.float32
    np.testing.assert_array_equal(batch[0, :, :, 0], pre.input)
    with pytest.raises(dataclasses.FrozenInstanceError):
        pre.empty = True  # type: ignore[misc]


@pytest.mark.parametrize(
    ("image", "paper"),
    [(np.zeros((28, 28, 2)), "black"), (np.zeros((0, 5)), "black"), (np.zeros((9, 9)), "red")],
)
def test_bad_arguments_raise_value_error(image: np.ndarray, paper: str) -> None:
    with pytest.raises(ValueError):
        preprocess_drawing(image, paper)
