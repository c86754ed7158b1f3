"""Backpropagation worked through on the smallest network that has a hidden layer.

Two inputs, two hidden sigmoid neurons, one sigmoid output, one example, loss (t - y)^2: every
number fits on a page. Plain NumPy and the chain rule; the weights' names and the check
against TensorFlow: docs/architecture.md, "Backpropagation by hand".
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

PARAMETERS = ("w1", "w2", "w3", "w4", "w5", "w6", "b1", "b2", "b3")
LEARNING_RATE = 1.0  # The page's starting learning rate: one step visibly lowers the loss.


def sigmoid(p: float) -> float:
    """1 / (1 + e^-p), written so that a very negative p cannot overflow."""
    if p >= 0:
        return 1.0 / (1.0 + math.exp(-p))
    e = math.exp(p)
    return e / (1.0 + e)


@dataclass(frozen=True)
class TinyNetwork:
    """A 2-2-1 network and the one example it learns: inputs x1, x2 and the target t.

    The defaults are small weights of both signs, so that the hidden neurons disagree and
    every gradient is visibly different from the others.
    """

    x1: float = 0.9
    x2: float = 0.4
    target: float = 1.0
    w1: float = 0.5
    w2: float = -0.3
    w3: float = 0.2
    w4: float = 0.8
    w5: float = 0.7
    w6: float = -0.4
    b1: float = 0.1
    b2: float = -0.1
    b3: float = 0.05

    def parameters(self) -> dict[str, float]:
        """The nine numbers training changes, by name (inputs and target are data)."""
        return {name: float(getattr(self, name)) for name in PARAMETERS}


@dataclass(frozen=True)
class Forward:
    """Every value of the forward pass: each neuron's weighted sum p and output, the loss."""

    p1: float
    h1: float
    p2: float
    h2: float
    py: float
    y: float
    loss: float


def forward(net: TinyNetwork) -> Forward:
    """Inputs to loss, one neuron at a time; backpropagation reuses every value here."""
    p1 = net.w1 * net.x1 + net.w2 * net.x2 + net.b1
    p2 = net.w3 * net.x1 + net.w4 * net.x2 + net.b2
    h1, h2 = sigmoid(p1), sigmoid(p2)
    py = net.w5 * h1 + net.w6 * h2 + net.b3
    y = sigmoid(py)
    return Forward(p1, h1, p2, h2, py, y, (net.target - y) ** 2)


def loss(net: TinyNetwork) -> float:
    """L = (t - y)^2 for the network's one example."""
    return forward(net).loss


@dataclass(frozen=True)
class BackwardStep:
    """One step of the backward pass: a derivative as a product of local derivatives.

    `found` is what the step finds (LaTeX), `chain` the product of local derivatives that
    gives it, `numbers` the same product with this network's values, `value` its result,
    and `note` says where each factor comes from.
    """

    name: str
    found: str
    chain: str
    numbers: str
    value: float
    note: str


SUB = "₀₁₂₃₄₅₆"  # Subscript digits for the notes, which are plain text.


def _d(top: str, bottom: str) -> str:
    return rf"\frac{{\partial {top}}}{{\partial {bottom}}}"


def number(value: float) -> str:
    """A value as the page's formulas write it (LaTeX): four significant figures."""
    text = f"{value:.4g}"
    if "e" in text:  # Tiny gradients: 1.2e-05 reads as 1.2 x 10^-5.
        mantissa, exponent = text.split("e")
        text = rf"{mantissa}\times 10^{{{int(exponent)}}}"
    return text


def _loss_slope_note(target: float, y: float) -> str:
    """Which way the output should move, read off the sign of the loss's slope."""
    if y < target:
        return (
            "The loss's own slope. It is negative because the output is below the target: "
            "a larger y would lower the loss."
        )
    if y > target:
        return (
            "The loss's own slope. It is positive because the output is above the target: "
            "a smaller y would lower the loss."
        )
    return "The loss's own slope: 0, because the output equals the target."


def _product(*values: float) -> str:
    return "".join(f"({number(v)})" for v in values)


