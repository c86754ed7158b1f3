"""App tests of the Training and test data page: the degree slider and the verdicts."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core.basics.overfitting import make_data
from tests.conftest import ROOT

PAGE = str(ROOT / "app_pages" / "overfitting.py")


def metric(at: AppTest, label: str) -> float:
    return float(next(m.value for m in at.metric if m.label == label))


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=30).run()
    assert not app.exception
    return app


def test_higher_degree_lowers_training_error_and_raises_test_error(at):
    at.slider(key="overfitting_degree").set_value(1).run()
    assert at.info and "Under-fitting" in at.info[0].value
    train_1 = metric(at, "training error")
    at.slider(key="overfitting_degree").set_value(15).run()
    assert metric(at, "training error") < train_1
    assert at.warning and "Over-fitting" in at.warning[0].value
    test_15 = metric(at, "test error")
    best = int(metric(at, "degree with the lowest test error"))
    at.slider(key="overfitting_degree").set_value(best).run()
    assert metric(at, "test error") < test_15
    assert at.success and "About right" in at.success[0].value
    assert not at.exception


def test_the_default_degree_is_a_good_fit(at):
    assert metric(at, "training error") < 0.1
    assert at.success


def independent_errors(seed: int, degree: int) -> tuple[float, float]:
    """(training, test) mean squared error of the least-squares polynomial of `degree`,
    fitted here without core.basics.overfitting's fit: x scaled to [-1, 1] over the training
    points, a Chebyshev basis, np.linalg.lstsq. Only the points come from the app."""
    data = make_data(seed=seed)
    lo, hi = data.x_train.min(), data.x_train.max()

    def basis(x: np.ndarray) -> np.ndarray:
        return np.polynomial.chebyshev.chebvander((2 * x - lo - hi) / (hi - lo), degree)

    weights, *_ = np.linalg.lstsq(basis(data.x_train), data.y_train, rcond=None)
    train = np.mean((basis(data.x_train) @ weights - data.y_train) ** 2)
    test = np.mean((basis(data.x_test) @ weights - data.y_test) ** 2)
    return float(train), float(test)


@pytest.mark.parametrize("seed", [0, 5, 8, 999])
def test_each_seed_shows_the_errors_of_its_own_data(at, seed):
    """At degree 15 the page shows this seed's errors, its best degree, and over-fitting."""
    at.number_input(key="overfitting_seed").set_value(seed)
    at.slider(key="overfitting_degree").set_value(15).run()
    assert not at.exception
    train, test = independent_errors(seed, 15)
    rounding = 0.0005 + 1e-9 * test  # The page shows three decimals.
    assert metric(at, "training error") == pytest.approx(train, abs=rounding), seed
    assert metric(at, "test error") == pytest.approx(test, abs=rounding), seed
    tests = [independent_errors(seed, degree)[1] for degree in range(1, 16)]
    best = 1 + int(np.argmin(tests))
    assert int(metric(at, "degree with the lowest test error")) == best, (seed, tests)
    # Past the best degree the test error has grown, by more than the page's factor of two
    # for a good fit: so the page must call degree 15 over-fitting.
    assert test > 2 * tests[best - 1], (seed, tests)
    assert at.warning and "Over-fitting" in at.warning[0].value
