"""The glossary: one line per word, and the student's own values computed, at settings other
than the defaults, against independent counts."""

from __future__ import annotations

import math

from core.basics.backpropagation import TinyNetwork, descent_step
from core.basics.overfitting import fit_polynomial, make_data, mean_squared_error
from core.glossary import TERMS, Yours, yours
from core.iris.config import IrisConfig
from core.mnist.config import MnistConfig
from ui.frame.page_list import lessons

ISSUE_WORDS = {  # The words issue 27 asks for, at least.
    "neuron", "weight", "bias", "activation function", "loss", "gradient", "learning rate",
    "epoch", "batch", "step", "softmax", "cross-entropy", "convolution", "kernel", "pooling",
    "over-fitting", "test data", "data augmentation",
}  # fmt: skip


def test_every_word_once_in_one_line_met_on_a_real_page() -> None:
    names = [term.name for term in TERMS]
    assert len(names) == len(set(names)) and set(names) >= ISSUE_WORDS
    titles = {entry.title for entry in lessons()}
    for term in TERMS:
        assert "\n" not in term.definition and term.definition.endswith(".")
        assert term.page in titles, term


def test_the_defaults_give_a_line_only_where_every_student_has_a_value() -> None:
    own = yours(Yours())
    assert "Iris: 10 × 150 = **1,500** steps" in own["step"]
    assert not {"neuron", "kernel", "over-fitting", "accuracy", "cross-entropy"} & set(own)


def test_the_students_own_values() -> None:
    iris = IrisConfig(epochs=40, steps_per_epoch=150, batch_size=16, test_fraction=0.3)
    mnist = MnistConfig(train_size=5_000, epochs=3, batch_size=64, invert=True, filters=(8, 24))
    net = TinyNetwork(x1=-1.0, target=0.3, w5=-1.5)
    student = Yours(
        iris=iris,
        mnist=mnist,
        backprop=net,
        backprop_rate=2.0,
        neuron=(-2.0, 1.5, "tanh"),
        kernel=("Sobel magnitude", 5),
        overfitting=(12, 9),
        iris_result=(0.9556, 0.1234),
        mnist_result=("Run 3: small", 0.9312),
    )
    own = yours(student)
    steps = math.ceil(10_000 / 64)  # 5,000 digits and 5,000 inverted copies.
    assert (
        f"Iris: 40 × 150 = **6,000** steps; MNIST: 3 × {steps} = **{3 * steps:,}**" in own["step"]
    )
    assert "drawn from your 105 training flowers" in own["epoch"]
    assert "**10,000** per epoch" in own["data augmentation"]
    assert "Iris: **45** of 150 flowers (30%)" in own["test data"]
    assert "7x7x24" in own["pooling"] and "Iris: **16** flowers; MNIST: **64**" in own["batch"]
    assert own["bias"] == "your neuron's b = **1.5**." and "**tanh**" in own["activation function"]
    assert own["kernel"].startswith("**Sobel magnitude**: the two 3x3")
    assert own["accuracy"] == (
        "your last Iris network: **95.6%**; *Run 3: small*: **93.1%** of the MNIST test digits."
    )
    data = make_data(seed=9)
    model = fit_polynomial(data.x_train, data.y_train, 12)
    test_error = mean_squared_error(model, data.x_test, data.y_test)
    assert f"test error **{test_error:.3f}**" in own["over-fitting"]
    # The gradient's sign says which way w5 moves: check it against a real step.
    moved = descent_step(net, 2.0).w5 - net.w5
    assert ("grows" if moved > 0 else "shrinks") in own["gradient"]
    assert "Backpropagation page: **2**" in own["learning rate"]
