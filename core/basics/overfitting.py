"""Training and test data, and what over-fitting looks like, on a curve small enough to see.

The data are noisy points from one smooth curve. A polynomial of degree d plays the role of
a network with more or fewer weights: the higher d, the more wiggles it can make. Past some
degree it starts following the noise of its training points instead of the curve, and its
error on test points it never saw goes up: that is over-fitting.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from numpy.polynomial import Polynomial


def true_curve(x: np.ndarray) -> np.ndarray:
    """The smooth rule behind the data, which the model should discover."""
    return np.sin(2 * np.pi * x)


@dataclass(frozen=True)
class SplitData:
    """Points cut into a training set and a test set that share no point."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


def make_data(
    n_points: int = 30, noise: float = 0.3, test_fraction: float = 0.2, seed: int = 5
) -> SplitData:
    """`n_points` noisy measurements at evenly spaced x in [0, 1], split 80/20 by default.

    The test points are drawn at random and removed from the training set, so the model is
    graded on points it never trained on, like an exam with unseen questions. The two end
    points always stay in training: the test then asks only about the range the model saw.
    """
    if n_points < 5:
        raise ValueError("need at least 5 points to split")
    if not 0 < test_fraction < 1:
        raise ValueError("the test fraction must lie between 0 and 1")
    rng = np.random.default_rng(seed)
    x = np.linspace(0.0, 1.0, n_points)
    y = true_curve(x) + rng.normal(0.0, noise, n_points)
    inner = rng.permutation(np.arange(1, n_points - 1))
    n_test = min(max(1, round(n_points * test_fraction)), n_points - 3)
    test = np.sort(inner[:n_test])
    train = np.sort(np.concatenate([[0, n_points - 1], inner[n_test:]]))
    return SplitData(x[train], y[train], x[test], y[test])


def fit_polynomial(x: np.ndarray, y: np.ndarray, degree: int) -> Polynomial:
    """The least-squares polynomial of `degree`, the 'training' of this model.

    Polynomial.fit rescales x internally, which keeps degree 15 numerically sound.
    """
    if not 0 <= degree < len(x):
        raise ValueError("the degree must be below the number of training points")
    return Polynomial.fit(x, y, degree)


def mean_squared_error(model: Polynomial, x: np.ndarray, y: np.ndarray) -> float:
    """Average of (prediction - truth)^2 over the points."""
    return float(np.mean((model(x) - y) ** 2))


def errors_by_degree(data: SplitData, degrees: range) -> tuple[np.ndarray, np.ndarray]:
    """(training errors, test errors), one per degree, each model fitted on training data only."""
    train, test = [], []
    for degree in degrees:
        model = fit_polynomial(data.x_train, data.y_train, degree)
        train.append(mean_squared_error(model, data.x_train, data.y_train))
        test.append(mean_squared_error(model, data.x_test, data.y_test))
    return np.array(train), np.array(test)
