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


def _number(value: float) -> str:
    """'0.51', '−0.51': two decimals, with a true minus sign."""
    return f"{value:.2f}".replace("-", "−")


def _signed(value: float) -> str:
    """'0.51', or '(−0.51)' where a minus sign follows another one."""
    return _number(value) if value >= 0 else f"({_number(value)})"


def _exact(said: float, measured: float) -> str:
    """The square of a gap of two 2-decimal numbers, all its (at most 4) decimals."""
    return f"{(said - measured) ** 2:.4f}".rstrip("0").rstrip(".")


def squared_error_sentence(model: Polynomial, data: SplitData, degree: int) -> str:
    """What the page's "error" is, worked out on one test point of the student's own model.

    The term comes before the gradient-descent page's J = (t - y)^2, so it is defined here,
    beside the chart that plots it, with the numbers on screen: the test point the model
    misses most, its arithmetic done on the rounded numbers shown, so a student can redo it.
    """
    gaps = (model(data.x_test) - data.y_test) ** 2
    worst = int(np.argmax(gaps))
    x, said, y = (
        round(float(v), 2)
        for v in (data.x_test[worst], model(data.x_test[worst]), data.y_test[worst])
    )
    train = mean_squared_error(model, data.x_train, data.y_train)
    test = mean_squared_error(model, data.x_test, data.y_test)
    return (
        "Both errors are the **mean squared error**: for each point, the gap between the "
        "model's value and the measured y, squared (so gaps above and below count alike, and "
        "large gaps count much more), then averaged over the points. Your degree-"
        f"{degree} model misses the test points most at x = {_number(x)}: it says "
        f"{_number(said)}, the measurement is {_number(y)}, so ({_number(said)} − "
        f"{_signed(y)})² = {_exact(said, y)}. The "
        f"test error, {test:.3f}, is the average of {len(data.x_test)} such squares; the "
        f"training error, {train:.3f}, of {len(data.x_train)}."
    )
