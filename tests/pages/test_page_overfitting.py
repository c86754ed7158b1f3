"""App tests of the Training and test data page: the degree slider and the verdicts."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

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


@pytest.mark.parametrize("seed", [0, 8, 999])
def test_other_seeds_never_break_the_page(at, seed):
    at.number_input(key="overfitting_seed").set_value(seed)
    at.slider(key="overfitting_degree").set_value(15).run()
    assert not at.exception
    assert metric(at, "training error") >= 0
