"""Training by gradient descent, shrunk to one weight so that every step can be drawn.

The neuron is y = w x with no activation, and it should answer t for the input x. Its loss
J(w) = (t - w x)^2 is a parabola in w; its lowest point w* = t / x is the weight we want.
A real network does exactly this for millions of weights at once; backpropagation is only
the bookkeeping that finds every dJ/dw.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Literal

import numpy as np

Status = Literal["start", "converged", "approaching", "oscillating", "stuck", "diverging"]


@dataclass(frozen=True)
class OneWeightProblem:
    """One training example (x, t) and the bound at which we call the weight diverged.

    With x = 1.5 the rate must stay below 1 / x^2 = 0.44, so a slider up to 0.6 shows both.
    """

    x: float = 1.5
    target: float = 3.0
    limit: float = 50.0  # |w| beyond this counts as diverged; keeps every number finite.

    def __post_init__(self) -> None:
        if self.x == 0:
            raise ValueError("the input x must not be 0, or the weight could not matter")
        if self.limit <= abs(self.best_weight):
            raise ValueError("the limit must lie beyond the best weight")

    @property
    def best_weight(self) -> float:
        """w* = t / x, where the loss is 0."""
        return self.target / self.x

    @property
    def critical_rate(self) -> float:
        """Above this learning rate every step overshoots further than it started."""
        return 1.0 / self.x**2


def loss(w: float | np.ndarray, problem: OneWeightProblem) -> float | np.ndarray:
    """J(w) = (t - w x)^2: squaring makes every mistake positive and big ones count more."""
    return (problem.target - w * problem.x) ** 2


def loss_derivative(w: float | np.ndarray, problem: OneWeightProblem) -> float | np.ndarray:
    """dJ/dw = -2 x (t - w x): the slope of the loss, large when the neuron is very wrong."""
    return -2.0 * problem.x * (problem.target - w * problem.x)


def gradient_step(w: float, learning_rate: float, problem: OneWeightProblem) -> float:
    """w <- w - lr dJ/dw, walking downhill; clipped to +-limit so nothing overflows."""
    if learning_rate <= 0:
        raise ValueError("the learning rate must be positive")
    new_w = w - learning_rate * float(loss_derivative(w, problem))
    return float(np.clip(new_w, -problem.limit, problem.limit))


def run_steps(w: float, learning_rate: float, steps: int, problem: OneWeightProblem) -> list[float]:
    """The weights visited by `steps` gradient steps from w, w first.

    Stops early when a step reaches the limit: the weight has diverged and more steps would
    only bounce between the bounds. A run may start at the limit, so a smaller learning rate
    can still bring a diverged weight back.
    """
    if steps < 0:
        raise ValueError("the number of steps cannot be negative")
    path = [float(w)]
    for _ in range(steps):
        path.append(gradient_step(path[-1], learning_rate, problem))
        if abs(path[-1]) >= problem.limit:
            break
    return path


def status(path: list[float], problem: OneWeightProblem, tolerance: float = 1e-3) -> Status:
    """How training is going, judged by the distance to w* over the last step.

    'oscillating' means the weight jumps across w* but still gets closer; 'diverging' that
    it gets further away each step, the sign of a learning rate that is too large.
    """
    errors = [w - problem.best_weight for w in path]
    if abs(errors[-1]) < tolerance:
        return "converged"
    if len(path) < 2:
        return "start"
    if abs(path[-1]) >= problem.limit or abs(errors[-1]) > abs(errors[-2]) * (1 + 1e-12):
        return "diverging"
    if abs(errors[-1]) >= abs(errors[-2]) * (1 - 1e-12):
        return "stuck"
    if errors[-1] * errors[-2] < 0:
        return "oscillating"
    return "approaching"


def suggested_rates(problem: OneWeightProblem) -> tuple[float, float]:
    """Two learning rates for the page's first exercise, on the slider's 0.01 grid.

    The first lies between 1 / (2 x^2) and 1 / x^2, where each step overshoots w* but
    lands closer (it oscillates and still converges); the second lies above 1 / x^2, where
    each step lands further away (it diverges). Computed from the problem, so a change of x
    keeps the exercise true.
    """
    critical = problem.critical_rate
    oscillating = round(0.75 * critical, 1)
    if not critical / 2 < oscillating < critical:
        oscillating = round(0.75 * critical, 2)
    diverging = math.ceil(critical * 10 + 0.5) / 10
    return oscillating, diverging
