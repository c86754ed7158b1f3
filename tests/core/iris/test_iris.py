"""The Iris data, model and training: shapes, seeded reproducibility, the workshop's accuracy."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest

from core.iris.config import IrisConfig
from core.iris.data import CHECK_FLOWERS, SPECIES, load_iris_arrays, out_of_range, split_iris
from tests.conftest import ROOT


def test_data_has_150_flowers_three_species_read_only():
    x, y = load_iris_arrays()
    assert x.shape == (150, 4) and x.dtype == np.float32
    assert sorted(set(y.tolist())) == [0, 1, 2]
    assert np.bincount(y).tolist() == [50, 50, 50]
    with pytest.raises(ValueError):
        x[0, 0] = 1.0


def test_the_flowers_are_scikit_learns_read_without_importing_its_datasets():
    from sklearn.datasets import load_iris

    x, y = load_iris_arrays()
    bunch = load_iris()
    assert np.array_equal(x, bunch.data.astype(np.float32))
    assert np.array_equal(y, bunch.target)
    # A class opening the Iris page at once would wait over a second for sklearn.datasets.
    code = (
        "import sys; from core.iris.data import load_iris_arrays, iris_table; "
        "load_iris_arrays(); iris_table(); assert 'sklearn' not in sys.modules"
    )
    subprocess.run([sys.executable, "-c", code], cwd=ROOT, check=True, timeout=60)


def test_split_is_disjoint_seeded_and_the_notebooks_by_default():
    """The notebook's `train_test_split(X, y)`: 25% kept apart, shuffled, not stratified."""
    default = split_iris()
    assert len(default.x_train) == 112 and len(default.x_test) == 38
    from sklearn.model_selection import train_test_split

    x, y = load_iris_arrays()
    _, x_test, _, _ = train_test_split(x, y, random_state=42)  # The notebook's call, seeded.
    np.testing.assert_array_equal(default.x_test, x_test)
    # The app draws scikit-learn's shuffle itself: the same flowers, in the same order.
    for fraction in (0.05, 0.1, 0.2, 0.25, 0.27, 0.3, 1 / 3, 0.5, 0.77, 0.9):
        for seed in (0, 1, 3, 42, 2**31 - 1):
            ours = split_iris(fraction, seed)
            theirs = train_test_split(x, y, test_size=fraction, random_state=seed)
            for mine, expected in zip(
                (ours.x_train, ours.x_test, ours.y_train, ours.y_test), theirs, strict=True
            ):
                np.testing.assert_array_equal(mine, expected)
    split = split_iris(0.2, seed=3)
    assert len(split.x_train) == 120 and len(split.x_test) == 30
    train_rows = {tuple(row) for row in split.x_train.tolist()}
    # Iris has one duplicated flower; apart from it no test flower is in the training set.
    overlap = [row for row in split.x_test.tolist() if tuple(row) in train_rows]
    assert len(overlap) <= 1
    again = split_iris(0.2, seed=3)
    np.testing.assert_array_equal(split.x_test, again.x_test)
    assert not np.array_equal(split_iris(0.2, seed=4).x_test, split.x_test)


def test_out_of_range_names_the_feature():
    assert out_of_range([5.1, 3.3, 1.7, 0.5]) == []
    notes = out_of_range([5.1, 3.3, 25.0, 0.5])
    assert len(notes) == 1 and notes[0].startswith("petal length")


@pytest.mark.parametrize(
    "kwargs", [{"hidden": ()}, {"hidden": (10, 10, 10, 10)}, {"hidden": (0,)}, {"epochs": 0}]
)
def test_config_rejects_bad_settings(kwargs):
    with pytest.raises(ValueError):
        IrisConfig(**kwargs)


def test_model_shape_follows_config():
    from core.iris.model import build_iris_model

    model = build_iris_model(IrisConfig(hidden=(7, 5, 3)))
    assert [layer.units for layer in model.layers] == [7, 5, 3, 3]
    assert model.count_params() == (4 * 7 + 7) + (7 * 5 + 5) + (5 * 3 + 3) + (3 * 3 + 3)


def test_same_seed_same_result_and_other_seed_differs():
    from core.iris.model import train_iris

    config = IrisConfig(epochs=2, steps_per_epoch=20, seed=5)
    first, second = train_iris(config), train_iris(config)
    for a, b in zip(
        first.network.keras_model.get_weights(),
        second.network.keras_model.get_weights(),
        strict=True,
    ):
        np.testing.assert_allclose(a, b, rtol=0, atol=1e-6)
    other = train_iris(IrisConfig(epochs=2, steps_per_epoch=20, seed=6))
    assert not np.allclose(
        first.network.keras_model.get_weights()[0], other.network.keras_model.get_weights()[0]
    )


def test_default_training_reaches_workshop_accuracy_and_passes_checks():
    from core.iris.model import predict_iris, train_iris

    epochs_seen = []
    result = train_iris(IrisConfig(), on_epoch_end=lambda epoch, logs: epochs_seen.append(epoch))
    assert epochs_seen == list(range(1, 11))
    assert result.test_accuracy >= 0.93
    assert result.confusion.sum() == 38  # The notebook's 38 test flowers.
    predicted = predict_iris(result.network.keras_model, [f for f, _ in CHECK_FLOWERS]).argmax(
        axis=1
    )
    assert [SPECIES[i] for i in predicted] == [truth for _, truth in CHECK_FLOWERS]
    assert set(result.history) >= {"loss", "accuracy", "val_loss", "val_accuracy"}
