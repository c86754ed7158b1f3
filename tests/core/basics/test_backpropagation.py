"""Backpropagation by hand equals TensorFlow's own gradients, and one step lowers the loss.

The network and every gradient are written out in core.basics.backpropagation with the
chain rule; here tf.GradientTape differentiates the same formula in float64, at weights and
inputs other than the page's defaults.
"""

from __future__ import annotations

import dataclasses
import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from core.basics.backpropagation import (
    PARAMETERS,
    TinyNetwork,
    backward_steps,
    descent_step,
    forward,
    gradients,
    loss,
    number,
    sigmoid,
)

# Not the defaults: every input, weight and bias moved, the target below the output.
OTHER = TinyNetwork(
    x1=-1.3, x2=0.7, target=0.2, w1=1.1, w2=-0.6, w3=-0.9, w4=0.35,
    w5=-1.4, w6=0.8, b1=-0.25, b2=0.4, b3=0.3,
)  # fmt: skip


def tensorflow_gradients(net: TinyNetwork) -> tuple[float, dict[str, float]]:
    """The loss and dL/d(parameter) for every parameter, by tf.GradientTape in float64."""
    import tensorflow as tf

    variables = {name: tf.Variable(value, dtype=tf.float64) for name, value in
                 net.parameters().items()}  # fmt: skip
    v = variables
    x1, x2, t = (tf.constant(value, tf.float64) for value in (net.x1, net.x2, net.target))
    with tf.GradientTape() as tape:
        h1 = tf.sigmoid(v["w1"] * x1 + v["w2"] * x2 + v["b1"])
        h2 = tf.sigmoid(v["w3"] * x1 + v["w4"] * x2 + v["b2"])
        y = tf.sigmoid(v["w5"] * h1 + v["w6"] * h2 + v["b3"])
        value = (t - y) ** 2
    found = tape.gradient(value, [v[name] for name in PARAMETERS])
    return float(value), {name: float(g) for name, g in zip(PARAMETERS, found, strict=True)}


@pytest.mark.parametrize(
    "net",
    [OTHER, dataclasses.replace(OTHER, target=0.95, x2=-2.0, w4=-1.7), TinyNetwork()],
    ids=["other", "other-target-above", "defaults"],
)
def test_every_gradient_equals_tensorflows(net: TinyNetwork) -> None:
    tf_loss, tf_gradients = tensorflow_gradients(net)
    assert loss(net) == pytest.approx(tf_loss, abs=1e-12)
    ours = gradients(net)
    assert set(ours) == set(PARAMETERS)
    for name in PARAMETERS:
        assert ours[name] == pytest.approx(tf_gradients[name], abs=1e-6), name
    assert any(abs(value) > 1e-3 for value in ours.values())  # Not all zero by accident.


def test_the_forward_pass_by_hand() -> None:
    f = forward(OTHER)
    p1 = 1.1 * -1.3 + -0.6 * 0.7 - 0.25
    assert f.p1 == pytest.approx(p1) and f.h1 == pytest.approx(1 / (1 + math.exp(-p1)))
    assert f.py == pytest.approx(-1.4 * f.h1 + 0.8 * f.h2 + 0.3)
    assert f.loss == pytest.approx((0.2 - f.y) ** 2)
    assert sigmoid(-800.0) == pytest.approx(0.0) and sigmoid(800.0) == 1.0  # No overflow.


def test_each_step_is_the_product_it_shows() -> None:
    """The numbers written in a step multiply to its value; a hidden weight reuses dL/dh."""
    steps = {step.name: step for step in backward_steps(OTHER)}
    assert list(steps)[:2] == ["dL/dy", "dy/dp_y"]
    assert list(steps).index("dL/dh1") < list(steps).index("dL/dw1")
    assert list(steps).index("dL/dh2") < list(steps).index("dL/dw3")
    f = forward(OTHER)
    assert steps["dL/dy"].value == pytest.approx(-2 * (0.2 - f.y))
    assert steps["dy/dp_y"].value == pytest.approx(f.y * (1 - f.y))
    head = steps["dL/dy"].value * steps["dy/dp_y"].value
    assert steps["dL/dw5"].value == pytest.approx(head * f.h1)
    assert steps["dL/dh2"].value == pytest.approx(head * 0.8)
    assert steps["dL/dw4"].value == pytest.approx(steps["dL/dh2"].value * f.h2 * (1 - f.h2) * 0.7)
    for step in steps.values():
        if step.numbers.startswith("("):
            factors = [float(n) for n in step.numbers.strip("()").split(")(")]
            assert math.prod(factors) == pytest.approx(step.value, rel=2e-3, abs=1e-6), step.name
    assert steps["dL/dw1"].numbers.startswith(f"({number(steps['dL/dh1'].value)})")


def test_one_step_at_a_small_learning_rate_lowers_the_loss() -> None:
    for net in (OTHER, TinyNetwork(), dataclasses.replace(OTHER, target=0.9)):
        after = descent_step(net, 0.1)
        assert loss(after) < loss(net)
        slopes = gradients(net)
        assert after.w3 == pytest.approx(net.w3 - 0.1 * slopes["w3"])
        assert (after.x1, after.target) == (net.x1, net.target)  # Data does not move.
    with pytest.raises(ValueError, match="positive"):
        descent_step(OTHER, 0.0)


@settings(max_examples=40, deadline=None)
@given(
    st.lists(st.floats(-2, 2), min_size=11, max_size=11),
    st.floats(0.0, 1.0),
)
def test_a_tiny_step_never_raises_the_loss(values: list[float], target: float) -> None:
    """Downhill is downhill: for a small enough step the loss cannot grow (first order)."""
    names = ["x1", "x2", *PARAMETERS, "target"]
    net = TinyNetwork(**dict(zip(names, [*values, target], strict=True)))
    assert loss(descent_step(net, 1e-3)) <= loss(net) + 1e-15


def test_numbers_are_written_short() -> None:
    assert number(-0.123456) == "-0.1235"
    assert number(2.0) == "2"
    assert number(1.5e-6) == r"1.5\times 10^{-6}"
