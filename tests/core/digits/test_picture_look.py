"""A picture's paper and marks against MNIST's (core/digits/picture_look.py), checked on MNIST
itself, on made-up pictures and on the workshop's ten."""

from __future__ import annotations

import numpy as np
import pytest

from core.digits import picture_look as pl
from core.digits import workshop_examples as workshop
from core.mnist.data import load_mnist


@pytest.fixture(scope="module")
def mnist():
    """The 70,000 digits from MNIST_DIR, which .ci/run and tests/conftest.py provide."""
    return load_mnist()


def test_every_mnist_digit_is_light_ink_on_even_black_paper(mnist):
    """What the page says of MNIST ("light ink on black paper, at least 80% of the range
    apart") holds for all 70,000 digits."""
    for images in (mnist.x_train, mnist.x_test):
        ring = np.concatenate(
            [images[:, 0], images[:, -1], images[:, 1:-1, 0], images[:, 1:-1, -1]], axis=1
        )
        assert np.percentile(ring, 90, axis=1).max() == pl.MNIST_PAPER  # Black and even.
        strongest = np.percentile(images.reshape(len(images), -1), pl.STRONGEST_PERCENTILE, axis=1)
        assert (strongest / 255).min() >= pl.MNIST_LEAST_CONTRAST
    # The same through `look`, one picture at a time, on the 10,000 test digits.
    looks = [pl.look(image) for image in mnist.x_test]
    assert {seen.way_round for seen in looks} == {pl.LIGHT_ON_DARK}
    assert not any(seen.faint or seen.grey_paper or seen.uneven_paper for seen in looks)
    assert max(seen.darker for seen in looks) == 0.0


def made_up(paper: int, marks: dict[int, tuple[slice, slice]]) -> np.ndarray:
    image = np.full((28, 28), paper, dtype=np.uint8)
    for value, where in marks.items():
        image[where] = value
    return image


def test_which_way_round_a_made_up_picture_is():
    bar = (slice(4, 24), slice(12, 16))  # 80 of 784 pixels: 10%.
    white_on_black = pl.look(made_up(0, {255: bar}))
    assert white_on_black.way_round == pl.LIGHT_ON_DARK
    assert white_on_black.paper == 0.0 and white_on_black.contrast == 1.0
    assert white_on_black.lighter == pytest.approx(80 / 784) and white_on_black.darker == 0.0

    black_on_white = pl.look(made_up(255, {0: bar}))
    assert black_on_white.way_round == pl.DARK_ON_LIGHT and black_on_white.paper == 1.0

    both = pl.look(made_up(128, {0: bar, 255: (slice(4, 24), slice(18, 22))}))
    assert both.way_round == pl.BOTH_WAYS
    assert both.grey_paper and both.greyness == pytest.approx(127 / 255)
    assert both.contrast == pytest.approx(128 / 255)  # The darker marks are the farther.
    assert both.faint and not both.uneven_paper

    assert pl.look(made_up(90, {})).way_round == pl.BLANK


def test_a_few_stray_light_pixels_do_not_make_a_picture_both_ways():
    """Like the workshop's 8: dark ink on light grey paper, with a speck of glare."""
    image = made_up(180, {20: (slice(4, 24), slice(12, 16)), 255: (slice(26, 27), slice(2, 8))})
    seen = pl.look(image)
    assert seen.lighter == pytest.approx(6 / 784) and seen.darker == pytest.approx(80 / 784)
    assert seen.way_round == pl.DARK_ON_LIGHT


def test_uneven_paper_is_measured_on_the_border():
    image = np.zeros((28, 28), dtype=np.uint8)
    image[:, 14:] = 200  # Half the paper black, half light grey.
    seen = pl.look(image)
    assert (seen.paper_low, seen.paper_high) == (0.0, pytest.approx(200 / 255))
    assert seen.uneven_paper


def test_the_workshops_pictures_one_light_on_dark_digit_and_one_unlike_mnist():
    looks = {p.name: pl.look(p.image) for p in workshop.pictures()}
    ways = {name: seen.way_round for name, seen in looks.items()}
    assert [name for name, way in ways.items() if way == pl.LIGHT_ON_DARK] == ["5"]
    assert [name for name, way in ways.items() if way == pl.BOTH_WAYS] == ["9", "dog"]
    assert [name for name, way in ways.items() if way == pl.DARK_ON_LIGHT] == [
        "1", "2", "3", "4", "6", "7", "8"
    ]  # fmt: skip
    nine = looks["9"]
    assert nine.paper == pytest.approx(124 / 255) and nine.grey_paper and nine.uneven_paper
    assert nine.darker == pytest.approx(0.38, abs=0.01)
    assert nine.lighter == pytest.approx(0.12, abs=0.01)
    assert nine.contrast == pytest.approx(0.45, abs=0.01) and nine.faint
    # Its paper is the greyest of the nine digits'; the 8's grey paper comes next.
    digits = sorted((seen.greyness, name) for name, seen in looks.items() if name != "dog")
    assert [name for _, name in digits[-2:]] == ["8", "9"]
    assert looks["5"].paper == 0.0 and not looks["5"].faint


@pytest.mark.parametrize("shape", [(28,), (2, 28), (28, 28, 3)])
def test_only_grey_pictures_are_measured(shape):
    with pytest.raises(ValueError, match="grey picture"):
        pl.look(np.zeros(shape))
