"""Synthetic mouse-drawn digits: reproducible, inside the canvas, and recognisably MNIST-like."""

from __future__ import annotations

import gzip
import os
from pathlib import Path

import numpy as np
import pytest

from core.digits.preprocess import preprocess_drawing
from core.digits.strokes import STYLES, draw_strokes, render_digit, stroke_points


def test_same_seed_same_drawing() -> None:
    a = render_digit(4, np.random.default_rng(11))
    b = render_digit(4, np.random.default_rng(11))
    c = render_digit(4, np.random.default_rng(12))
    assert a.shape == (280, 280, 4) and a.dtype == np.uint8
    np.testing.assert_array_equal(a, b)
    assert not np.array_equal(a, c)


@pytest.mark.parametrize(
    ("paper", "background", "ink"),
    [
        ("black", (0, 0, 0, 255), (255, 255, 255, 255)),
        ("white", (255, 255, 255, 255), (0, 0, 0, 255)),
        ("transparent", (0, 0, 0, 0), (0, 0, 0, 255)),
    ],
)
def test_papers(paper: str, background: tuple[int, ...], ink: tuple[int, ...]) -> None:
    image = render_digit(1, np.random.default_rng(0), paper)
    assert tuple(image[0, 0]) == background
    assert (image.reshape(-1, 4) == ink).all(axis=1).any()  # The pen is full strength ...
    assert len(np.unique(image[..., 3 if paper == "transparent" else 0])) > 2  # ... anti-aliased.


@pytest.mark.parametrize("digit", range(10))
def test_every_style_stays_inside_the_canvas(digit: int) -> None:
    rng = np.random.default_rng(digit)
    for style in range(len(STYLES[digit])):
        for _ in range(3):
            strokes = stroke_points(digit, rng, 280, style=style)
            points = np.concatenate([np.asarray(s) for s in strokes])
            assert points.min() >= 280 / 12 - 1e-6 and points.max() <= 280 - 280 / 12 + 1e-6
            # Points are close together, so a mouse replaying them draws the same curve.
            for s in strokes:
                assert np.linalg.norm(np.diff(np.asarray(s), axis=0), axis=1).max() < 15
            image = draw_strokes(strokes, "black")
            edge = np.concatenate([image[0], image[-1], image[:, 0], image[:, -1]])
            assert edge[:, 0].max() == 0  # The pen never touches the canvas edge.
            ink = (image[..., 0] > 127).mean()
            assert 0.02 < ink < 0.3


def test_points_and_render_match() -> None:
    strokes = stroke_points(7, np.random.default_rng(5), 280)
    # render_digit draws the same points; with a fixed pen the images are identical.
    image = render_digit(7, np.random.default_rng(5), "white", pen_width=280 / 12)
    np.testing.assert_array_equal(draw_strokes(strokes, "white", pen_width=280 / 12), image)


def test_other_sizes() -> None:
    image = render_digit(8, np.random.default_rng(1), "black", size=140)
    assert image.shape == (140, 140, 4) and image[..., 0].max() == 255


@pytest.mark.parametrize("bad", [-1, 10, 3.5])
def test_bad_digit(bad: float) -> None:
    with pytest.raises(ValueError):
        stroke_points(bad, np.random.default_rng(0))  # type: ignore[arg-type]


def test_bad_style() -> None:
    with pytest.raises(ValueError):
        stroke_points(7, np.random.default_rng(0), style=len(STYLES[7]))


def test_bad_paper() -> None:
    with pytest.raises(ValueError):
        draw_strokes([[(1.0, 1.0)]], "blue")


def test_digits_look_like_mnist_after_preprocessing() -> None:
    """5-nearest neighbours among MNIST's 10 000 test digits recognise the drawings;
    without cropping and centring, the same drawings are mostly not recognised."""
    folder = Path(os.environ["MNIST_DIR"])
    assert (folder / "t10k-images-idx3-ubyte.gz").exists(), f"no MNIST copy in {folder}"
    images = gzip.decompress((folder / "t10k-images-idx3-ubyte.gz").read_bytes())
    refs = np.frombuffer(images, np.uint8, offset=16).reshape(-1, 784) / np.float32(255)
    labels = np.frombuffer(
        gzip.decompress((folder / "t10k-labels-idx1-ubyte.gz").read_bytes()), np.uint8, offset=8
    )
    rng = np.random.default_rng(2024)
    truth = np.arange(60) % 10
    drawings = [render_digit(int(d), rng, "black") for d in truth]

    def accuracy(centre: bool) -> float:
        queries = np.stack([preprocess_drawing(im, centre=centre).input.ravel() for im in drawings])
        dist = (refs**2).sum(1)[None] - 2 * queries @ refs.T
        nearest = labels[np.argpartition(dist, 5, axis=1)[:, :5]]
        votes = np.array([np.bincount(row, minlength=10).argmax() for row in nearest])
        return float((votes == truth).mean())

    assert accuracy(centre=True) >= 0.85
    assert accuracy(centre=False) <= 0.5
