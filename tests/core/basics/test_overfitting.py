"""The train/test split and the over-fitting curve of polynomial fits."""

from __future__ import annotations

import numpy as np
import pytest

from core.basics.overfitting import errors_by_degree, fit_polynomial, make_data, mean_squared_error

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
