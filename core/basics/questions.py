"""Two quick questions for each lesson page, built from the numbers on the student's screen.

A question about "a network" can be answered from memory; one about *your* network, with
the numbers you are looking at, has to be worked out, which is the point. Each question
carries its answer and the working that gets there, computed here; the page only draws
them (ui/frame/quick_questions.py). This module has the question record, reading a typed
answer, and the questions of the first lessons; each chapter keeps its own (questions.py).
"""

from __future__ import annotations

import itertools
import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

from core.basics.backpropagation import TinyNetwork, gradients
from core.basics.network_shape import weight_count


@dataclass(frozen=True)
class Question:
    """A question, its answer, and how to get there (Markdown), with the numbers filled in.

    `tolerance` is how far a typed answer may be from the exact one and still be right: the
    page shows rounded numbers, and an answer worked out from them is right too.
    """

    text: str
    answer: float
    working: str
    tolerance: float = 0.0

    def accepts(self, reply: float) -> bool:
        """Whether a typed number is the answer, give or take the tolerance."""
        slack = self.tolerance + 1e-9 * max(1.0, abs(self.answer))
        return math.isfinite(reply) and abs(reply - self.answer) <= slack


_THOUSANDS = re.compile(r"^[-+]?\d{1,3}(,\d{3})+(\.\d+)?$")


def parse_reply(text: str) -> float | None:
    """A typed answer as a number: '4,800', '4 800', '0.25', '0,25', '25%'; None if it is not
    one. A comma followed by groups of three digits separates thousands; a single other comma
    is a decimal comma."""
    cleaned = text.strip().replace(" ", "").replace("\u202f", "").removesuffix("%")
    cleaned = cleaned.replace("−", "-")
    if _THOUSANDS.match(cleaned):
        cleaned = cleaned.replace(",", "")
    elif cleaned.count(",") == 1 and "." not in cleaned:
        cleaned = cleaned.replace(",", ".")
    try:
        value = float(cleaned)
    except ValueError:
        return None
    return value if math.isfinite(value) else None


def neuron_questions(
    inputs: Sequence[float], weights: Sequence[float], bias: float, layer_sizes: Sequence[int]
) -> list[Question]:
    """The Neurons page: the weighted sum without one input, and a wider network's weights."""
    p = sum(x * w for x, w in zip(inputs, weights, strict=True)) + bias
    x1, w1 = inputs[0], weights[0]
    without = p - x1 * w1
    first = Question(
        f"Your neuron's weighted sum is p = {p:.2f}. What would p be with **weight w1** set to 0?",
        without,
        f"Setting w1 to 0 removes the term x1·w1 = ({x1:g})({w1:g}) = {x1 * w1:.2f} from the "
        f"sum: {p:.2f} − ({x1 * w1:.2f}) = **{without:.2f}**.",
        tolerance=0.005,
    )
    sizes = list(layer_sizes)
    now, _ = weight_count(sizes)
    shape = "-".join(map(str, sizes))
    if len(sizes) > 2:  # Double every hidden layer.
        wider = [sizes[0], *(2 * n for n in sizes[1:-1]), sizes[-1]]
        change = "every hidden layer had twice as many neurons"
    else:  # No hidden layer: double the inputs.
        wider = [2 * sizes[0], sizes[-1]]
        change = "it had twice as many inputs"
    then, _ = weight_count(wider)
    products = " + ".join(f"{a}×{b}" for a, b in itertools.pairwise(wider))
    second = Question(
        f"Your {shape} network has {now:,} weights (arrows). How many weights would it have "
        f"if {change}?",
        then,
        f"The layers would be {'-'.join(map(str, wider))}, and each pair of neighbouring "
        f"layers is fully connected: {products} = **{then:,}**. Doubling a hidden layer "
        "doubles the weights on both its sides, so weights between two hidden layers "
        "grow four times.",
    )
    return [first, second]


def overfitting_questions(degree: int, training_points: int) -> list[Question]:
    """The over-fitting page: weights of the polynomial on screen, and the degree that
    learns every training point by heart."""
    return [
        Question(
            f"Your model is a polynomial of degree {degree}. How many weights does it learn?",
            degree + 1,
            f"One weight per power of x, from x⁰ (the constant w0) to x^{degree}: "
            f"{degree} + 1 = **{degree + 1}**.",
        ),
        Question(
            f"There are {training_points} training points. How many weights does a polynomial "
            "need to pass exactly through every one of them?",
            training_points,
            f"**{training_points}** (degree {training_points - 1}): with as many weights as "
            "points, the curve can pass through each one, the noise included. Its training "
            "error would be 0, and its test error large: learning by heart, not learning.",
        ),
    ]


def gradient_descent_questions(
    weight: float, slope: float, learning_rate: float, x: float, target: float
) -> list[Question]:
    """The gradient-descent page: the next step from the weight on screen, and the best weight."""
    after = weight - learning_rate * slope
    best = target / x
    return [
        Question(
            f"The weight is w = {weight:.4f}, its slope dJ/dw = {slope:.4f} and the learning "
            f"rate η = {learning_rate:g}. What will the weight be after the next **Step**?",
            after,
            f"w − η·dJ/dw = {weight:.4f} − {learning_rate:g} × ({slope:.4f}) = **{after:.4f}**. "
            "Press **Step** to check.",
            tolerance=0.001,
        ),
        Question(
            f"The input is x = {x:g} and the target t = {target:g}. Which weight makes the loss "
            "exactly 0?",
            best,
            f"The loss (t − wx)² is 0 when wx = t, so w = t / x = {target:g} / {x:g} = "
            f"**{best:.4g}**.",
            tolerance=0.005,
        ),
    ]


def backprop_questions(net: TinyNetwork, learning_rate: float) -> list[Question]:
    """The Backpropagation page: one weight's step, and the gradient of a weight whose input
    is 0."""
    slope = gradients(net)["w5"]
    after = net.w5 - learning_rate * slope
    return [
        Question(
            f"∂L/∂w5 = {slope:.4f} and η = {learning_rate:g}. What is w5 after the step, "
            f"starting from w5 = {net.w5:g}?",
            after,
            f"w5 − η·∂L/∂w5 = {net.w5:g} − {learning_rate:g} × ({slope:.4f}) = "
            f"**{after:.4f}**, as in the table of section 3.",
            tolerance=0.001,
        ),
        Question(
            "∂L/∂w2 = ∂L/∂h1 · h1(1 − h1) · x2. What would ∂L/∂w2 be if the input x2 were 0?",
            0.0,
            "**0**: the last factor is x2 itself. A weight whose input is 0 played no part in "
            "the output, so it gets no gradient and does not move in this step.",
        ),
    ]
