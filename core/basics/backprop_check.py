"""TensorFlow's own gradients for the Backpropagation page's network, to set beside ours.

So that the student need not take the chain rule on trust; a flow like a training, since the
web server may have no TensorFlow, and float64, so only the method differs
(docs/architecture.md, "Backpropagation by hand").
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from core.basics.backpropagation import PARAMETERS, TinyNetwork

SAME_WITHIN = 1e-6  # Gradients closer than this count as the same (float64 gives ~1e-16).


@dataclass(frozen=True)
class TensorFlowGradients:
    """What TensorFlow found for one network: its loss and dL/d(parameter), plain floats.

    `network` is the one it was asked about, so a page can tell whether the check still
    belongs to the sliders on screen.
    """

    network: TinyNetwork
    loss: float
    gradients: dict[str, float]
    version: str  # TensorFlow's version, for the page's caption.

    def differences(self, ours: dict[str, float]) -> dict[str, float]:
        """|ours - TensorFlow's| for each parameter."""
        return {name: abs(ours[name] - self.gradients[name]) for name in PARAMETERS}

    def largest_difference(self, ours: dict[str, float]) -> float:
        return max(self.differences(ours).values())

    def agrees(self, ours: dict[str, float]) -> bool:
        """Every gradient within SAME_WITHIN of TensorFlow's."""
        return self.largest_difference(ours) < SAME_WITHIN


def tensorflow_gradients(
    config: TinyNetwork, report: Callable[[Any], None], should_stop: Callable[[], bool]
) -> TensorFlowGradients:
    """The network's loss and every gradient, by tf.GradientTape in float64.

    The forward pass is written again here in TensorFlow's operations, not taken from
    core.basics.backpropagation, so the two computations share nothing but the formula.
    It takes milliseconds once TensorFlow is imported: `report` and `should_stop` are
    there only because every flow takes them.
    """
    import tensorflow as tf

    net = config
    w = {name: tf.Variable(value, dtype=tf.float64) for name, value in net.parameters().items()}
    x1, x2, t = (tf.constant(value, tf.float64) for value in (net.x1, net.x2, net.target))
    with tf.GradientTape() as tape:
        h1 = tf.sigmoid(w["w1"] * x1 + w["w2"] * x2 + w["b1"])
        h2 = tf.sigmoid(w["w3"] * x1 + w["w4"] * x2 + w["b2"])
        y = tf.sigmoid(w["w5"] * h1 + w["w6"] * h2 + w["b3"])
        loss = (t - y) ** 2
    found = tape.gradient(loss, [w[name] for name in PARAMETERS])
    return TensorFlowGradients(
        network=net,
        loss=float(loss.numpy()),
        gradients={name: float(g.numpy()) for name, g in zip(PARAMETERS, found, strict=True)},
        version=str(tf.__version__),
    )


def difference_text(value: float) -> str:
    """A difference as the page writes it: one significant figure ("3e-17"), or 0."""
    return "0" if value == 0 else f"{value:.1g}"
