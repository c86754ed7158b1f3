"""The neuron's maths against hand-computed values and central finite differences."""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from core.basics.neurons import ACTIVATIONS, activation, neuron_output, weighted_sum

H = 1e-5  # Central differences with this step are accurate to ~1e-10 for smooth functions.


def central_difference(f, p: float) -> float:
    return float((f(p + H) - f(p - H)) / (2 * H))


def test_weighted_sum_by_hand():
    # 1*0.5 + 0.5*(-1) + 2*0.4 + 0.1 = 0.9
    assert weighted_sum([1.0, 0.5, 2.0], [0.5, -1.0, 0.4], 0.1) == pytest.approx(0.9)


def test_weighted_sum_needs_one_weight_per_input():
    with pytest.raises(ValueError, match="one weight per input"):
        weighted_sum([1.0, 2.0], [1.0])


@pytest.mark.parametrize(
    ("name", "p", "expected"),
    [
        ("ReLU", -0.8, 0.0),
        ("ReLU", 0.7, 0.7),
        ("sigmoid", 0.0, 0.5),
        ("sigmoid", math.log(3.0), 0.75),  # 1 / (1 + 1/3)
        ("tanh", 0.5, math.tanh(0.5)),
        ("step", 0.3, 1.0),
        ("step", 0.0, 0.0),
        ("step", -2.0, 0.0),
    ],
)
def test_activation_values(name, p, expected):
    assert float(activation(name).function(p)) == pytest.approx(expected, abs=1e-12)


def test_neuron_output_applies_the_activation_to_the_sum():
    p, y = neuron_output([1.0, 0.5, -1.0], [0.5, -1.0, 0.8], 0.0, "ReLU")
    assert p == pytest.approx(-0.8)
    assert y == 0.0
    p, y = neuron_output([1.0, 0.5, -1.0], [0.5, -1.0, 0.8], 0.0, "sigmoid")
    assert y == pytest.approx(1 / (1 + math.exp(0.8)))


def test_sigmoid_does_not_overflow_for_large_sums():
    with np.errstate(all="raise"):
        values = activation("sigmoid").function(np.array([-1000.0, 1000.0]))
    np.testing.assert_allclose(values, [0.0, 1.0])


def test_unknown_activation_is_a_value_error():
    with pytest.raises(ValueError, match="unknown activation"):
        activation("softmax")


# The kinks of ReLU and step at p = 0 have no derivative, so sample away from them.
sums = st.floats(-6.0, 6.0).filter(lambda p: abs(p) > 1e-3)


@pytest.mark.parametrize("name", list(ACTIVATIONS))
@given(p=sums)
def test_derivatives_match_central_differences(name, p):
    act = activation(name)
    assert float(act.derivative(p)) == pytest.approx(central_difference(act.function, p), abs=1e-6)


@pytest.mark.parametrize(
    ("name", "p", "slope"),
    [("ReLU", 2.0, 1.0), ("ReLU", -2.0, 0.0), ("sigmoid", 0.0, 0.25), ("tanh", 0.0, 1.0)],
)
def test_derivative_values_by_hand(name, p, slope):
    assert float(activation(name).derivative(p)) == pytest.approx(slope)
