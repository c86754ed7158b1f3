"""The Iris sentences: the split as scikit-learn makes it, the counts, the loss as Keras has it."""

from __future__ import annotations

import numpy as np
import pytest

from core.iris.config import IrisConfig
from core.iris.data import FEATURES, load_iris_arrays, split_counts, split_iris
from core.iris.sentences import (
    above_training_sentence,
    cross_entropy,
    epoch_sentence,
    loss_example_sentence,
    scatter_sentence,
    score_sentence,
    shape_sentence,
    softmax,
    softmax_sentence,
    split_sentence,
    train_prompt,
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


def test_an_epoch_is_counted_in_batches_flowers_and_passes() -> None:
    default = epoch_sentence(0.25, 10, 150, 32)
    assert "150 **batches** of 32 flowers: 150 x 32 = 4,800 flowers" in default
    assert "about 43 passes over your 112 training flowers" in default  # 4,800 / 112 = 42.9
    assert default.endswith("so 10 epochs make 1,500 steps.")
    few = epoch_sentence(0.5, 1, 10, 4)  # 40 flowers of 75: less than one pass.
    assert "53% of one pass over your 75 training flowers" in few
    assert few.endswith("so 1 epoch makes 10 steps.")
    assert "about 2.1 passes over your 112" in epoch_sentence(0.25, 2, 30, 8)  # 240 / 112


def test_the_epoch_is_keras_s_set_number_of_batches_and_the_notebooks_is_not_one_pass():
    """Said once, where the word is met first: Keras's epoch is steps_per_epoch batches,
    usually one pass; the notebook's 150 x 32 = 4,800 flowers from 112 is about 43 passes."""
    few = epoch_sentence(0.3, 3, 20, 8)  # Not the defaults: 105 training flowers.
    assert few.startswith("An **epoch** is Keras's word for a set number of batches")
    assert "Usually that is one pass over the training data, as on the *MNIST* page." in few
    notebook = "150 batches of 32, 150 x 32 = 4,800 flowers drawn from its 112 training flowers"
    assert notebook in few and "about 43 passes over them in one epoch" in few
    assert "Yours: 20 **batches** of 8 flowers: 20 x 8 = 160 flowers" in few
    assert "about 1.5 passes over your 105 training flowers" in few
    assert "one round of training" not in few


def test_softmax_turns_scores_into_probabilities_that_add_to_one():
    probabilities = softmax([2.0, 1.0, 0.1])
    assert probabilities.sum() == pytest.approx(1.0)
    assert probabilities == pytest.approx(np.exp([2.0, 1.0, 0.1]) / np.exp([2.0, 1.0, 0.1]).sum())
    assert softmax([1000.0, 0.0, 0.0])[0] == pytest.approx(1.0)  # No overflow.
    assert "Scores 2, 1 and 0.1 become 66%, 24% and 10%" in softmax_sentence()
    other = softmax_sentence((0.5, 0.5, 3.0))
    assert "Scores 0.5, 0.5 and 3 become 7%, 7% and 86%" in other
    assert "**softmax**" in other and "add up to 1" in other


def test_a_test_accuracy_above_the_training_accuracy_gets_its_reasons_only_then():
    above = above_training_sentence(1.0, 0.978, 38, 150, 32)
    assert above is not None
    assert above.startswith("The test accuracy (100.0%) is above the training accuracy (97.8%).")
    assert "38 flowers, each worth 2.6% of accuracy" in above
    assert "the last epoch's 4,800 flowers" in above
    other = above_training_sentence(0.95, 0.9, 60, 40, 16)  # Non-default: 60 test flowers.
    assert "60 flowers, each worth 1.7%" in other and "the last epoch's 640 flowers" in other
    assert above_training_sentence(0.947, 0.978, 38, 150, 32) is None  # Below: no word.
    assert above_training_sentence(0.9737, 0.9735, 38, 150, 32) is None  # Equal as shown.


def test_the_train_prompt_counts_steps_and_promises_no_time() -> None:
    prompt = train_prompt(IrisConfig(epochs=100, steps_per_epoch=500, batch_size=16))
    assert prompt.startswith("Press **Train the network** to train it: 50,000 steps of 16")
    assert "second" not in prompt and "minute" not in prompt


def _apart(a: int, b: int, column: int) -> bool:
    """Independently of the sentence: do species a and b's ranges on this column not meet?"""
    x, y = load_iris_arrays()
    first, second = x[y == a][:, column], x[y == b][:, column]
    return first.max() < second.min() or second.max() < first.min()


@pytest.mark.parametrize("x_index", range(4))
@pytest.mark.parametrize("y_index", range(4))
def test_the_scatter_sentence_follows_the_chosen_axes(x_index: int, y_index: int) -> None:
    text = scatter_sentence(FEATURES[x_index], FEATURES[y_index])
    setosa_apart = all(_apart(0, other, x_index) or _apart(0, other, y_index) for other in (1, 2))
    assert ("setosa stands apart from the other two" in text) == setosa_apart
    assert "versicolor and virginica mix" in text  # No single measurement separates them.
    assert text.startswith(f"On {FEATURES[x_index].split(' (')[0]}")


def test_the_scatter_counts_the_flowers_where_two_species_mix() -> None:
    text = scatter_sentence(FEATURES[2], FEATURES[3])
    x, y = load_iris_arrays()
    pair = x[(y == 1) | (y == 2)][:, 2:4]
    versicolor, virginica = x[y == 1][:, 2:4], x[y == 2][:, 2:4]
    low = np.maximum(versicolor.min(axis=0), virginica.min(axis=0))
    high = np.minimum(versicolor.max(axis=0), virginica.max(axis=0))
    inside = int(np.all((pair >= low) & (pair <= high), axis=1).sum())
    assert f"versicolor and virginica mix: {inside} of their 100 flowers" in text
