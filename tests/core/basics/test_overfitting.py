"""The train/test split and the over-fitting curve of polynomial fits."""

from __future__ import annotations

import numpy as np
import pytest

from core.basics.overfitting import (
    errors_by_degree,
    fit_polynomial,
    make_data,
    mean_squared_error,
    squared_error_sentence,
)

DEGREES = range(1, 16)


def test_split_is_80_20_and_disjoint():
    data = make_data()
    assert len(data.x_train) == 24
    assert len(data.x_test) == 6
    assert set(data.x_train.tolist()).isdisjoint(data.x_test.tolist())
    everything = np.sort(np.concatenate([data.x_train, data.x_test]))
    np.testing.assert_allclose(everything, np.linspace(0, 1, 30))


def test_same_seed_same_data_other_seed_other_split():
    a, b, c = make_data(seed=5), make_data(seed=5), make_data(seed=6)
    np.testing.assert_array_equal(a.y_train, b.y_train)
    assert not np.array_equal(a.x_test, c.x_test)


def test_end_points_stay_in_training():
    for seed in range(20):
        data = make_data(seed=seed)
        assert data.x_train.min() == 0.0 and data.x_train.max() == 1.0


def test_a_line_through_points_on_a_line_has_zero_error():
    x = np.linspace(0, 1, 10)
    model = fit_polynomial(x, 2 * x + 1, 1)
    assert mean_squared_error(model, x, 2 * x + 1) == pytest.approx(0.0, abs=1e-20)


def test_mean_squared_error_by_hand():
    model = fit_polynomial(np.array([0.0, 1.0]), np.array([0.0, 0.0]), 0)  # y = 0
    assert mean_squared_error(model, np.array([0.0, 1.0]), np.array([1.0, 3.0])) == 5.0


@pytest.mark.parametrize("seed", [1, 5])
def test_over_fitting(seed):
    train, test = errors_by_degree(make_data(seed=seed), DEGREES)
    assert train[-1] < train[0]
    # Adding terms can only help on the data it was fitted to.
    assert np.all(np.diff(train) <= 1e-12)
    assert test[-1] > test.min()
    assert test[-1] > 10 * test.min()
    assert 1 < DEGREES[int(test.argmin())] < 15


def test_degree_must_leave_fewer_weights_than_points():
    with pytest.raises(ValueError):
        fit_polynomial(np.arange(5.0), np.arange(5.0), 5)


@pytest.mark.parametrize(("seed", "degree"), [(1, 9), (5, 15), (999, 2)])
def test_the_squared_error_is_worked_out_on_the_point_missed_most(seed, degree):
    """The page's definition of its "error", with the student's own numbers (not the
    default seed 5 and degree 3 alone)."""
    data = make_data(seed=seed)
    model = fit_polynomial(data.x_train, data.y_train, degree)
    sentence = squared_error_sentence(model, data, degree)
    assert sentence.startswith("Both errors are the **mean squared error**")
    worst = int(np.argmax((model(data.x_test) - data.y_test) ** 2))
    said, measured = round(float(model(data.x_test[worst])), 2), round(float(data.y_test[worst]), 2)
    assert f"misses the test points most at x = {data.x_test[worst]:.2f}" in sentence
    square = f"{(said - measured) ** 2:.4f}".rstrip("0").rstrip(".")
    assert f"² = {square}." in sentence
    test = mean_squared_error(model, data.x_test, data.y_test)
    train = mean_squared_error(model, data.x_train, data.y_train)
    assert f"The test error, {test:.3f}, is the average of 6 such squares" in sentence
    assert f"the training error, {train:.3f}, of 24." in sentence
    assert "--" not in sentence and " -" not in sentence  # Minus signs, set apart when doubled.
