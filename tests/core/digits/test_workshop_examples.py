"""The workshop's ten pictures, fed as the workshop feeds them, and its published tables."""

from __future__ import annotations

import re

import numpy as np
import pytest
from PIL import Image

from core.digits import workshop_examples as workshop
from tests.conftest import ROOT

README = ROOT / "assets" / "workshop_examples" / "README.md"


def readme_tables() -> list[np.ndarray]:
    """The two published tables as the assets' README gives them, (10, 10) percent each."""
    tables, rows = [], []
    for line in README.read_text(encoding="utf-8").splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) == 11 and re.fullmatch(r"\d|dog", cells[0]):
            rows.append([int(cell) for cell in cells[1:]])
            if cells[0] == "dog":
                tables.append(np.array(rows))
                rows = []
    return tables


def test_the_pictures_and_their_licence_ship_with_the_app():
    for name in workshop.NAMES:
        assert (workshop.FOLDER / f"{name}.png").is_file(), name
    licence = (workshop.FOLDER / "LICENSE").read_text(encoding="utf-8")
    assert "Apache License" in licence and "Version 2.0" in licence
    assert "milliams/intro_deep_learning" in README.read_text(encoding="utf-8")


def test_the_published_tables_are_the_readmes():
    without, with_invert = readme_tables()
    assert np.array_equal(workshop.published(False), without)
    assert np.array_equal(workshop.published(True), with_invert)


def test_the_published_tables_tell_the_workshops_story():
    """4 of 9 without INVERT (2 and 5 confidently), 8 of 9 with it: the 9 still fails."""
    for invert in (False, True):
        table = workshop.published(invert)
        assert table.shape == (10, 10)
        assert all(97 <= total <= 103 for total in table.sum(axis=1))  # Rounded percentages.
    plain, inverted = workshop.published(False), workshop.published(True)
    assert workshop.digits_right(plain / 100) == 4
    assert [row for row in range(9) if plain[row].argmax() == row + 1] == [1, 2, 4, 6]
    assert plain[1].max() >= 90 and plain[4].max() == 100  # The 2 and the 5, confidently.
    assert workshop.digits_right(inverted / 100) == 8
    assert inverted[8].argmax() == 0  # The 9 is read as a 0.


def test_the_pictures_are_read_as_stored():
    pictures = workshop.pictures()
    assert [p.name for p in pictures] == [*map(str, range(1, 10)), "dog"]
    assert [p.truth for p in pictures] == [*range(1, 10), None]
    for picture in pictures:
        assert picture.image.shape == (28, 28) and picture.image.dtype == np.uint8
        with Image.open(workshop.FOLDER / f"{picture.name}.png") as stored:
            assert stored.mode == "L"
            assert np.array_equal(picture.image, np.asarray(stored))


def test_most_pictures_are_dark_digits_on_light_paper():
    """The workshop's lesson: MNIST is white on black, these mostly are not."""
    paper = {
        p.name: np.median(np.concatenate([p.image[0], p.image[-1]])) for p in workshop.pictures()
    }
    dark_on_light = [name for name in map(str, range(1, 10)) if paper[name] > 128]
    assert dark_on_light == ["1", "2", "3", "4", "6", "7", "8"], paper
    assert paper["5"] == 0  # The one white-on-black digit, which every network reads.


def test_the_batch_is_the_pictures_over_255_and_nothing_else():
    batch = workshop.workshop_batch()
    assert batch.shape == (10, 28, 28, 1) and batch.dtype == np.float32
    for picture, fed in zip(workshop.pictures(), batch, strict=True):
        # No crop, no centring, no contrast stretch: pixel for pixel the stored value / 255.
        np.testing.assert_array_equal(fed[..., 0], picture.image.astype(np.float32) / 255.0)
    assert batch.min() == 0.0 and batch.max() == 1.0
    with pytest.raises(ValueError):
        batch[0, 0, 0, 0] = 0.5  # Shared by every session: read-only.


def test_an_off_centre_picture_stays_off_centre():
    image = np.zeros((28, 28), dtype=np.uint8)
    image[2:6, 20:26] = 255  # Ink in a corner: MNIST's preparation would move it.
    fed = workshop.workshop_input(image)
    assert fed.dtype == np.float32
    assert np.array_equal(np.argwhere(fed == 1.0), np.argwhere(image == 255))


def test_colour_pictures_become_grey_and_transparency_white():
    rgba = np.zeros((28, 28, 4), dtype=np.uint8)  # Fully transparent: shown white.
    rgba[10, 10] = (0, 0, 0, 255)
    fed = workshop.workshop_input(rgba)
    assert fed[0, 0] == 1.0 and fed[10, 10] == 0.0
    rgb = np.full((28, 28, 3), (255, 0, 0), dtype=np.uint8)
    assert workshop.workshop_input(rgb)[0, 0] == pytest.approx(76 / 255)  # ITU-R 601 luma.


@pytest.mark.parametrize("shape", [(280, 280), (28, 27, 3), (28,), (28, 28, 2)])
def test_other_sizes_are_refused_with_a_sentence(shape):
    with pytest.raises(ValueError) as error:
        workshop.workshop_input(np.zeros(shape, dtype=np.uint8))
    message = str(error.value)
    assert message.endswith(".") and "\n" not in message
    if len(shape) >= 2 and shape[:2] != (28, 28):
        assert f"{shape[1]}x{shape[0]} pixels" in message
