"""App tests of the gradient-descent page: Step, Run and Reset move the weight as they should."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

PAGE = str(ROOT / "app_pages" / "gradient_descent.py")
BEST = 2.0  # w* = t / x = 3 / 1.5


def weight(at: AppTest) -> float:
    return float(next(m.value for m in at.metric if m.label == "weight w"))


def loss(at: AppTest) -> float:
    return float(next(m.value for m in at.metric if m.label == "loss J(w)"))


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=30).run()
    assert not app.exception
    return app


def test_starts_at_the_starting_weight(at):
    assert weight(at) == -1.0
    assert loss(at) == 20.25
    assert at.session_state["gd_path"] == [-1.0]


def test_step_moves_by_the_hand_computed_amount(at):
    at.button(key="gd_step").click().run()
    assert weight(at) == pytest.approx(-0.325)  # -1 - 0.05 * (-13.5)
    assert loss(at) < 20.25
    assert len(at.session_state["gd_path"]) == 2
    assert not at.exception


def test_run_moves_towards_the_minimum_and_reset_goes_back(at):
    at.button(key="gd_run").click().run()
    assert abs(weight(at) - BEST) < 0.05
    assert len(at.session_state["gd_path"]) == 21
    assert at.info and "Getting closer" in at.info[0].value
    at.button(key="gd_run").click().run()
    at.button(key="gd_run").click().run()
    assert at.success and "Converged" in at.success[0].value
    at.button(key="gd_reset").click().run()
    assert weight(at) == -1.0
    assert at.session_state["gd_path"] == [-1.0]
    assert not at.exception


def test_a_too_large_learning_rate_diverges_and_says_so(at):
    at.slider(key="gd_learning_rate").set_value(0.5).run()
    at.button(key="gd_step").click().run()
    assert at.error and "Diverging" in at.error[0].value
    for _ in range(3):
        at.button(key="gd_run").click().run()
    assert abs(weight(at)) == 50.0  # clipped at the limit, finite
    assert not at.exception
    # A smaller rate brings it back without a reset.
    at.slider(key="gd_learning_rate").set_value(0.1).run()
    for _ in range(5):
        at.button(key="gd_run").click().run()
    assert abs(weight(at) - BEST) < 0.01
    assert not at.error


def test_a_large_learning_rate_oscillates(at):
    at.slider(key="gd_learning_rate").set_value(0.35).run()
    at.button(key="gd_step").click().run()
    assert weight(at) > BEST  # jumped over the minimum
    at.button(key="gd_step").click().run()
    assert at.warning and "back and forth" in at.warning[0].value


def test_moving_the_starting_weight_restarts(at):
    at.button(key="gd_run").click().run()
    at.slider(key="gd_start_weight").set_value(6.0).run()
    assert weight(at) == 6.0
    assert at.session_state["gd_path"] == [6.0]
    at.button(key="gd_step").click().run()
    assert BEST < weight(at) < 6.0  # downhill from the other side
