"""The first lessons' quick questions: each answer equals an independent computation, at
numbers other than the pages' defaults, and typed answers are read as a student types them."""

from __future__ import annotations

import dataclasses
import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.basics.backpropagation import TinyNetwork, descent_step, gradients
from core.basics.gradient_descent import OneWeightProblem, loss, run_steps
from core.basics.neurons import neuron_output
from core.basics.overfitting import fit_polynomial, make_data, mean_squared_error
from core.basics.questions import (
    Question,
    backprop_questions,
    gradient_descent_questions,
    neuron_questions,
    overfitting_questions,
    parse_reply,
)


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("4800", 4800.0),
        ("4,800", 4800.0),
        (" 1,234,567 ", 1234567.0),
        ("4 800", 4800.0),
        ("0.25", 0.25),
        ("0,25", 0.25),
        ("25%", 25.0),
        ("−0.5", -0.5),
        ("-3", -3.0),
        ("1e3", 1000.0),
    ],
)
def test_a_typed_answer_is_read_as_meant(typed: str, value: float) -> None:
    assert parse_reply(typed) == value


@pytest.mark.parametrize("typed", ["", "four", "1,2,3", "nan", "inf", "12..5", "1.2.3"])
def test_what_is_not_a_number_is_none(typed: str) -> None:
    assert parse_reply(typed) is None


@given(st.text(max_size=40))
def test_any_typed_text_is_a_finite_number_or_none(typed: str) -> None:
    """A student may type anything into the box: it never raises, and never gives NaN."""
    value = parse_reply(typed)
    assert value is None or math.isfinite(value)


def test_an_answer_is_right_within_its_tolerance_only() -> None:
    question = Question("?", 0.3, "", tolerance=0.005)
    assert question.accepts(0.3) and question.accepts(0.304) and question.accepts(0.296)
    assert not question.accepts(0.31) and not question.accepts(float("nan"))
    exact = Question("?", 540, "")
    assert exact.accepts(540.0) and not exact.accepts(541)


def test_the_neuron_questions() -> None:
    inputs, weights, bias = (-1.5, 0.7, 2.0), (-2.0, 1.3, -0.4), 1.0
    first, second = neuron_questions(inputs, weights, bias, [5, 7, 7, 7, 2])
    p, _ = neuron_output(inputs, weights, bias, "ReLU")
    zeroed, _ = neuron_output(inputs, (0.0, *weights[1:]), bias, "ReLU")
    assert f"p = {p:.2f}" in first.text and first.accepts(zeroed)
    assert not first.accepts(p)
    # 5-14-14-14-2: every arrow between neighbouring layers, counted by hand.
    assert second.answer == 5 * 14 + 14 * 14 + 14 * 14 + 14 * 2 == 490
    assert "Your 5-7-7-7-2 network has 147 weights" in second.text
    _, no_hidden = neuron_questions(inputs, weights, bias, [6, 3])
    assert no_hidden.answer == 12 * 3 and "twice as many inputs" in no_hidden.text


def test_the_overfitting_questions_against_real_fits() -> None:
    data = make_data(seed=9)
    degree_question, by_heart = overfitting_questions(7, len(data.x_train))
    assert degree_question.answer == len(fit_polynomial(data.x_train, data.y_train, 7).coef)
    n = int(by_heart.answer)
    assert n == len(data.x_train) == 24
    # With n weights (degree n - 1) the curve passes through every training point...
    x, y = data.x_train[:n], data.y_train[:n]
    exact = np.polynomial.Polynomial.fit(x, y, n - 1)
    assert mean_squared_error(exact, x, y) < 1e-12
    # ... and with one fewer it cannot (noisy points).
    assert mean_squared_error(fit_polynomial(x, y, n - 2), x, y) > 1e-6


def test_the_gradient_descent_questions_match_a_real_step() -> None:
    problem = OneWeightProblem()
    weight, rate = 2.5, 0.3
    slope = -2 * problem.x * (problem.target - weight * problem.x)
    step, best = gradient_descent_questions(weight, slope, rate, problem.x, problem.target)
    assert step.accepts(run_steps(weight, rate, 1, problem)[1])
    assert step.accepts(round(run_steps(weight, rate, 1, problem)[1], 3))  # As shown, rounded.
    assert loss(best.answer, problem) == pytest.approx(0.0)
    assert not best.accepts(problem.target * problem.x)


def test_the_backprop_questions_match_a_real_step() -> None:
    net = TinyNetwork(x1=-1.2, x2=1.6, target=0.1, w1=0.9, w5=-1.3)
    after, no_input = backprop_questions(net, 2.5)
    assert after.accepts(descent_step(net, 2.5).w5)
    assert f"{gradients(net)['w5']:.4f}" in after.text
    assert no_input.answer == gradients(dataclasses.replace(net, x2=0.0))["w2"] == 0.0
    assert gradients(net)["w2"] != 0.0  # It is the zero input that makes it 0.
