"""The pictures that are no digit: MNIST's format, the same every time, and real ink."""

from __future__ import annotations

import numpy as np
import pytest

from core.digits.not_digits import (
    KINDS,
    LETTERS,
    digit_sample,
    letter,
    not_digits,
)
from core.mnist.data import load_mnist


def _centre_of_mass(image: np.ndarray) -> tuple[float, float]:
    rows, cols = np.mgrid[0:28, 0:28]
    mass = image.sum()
    return float((rows * image).sum() / mass), float((cols * image).sum() / mass)


def test_every_picture_is_28x28_in_0_to_1_with_its_kind_and_name():
    pictures = not_digits(15, 0)
    assert len(pictures) == 60
    assert [p.kind for p in pictures] == [kind for kind in KINDS for _ in range(15)]
    assert len({p.name for p in pictures}) == 60
    for picture in pictures:
        assert picture.image.shape == (28, 28) and picture.image.dtype == np.float32
        assert picture.image.min() >= 0.0 and picture.image.max() <= 1.0
        assert picture.image.max() > 0.05, picture.name  # Never an empty picture.
        assert not picture.image.flags.writeable  # Shared by every session.


def test_the_same_seed_gives_the_same_pictures_and_another_seed_other_ones():
    fresh = not_digits.__wrapped__(6, 3)  # Past the cache: made again from scratch.
    again = not_digits.__wrapped__(6, 3)
    other = not_digits.__wrapped__(6, 4)
    for a, b in zip(fresh, again, strict=True):
        np.testing.assert_array_equal(a.image, b.image)
    changed = [
        p.kind for p, q in zip(fresh, other, strict=True) if not np.array_equal(p.image, q.image)
    ]
    assert {"scribble", "noise", "blob"} <= set(changed)


def test_letters_have_ink_and_sit_in_the_field_like_an_mnist_digit():
    letters = [p for p in not_digits(15, 0) if p.kind == "letter"]
    assert [p.name for p in letters] == [f"letter {c}" for c in LETTERS[:15]]
    for picture in letters:
        image = picture.image
        ink = image > 0.5
        assert 0.05 < ink.mean() < 0.5, picture.name  # Strokes, not a blank or a block.
        rows, cols = np.flatnonzero(ink.any(axis=1)), np.flatnonzero(ink.any(axis=0))
        longer = max(rows[-1] - rows[0], cols[-1] - cols[0]) + 1
        assert 18 <= longer <= 21, picture.name  # Scaled to MNIST's 20 px box.
        y, x = _centre_of_mass(image)
        assert abs(y - 14) <= 1 and abs(x - 14) <= 1, picture.name
    assert len({p.image.tobytes() for p in letters}) == len(letters)  # Fifteen shapes.


def test_scribbles_are_centred_strokes_and_noise_fills_the_field():
    pictures = not_digits(15, 0)
    for picture in (p for p in pictures if p.kind == "scribble"):
        y, x = _centre_of_mass(picture.image)
        assert abs(y - 14) <= 1 and abs(x - 14) <= 1, picture.name
        assert (picture.image > 0.5).mean() < 0.5, picture.name
    for picture in (p for p in pictures if p.kind == "noise"):
        assert (picture.image > 0).mean() > 0.9, picture.name


def test_a_letter_must_be_one_letter():
    for bad in ("", "AB", "7"):
        with pytest.raises(ValueError):
            letter(bad)
    with pytest.raises(ValueError):
        not_digits.__wrapped__(0, 0)


def test_the_test_digit_sample_is_real_test_digits_with_their_labels():
    data = load_mnist()
    images, labels = digit_sample(data.x_test, data.y_test, count=60, seed=0)
    assert images.shape == (60, 28, 28) and images.dtype == np.float32
    assert images.min() >= 0.0 and images.max() <= 1.0
    pairs = zip(data.x_test, data.y_test, strict=True)
    by_pixels = {image.tobytes(): int(label) for image, label in pairs}
    for image, label in zip(images, labels, strict=True):
        raw = np.rint(image * 255).astype(np.uint8).tobytes()
        assert by_pixels[raw] == label  # A test digit, with its own label.
    again, _ = digit_sample(data.x_test, data.y_test, count=60, seed=0)
    np.testing.assert_array_equal(images, again)
    other, _ = digit_sample(data.x_test, data.y_test, count=60, seed=1)
    assert not np.array_equal(images, other)
    with pytest.raises(ValueError):
        digit_sample(data.x_test, data.y_test[:5])
    with pytest.raises(ValueError):
        digit_sample(data.x_test, data.y_test, count=0)
