"""Gradient descent on one weight: the derivative, convergence, and divergence."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.basics.gradient_descent import (
    OneWeightProblem,
    gradient_step,
    loss,
    loss_derivative,
    run_steps,
    status,
    suggested_rates,
)

PROBLEM = OneWeightProblem()  # x = 1.5, t = 3, so w* = 2 and the critical rate is 1/2.25.


def test_loss_and_derivative_by_hand():
    # w = -1: y = -1.5, t - y = 4.5, J = 20.25, dJ/dw = -2 * 1.5 * 4.5 = -13.5
    assert loss(-1.0, PROBLEM) == pytest.approx(20.25)
    assert loss_derivative(-1.0, PROBLEM) == pytest.approx(-13.5)
    assert loss(PROBLEM.best_weight, PROBLEM) == 0.0
    assert PROBLEM.best_weight == 2.0
    assert PROBLEM.critical_rate == pytest.approx(1 / 2.25)


@given(w=st.floats(-40.0, 40.0), x=st.floats(0.2, 3.0), t=st.floats(-5.0, 5.0))
def test_loss_derivative_matches_central_differences(w, x, t):
    problem = OneWeightProblem(x=x, target=t)
    h = 1e-5
    numeric = (loss(w + h, problem) - loss(w - h, problem)) / (2 * h)
    # J is a parabola, so the central difference is exact up to rounding of J's size.
    assert loss_derivative(w, problem) == pytest.approx(
        numeric, abs=1e-6 * max(1.0, loss(w, problem))
    )


def test_one_step_by_hand():
    # w = -1 - 0.05 * (-13.5) = -0.325
    assert gradient_step(-1.0, 0.05, PROBLEM) == pytest.approx(-0.325)


def test_steps_are_bigger_when_the_neuron_is_more_wrong():
    far = abs(gradient_step(-5.0, 0.05, PROBLEM) - -5.0)
    near = abs(gradient_step(1.5, 0.05, PROBLEM) - 1.5)
    assert far > near > 0


def test_a_small_learning_rate_converges_to_the_minimum():
    path = run_steps(-1.0, 0.05, 200, PROBLEM)
    assert len(path) == 201
    assert path[-1] == pytest.approx(2.0, abs=1e-6)
    losses = [loss(w, PROBLEM) for w in path]
    assert np.all(np.diff(losses) <= 0)
    assert status(path, PROBLEM) == "converged"


def test_a_large_learning_rate_oscillates_but_converges():
    path = run_steps(-1.0, 0.35, 5, PROBLEM)  # factor 1 - 2 * 0.35 * 2.25 = -0.575
    assert status(path, PROBLEM) == "oscillating"
    assert abs(run_steps(-1.0, 0.35, 100, PROBLEM)[-1] - 2.0) < 1e-6


def test_a_too_large_learning_rate_diverges_and_stays_finite():
    path = run_steps(-1.0, 0.5, 1000, PROBLEM)  # factor -1.25: every step 25 % further out
    errors = [abs(w - 2.0) for w in path]
    assert errors[1] > errors[0]
    assert status(path, PROBLEM) == "diverging"
    assert np.all(np.isfinite(path))
    assert max(abs(w) for w in path) == PROBLEM.limit
    assert len(path) < 1000  # It stops at the limit instead of bouncing between the bounds.


def test_a_diverged_weight_recovers_with_a_smaller_rate():
    path = run_steps(PROBLEM.limit, 0.05, 300, PROBLEM)
    assert path[-1] == pytest.approx(2.0, abs=1e-6)


def test_status_at_the_edge_of_stability_is_stuck():
    problem = OneWeightProblem(x=1.0, target=2.0)  # critical rate 1: the error flips sign
    assert status(run_steps(0.0, 1.0, 3, problem), problem) == "stuck"


def test_bad_arguments():
    with pytest.raises(ValueError):
        gradient_step(0.0, 0.0, PROBLEM)
    with pytest.raises(ValueError):
        run_steps(0.0, 0.1, -1, PROBLEM)
    with pytest.raises(ValueError):
        OneWeightProblem(x=0.0)


@pytest.mark.parametrize("x", [0.8, 1.0, 1.5, 2.0])
def test_the_suggested_rates_oscillate_and_diverge_as_the_page_says(x: float) -> None:
    problem = OneWeightProblem(x=x)
    oscillating, diverging = suggested_rates(problem)
    assert problem.critical_rate / 2 < oscillating < problem.critical_rate < diverging
    path = run_steps(-1.0, oscillating, 1, problem)
    assert status(path, problem) == "oscillating"
    assert status(run_steps(-1.0, oscillating, 200, problem), problem) == "converged"
    assert status(run_steps(-1.0, diverging, 3, problem), problem) == "diverging"
