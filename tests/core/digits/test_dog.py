"""The workshop's dog, read as the workshop reads it, and the sentence about its answer."""

from __future__ import annotations

import numpy as np
import pytest
from PIL import Image

from core.digits.dog import DOG_PATH, WORKSHOP_DOG_ROWS, dog_sentence, workshop_dog


def test_the_dog_is_28x28_divided_by_255_like_the_notebook():
    dog = workshop_dog()
    assert dog.shape == (28, 28) and dog.dtype == np.float32
    raw = np.asarray(Image.open(DOG_PATH), dtype=np.uint8)
    np.testing.assert_allclose(dog, raw / 255.0, atol=1e-7)
    assert dog.min() >= 0.0 and dog.max() <= 1.0
    assert dog.std() > 0.1  # A photo, not a blank.


def test_the_licence_travels_with_the_picture():
    assert (DOG_PATH.parent / "LICENSE").read_text().startswith("Copyright")


def test_a_picture_of_another_size_is_refused(tmp_path):
    path = tmp_path / "big.png"
    Image.fromarray(np.zeros((30, 28), np.uint8)).save(path)
    with pytest.raises(ValueError, match="28x28"):
        workshop_dog(path)


def test_the_workshops_rows_are_percentages_of_one_answer():
    for row in WORKSHOP_DOG_ROWS.values():
        assert len(row) == 10
        assert 98 <= sum(row) <= 102  # Rounded to whole percents by the workshop.


def test_dog_sentence_names_the_digit_it_chose():
    probabilities = np.array(WORKSHOP_DOG_ROWS["Workshop, INVERT off"]) / 100
    sentence = dog_sentence(probabilities)
    assert sentence.startswith("It calls the dog a **2**, 51% sure.")
    assert dog_sentence(probabilities, "Your network").startswith("Your network calls the dog")
    with pytest.raises(ValueError):
        dog_sentence(np.ones(3))


def test_dog_sentence_says_an_8():
    """The workshop's run with INVERT called its dog an 8 (23%): "a **8**" read wrong."""
    probabilities = np.array(WORKSHOP_DOG_ROWS["Workshop, INVERT on"]) / 100
    assert int(probabilities.argmax()) == 8
    assert dog_sentence(probabilities).startswith("It calls the dog an **8**, 23% sure.")
    assert " a **8**" not in dog_sentence(probabilities)
