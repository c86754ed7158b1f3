"""One artificial neuron: a weighted sum of its inputs, then an activation function.

The activation is what makes a network more than one big weighted sum: without it, any
stack of layers could be replaced by a single layer. Its derivative is what backpropagation
uses to tell each weight which way to move, so every activation here comes with one.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

import numpy as np

ArrayLike = float | np.ndarray
Function = Callable[[ArrayLike], ArrayLike]


def relu(p: ArrayLike) -> ArrayLike:
    """max(0, p): passes positive sums through and silences negative ones."""
    return np.maximum(0.0, p)


def relu_derivative(p: ArrayLike) -> ArrayLike:
    """1 where p > 0, else 0 (we pick 0 at the kink p = 0, as Keras does)."""
    return np.where(np.asarray(p) > 0, 1.0, 0.0)


def sigmoid(p: ArrayLike) -> ArrayLike:
    """1 / (1 + e^-p), squeezed into (0, 1); written with tanh so large |p| cannot overflow."""
    return 0.5 * (1.0 + np.tanh(0.5 * np.asarray(p, dtype=float)))


def sigmoid_derivative(p: ArrayLike) -> ArrayLike:
    """s(p) (1 - s(p)): largest at p = 0 and almost 0 far away, why sigmoids learn slowly."""
    s = sigmoid(p)
    return s * (1.0 - s)


def tanh(p: ArrayLike) -> ArrayLike:
    """Like the sigmoid but in (-1, 1) and centred on 0."""
    return np.tanh(p)


def tanh_derivative(p: ArrayLike) -> ArrayLike:
    """1 - tanh(p)^2."""
    return 1.0 - np.tanh(p) ** 2


def step(p: ArrayLike) -> ArrayLike:
    """1 if p > 0 else 0: the original perceptron, an on/off neuron."""
    return np.where(np.asarray(p) > 0, 1.0, 0.0)


def step_derivative(p: ArrayLike) -> ArrayLike:
    """0 everywhere (undefined at 0): no gradient, the reason networks use smooth activations."""
    return np.zeros_like(np.asarray(p, dtype=float))


@dataclass(frozen=True)
class Activation:
    """An activation function, its derivative and its formula in LaTeX for the page."""

    name: str
    function: Function
    derivative: Function
    latex: str


ACTIVATIONS: dict[str, Activation] = {
    a.name: a
    for a in (
        Activation("ReLU", relu, relu_derivative, r"f(p) = \max(0,\, p)"),
        Activation("sigmoid", sigmoid, sigmoid_derivative, r"f(p) = \frac{1}{1 + e^{-p}}"),
        Activation("tanh", tanh, tanh_derivative, r"f(p) = \tanh(p)"),
        Activation(
            "step", step, step_derivative, r"f(p) = \begin{cases}1 & p > 0\\0 & p \le 0\end{cases}"
        ),
    )
}


def activation(name: str) -> Activation:
    """The activation called `name` (one of ACTIVATIONS); ValueError for anything else."""
    try:
        return ACTIVATIONS[name]
    except KeyError:
        raise ValueError(
            f"unknown activation {name!r}; choose one of {list(ACTIVATIONS)}"
        ) from None


def weighted_sum(inputs: Sequence[float], weights: Sequence[float], bias: float = 0.0) -> float:
    """p = x_1 w_1 + ... + x_n w_n + b, the first half of what a neuron does."""
    x = np.asarray(inputs, dtype=float)
    w = np.asarray(weights, dtype=float)
    if x.shape != w.shape or x.ndim != 1:
        raise ValueError("a neuron needs exactly one weight per input")
    return float(x @ w + bias)


def neuron_output(
    inputs: Sequence[float], weights: Sequence[float], bias: float = 0.0, name: str = "ReLU"
) -> tuple[float, float]:
    """(p, f(p)): the weighted sum and the neuron's output after the activation `name`."""
    p = weighted_sum(inputs, weights, bias)
    return p, float(activation(name).function(p))