def backward_steps(net: TinyNetwork) -> list[BackwardStep]:
    """The backward pass in the order it is done: output first, then each hidden neuron.

    Each gradient is three local derivatives multiplied (the chain rule). A hidden weight's
    first factor, dL/dh, was found in an earlier step: that reuse is what makes
    backpropagation cheap.
    """
    f = forward(net)
    dl_dy = -2.0 * (net.target - f.y)
    dy_dpy = f.y * (1.0 - f.y)
    out = (_d("L", "y"), _d("y", "p_y"))
    steps = [
        BackwardStep(
            "dL/dy",
            _d("L", "y"),
            r"-2\,(t - y)",
            rf"-2\,({number(net.target)} - {number(f.y)})",
            dl_dy,
            _loss_slope_note(net.target, f.y),
        ),
        BackwardStep(
            "dy/dp_y",
            _d("y", "p_y"),
            r"y\,(1 - y)",
            rf"{number(f.y)}\,(1 - {number(f.y)})",
            dy_dpy,
            "The sigmoid's slope at the output's weighted sum: the sigmoid σ(p) has the "
            "derivative σ(p)(1 − σ(p)), and σ(p_y) is y.",
        ),
    ]

    def through_output(name: str, local: str, value: float, why: str) -> BackwardStep:
        return BackwardStep(
            f"dL/d{name}",
            _d("L", local),
            r" \cdot ".join([*out, _d("p_y", local)]),
            _product(dl_dy, dy_dpy, value),
            dl_dy * dy_dpy * value,
            f"The first two factors come from the steps above; the last one: {why}.",
        )

    def through_hidden(neuron: int, dl_dh: float, name: str, value: float, why: str):
        h = f.h1 if neuron == 1 else f.h2
        local = f"{name[0]}_{name[1]}"
        return BackwardStep(
            f"dL/d{name}",
            _d("L", local),
            r" \cdot ".join(
                [_d("L", f"h_{neuron}"), _d(f"h_{neuron}", f"p_{neuron}"), _d(f"p_{neuron}", local)]
            ),
            _product(dl_dh, h * (1.0 - h), value),
            dl_dh * h * (1.0 - h) * value,
            f"∂L/∂h{SUB[neuron]} was found above and is used again; then the sigmoid's slope "
            f"h{SUB[neuron]}(1 − h{SUB[neuron]}) at hidden neuron {neuron}; then {why}.",
        )

    steps += [
        through_output(
            "w5", "w_5", f.h1, "p_y = w₅h₁ + w₆h₂ + b₃, so p_y grows by h₁ per unit of w₅"
        ),
        through_output("w6", "w_6", f.h2, "p_y grows by h₂ per unit of w₆"),
        through_output("b3", "b_3", 1.0, "the bias is added to p_y as it is, so its factor is 1"),
    ]
    hidden = (
        (1, net.w5, ("w1", "w2", "b1"), "p₁ = w₁x₁ + w₂x₂ + b₁"),
        (2, net.w6, ("w3", "w4", "b2"), "p₂ = w₃x₁ + w₄x₂ + b₂"),
    )
    for neuron, weight, names, sum_formula in hidden:
        p, w_in = f"p{SUB[neuron]}", f"w{SUB[4 + neuron]}"
        passed = through_output(
            f"h{neuron}",
            f"h_{neuron}",
            weight,
            f"p_y grows by {w_in} per unit of h{SUB[neuron]}. This is no weight's gradient: "
            f"it is passed back to hidden neuron {neuron}",
        )
        steps.append(passed)
        a, b, bias = (f"{n[0]}{SUB[int(n[1])]}" for n in names)
        whys = (
            f"{sum_formula}, so {p} grows by x₁ per unit of {a}",
            f"{p} grows by x₂ per unit of {b}",
            f"the bias {bias} is added to {p} as it is, so its factor is 1",
        )
        for name, value, why in zip(names, (net.x1, net.x2, 1.0), whys, strict=True):
            steps.append(through_hidden(neuron, passed.value, name, value, why))
    return steps


def gradients(net: TinyNetwork) -> dict[str, float]:
    """dL/d(parameter) for all nine parameters, read off the backward pass."""
    found = {step.name.removeprefix("dL/d"): step.value for step in backward_steps(net)}
    return {name: found[name] for name in PARAMETERS}


def descent_step(net: TinyNetwork, learning_rate: float) -> TinyNetwork:
    """Every parameter takes one step downhill at once: p <- p - learning rate x dL/dp."""
    if not learning_rate > 0:
        raise ValueError("the learning rate must be positive")
    slopes = gradients(net)
    return replace(
        net,
        **{name: value - learning_rate * slopes[name] for name, value in net.parameters().items()},
    )
