"""A mark on a plate inside a frame (core/digits/frame_look.py): the workshop's 9 is one,
its other pictures and MNIST-like digits are not, and made-up frames are measured right."""

from __future__ import annotations

import numpy as np
import pytest

from core.digits import frame_look as fl
from core.digits import workshop_examples as workshop


def test_only_the_workshops_9_is_framed():
    found = {p.name: fl.framed(p.image) for p in workshop.pictures()}
    assert [name for name, frame in found.items() if frame is not None] == ["9"]
    nine = found["9"]
    assert nine.rounded and nine.corners_cut == 4
    assert nine.mark == pytest.approx(0.94, abs=0.005)  # The 9 itself: near-white.
    assert nine.plate == pytest.approx(0.17, abs=0.005)  # The plate: near-black.
    assert nine.frame == pytest.approx(0.62, abs=0.005)
    assert nine.plate_share > 0.5


def made_up_frame(cut_corners: bool) -> np.ndarray:
    """A white 1 on a black plate inside a grey frame one pixel in from the edge."""
    image = np.full((28, 28), 20, dtype=np.uint8)
    image[1, 1:27] = image[26, 1:27] = image[1:27, 1] = image[1:27, 26] = 160
    if cut_corners:  # The frame goes diagonally across each corner instead.
        for row, col in ((1, 1), (1, 26), (26, 1), (26, 26)):
            image[row, col] = 20
        for row, col in ((2, 2), (2, 25), (25, 2), (25, 25)):
            image[row, col] = 160
    image[8:20, 13:15] = 250
    return image


def test_a_made_up_frame_is_measured():
    square = fl.framed(made_up_frame(cut_corners=False))
    assert square is not None and square.corners_cut == 0 and not square.rounded
    assert square.frame == pytest.approx(160 / 255)
    assert square.plate == pytest.approx(20 / 255)
    assert square.mark == pytest.approx(250 / 255)
    cut = fl.framed(made_up_frame(cut_corners=True))
    assert cut is not None and cut.rounded


def test_an_open_frame_light_paper_or_a_plain_digit_is_no_frame():
    broken = made_up_frame(cut_corners=False)
    broken[12:16, 1] = 20  # A gap in the left side: the outside reaches the plate.
    assert fl.framed(broken) is None
    mnist_like = np.zeros((28, 28), dtype=np.uint8)
    mnist_like[6:22, 12:16] = 255
    assert fl.framed(mnist_like) is None  # Black paper runs to the edge.
    assert fl.framed(255 - mnist_like) is None  # Light inside: paper, not a plate.
    with pytest.raises(ValueError, match="grey picture"):
        fl.framed(np.zeros((8, 8)))


def test_otsus_threshold_splits_two_groups_between_them():
    image = np.array([[10] * 6 + [200] * 4], dtype=np.uint8)
    assert 10 < fl.otsu_threshold(image) <= 200
    light = image >= fl.otsu_threshold(image)
    assert light.sum() == 4
