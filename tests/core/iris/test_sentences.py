"""The Iris sentences: the split as scikit-learn makes it, the counts, the loss as Keras has it."""

from __future__ import annotations

import numpy as np
import pytest

from core.iris.config import IrisConfig
from core.iris.data import split_counts, split_iris
from core.iris.sentences import (
    cross_entropy,
    loss_example_sentence,
    score_sentence,
    shape_sentence,
    split_sentence,
)

# What the page's slider hands over, float noise and all (0.1 + k x 0.05).
SLIDER_VALUES = [0.1 + k * 0.05 for k in range(9)] + [0.15, 0.3, 0.35]


def test_the_default_split_is_the_notebooks_112_and_38():
    config = IrisConfig()
    assert config.test_fraction == 0.25
    split = split_iris(config.test_fraction, config.seed)
    assert (len(split.x_train), len(split.x_test)) == (112, 38)
    assert split_counts(config.test_fraction) == (112, 38)
    assert split_sentence(config.test_fraction, 150, 32).startswith(
        "112 flowers to train on, 38 to test."
    )


@pytest.mark.parametrize("fraction", SLIDER_VALUES)
def test_split_counts_match_the_real_split(fraction):
    split = split_iris(fraction, seed=1)
    assert split_counts(fraction) == (len(split.x_train), len(split.x_test))


def test_score_counts_the_flowers():
    confusion = np.array([[12, 0, 0], [0, 12, 1], [0, 1, 12]])
    sentence = score_sentence(confusion)
    assert sentence.startswith("36 of 38 test flowers right")  # The workshop's 94.7%.
    assert "each one is worth 2.6% of accuracy" in sentence


def test_shape_sentence_counts_weights_and_biases():
    assert shape_sentence((10, 10), 0.25) == (
        "Your 4-10-10-3 network learns 170 weights and 23 biases from 112 training flowers."
    )
    assert "4-7-3 network learns 49 weights and 10 biases from 120" in shape_sentence((7,), 0.2)


def test_cross_entropy_matches_keras():
    import keras

    rows = np.array([[0.4, 0.3, 0.3], [0.97, 0.02, 0.01], [0.0, 0.5, 0.5]], dtype=np.float32)
    truth = np.array([0, 0, 0])
    expected = keras.ops.convert_to_numpy(keras.losses.sparse_categorical_crossentropy(truth, rows))
    ours = [cross_entropy(row[label]) for row, label in zip(rows, truth, strict=True)]
    np.testing.assert_allclose(ours, expected, rtol=1e-4)
    assert cross_entropy(0.4) == pytest.approx(0.916, abs=0.001)  # The workshop's example.


def test_loss_example_works_it_out():
    sentence = loss_example_sentence([0.97, 0.02, 0.01], 0)
    assert sentence == (
        "Your network gives the workshop's setosa check flower 97.0% setosa: its loss is "
        "−ln 0.970 = 0.030."
    )
