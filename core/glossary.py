"""The workshop's words, each in one line, and beside it the student's own value of it.

A definition read in a list is easy to forget; "your epoch: 40 steps of 16 flowers" ties it
to what the student set. The definitions are fixed text; every number in the "yours" lines is
computed from what the student chose or trained (`Yours`), so none can turn false. This
module spans the chapters (a word met on the Iris page is used again on the MNIST page), so
it sits beside core/cli.py rather than inside one chapter.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from core.basics.backpropagation import LEARNING_RATE, TinyNetwork, forward, gradients
from core.basics.overfitting import fit_polynomial, make_data, mean_squared_error
from core.iris.config import IrisConfig
from core.iris.data import split_counts
from core.kernels.convolution import SOBEL_MAGNITUDE
from core.mnist.config import MnistConfig, examples_per_epoch, steps_per_epoch
from core.mnist.shapes import layer_rows


@dataclass(frozen=True)
class Term:
    """A word, what it means in one line, and the page where the student meets it first."""

    name: str
    definition: str
    page: str


TERMS: tuple[Term, ...] = (
    Term("accuracy", "The share of examples a network labels right, counted on test data "
         "unless it says otherwise.", "Iris flowers"),
    Term("activation function", "What a neuron does to its weighted sum before passing it "
         "on: ReLU keeps positive sums and drops negative ones; sigmoid squeezes any sum "
         "between 0 and 1.", "Neurons and networks"),
    Term("backpropagation", "Finding every weight's gradient at once, from the loss "
         "backwards, one layer at a time, with the chain rule.", "Backpropagation"),
    Term("batch", "The examples used together for one step: the step follows the average "
         "gradient of their losses.", "Iris flowers"),
    Term("bias", "A number a neuron adds to its weighted sum whatever its inputs: it shifts "
         "where the neuron switches on. Training sets it, like a weight.",
         "Neurons and networks"),
    Term("convolution", "Sliding a kernel over an image: each output pixel is the sum of "
         "the pixels under the kernel, each times the weight on top of it.",
         "Kernel convolution"),
    Term("cross-entropy", "The loss for choosing between classes: minus the logarithm of "
         "the probability given to the right class; 0 for a sure right answer.",
         "Iris flowers"),
    Term("data augmentation", "Adding changed copies of the training examples, here "
         "colour-inverted digits, so the network learns that the change does not matter.",
         "MNIST training"),
    Term("epoch", "One round of training. In Keras it is a set number of batches, usually "
         "one pass over the training data (the MNIST page); the Iris notebook sets the "
         "number of batches itself (steps per epoch), so its epoch need not be one pass.",
         "Iris flowers"),
    Term("gradient", "How much the loss changes when one weight grows a little: the slope "
         "that tells the weight which way is downhill.", "Training by gradient descent"),
    Term("hyperparameter", "A setting chosen before training (epochs, batch size, learning "
         "rate, layer sizes); training finds the weights, not these.", "Iris flowers"),
    Term("kernel", "The small grid of weights a convolution slides over an image; a CNN "
         "learns its kernels (also called filters).", "Kernel convolution"),
    Term("learning rate", "How big the steps are: plain gradient descent moves each weight "
         "by the learning rate times its gradient; Adam (Iris, MNIST) scales each weight's "
         "step from there.", "Training by gradient descent"),
    Term("loss", "One number that says how wrong the network is on its training examples; "
         "training lowers it.", "Training by gradient descent"),
    Term("neuron", "Multiplies each input by a weight, adds them up with a bias (the "
         "weighted sum), and passes the sum through an activation function.",
         "Neurons and networks"),
    Term("over-fitting", "Learning the training examples by heart, noise included: the "
         "training error keeps falling while the test error grows.",
         "Training and test data"),
    Term("pooling", "Shrinking feature maps between convolutions: max pooling keeps the "
         "largest value of each 2x2 square, halving the height and the width.",
         "Kernel convolution"),
    Term("seed", "The number that picks the random starting weights and the order of the "
         "examples.", "Iris flowers"),
    Term("softmax", "The last layer's activation when a network chooses between classes: it "
         "turns the scores into probabilities that add up to 1 (100%).", "Iris flowers"),
    Term("step", "One update of every weight, after one batch: each weight moves a little "
         "against its gradient.", "Iris flowers"),
    Term("test data", "Examples kept apart and never trained on, to measure how the network "
         "does on data it has not seen.", "Training and test data"),
    Term("weight", "A number on one connection: how much the input it carries counts. "
         "Training changes the weights.", "Neurons and networks"),
)  # fmt: skip


@dataclass(frozen=True)
class Yours:
    """What the student has set and trained, as the glossary needs it.

    The Iris and MNIST settings start at their configs' defaults, as the pages' widgets do;
    the rest is None until the student has been to its page (or trained).
    """

    iris: IrisConfig = field(default_factory=IrisConfig)
    mnist: MnistConfig = field(default_factory=MnistConfig)
    backprop: TinyNetwork = field(default_factory=TinyNetwork)
    backprop_rate: float = LEARNING_RATE
    neuron: tuple[float, float, str] | None = None  # (weight w1, bias, activation)
    kernel: tuple[str, int] | None = None  # (preset, side)
    overfitting: tuple[int, int] | None = None  # (degree, data seed)
    iris_result: tuple[float, float] | None = None  # (test accuracy, last training loss)
    mnist_result: tuple[str, float] | None = None  # (run label, test accuracy)


def yours(student: Yours) -> dict[str, str]:
    """Term name -> one Markdown line of the student's own value of it (where there is one)."""
    iris, mnist = student.iris, student.mnist
    train, test = split_counts(iris.test_fraction)
    iris_steps, mnist_steps = (
        iris.epochs * iris.steps_per_epoch,
        mnist.epochs * steps_per_epoch(mnist),
    )
    f1, f2 = mnist.filters
    slope = gradients(student.backprop)["w5"]
    move = "grows" if slope < 0 else "shrinks" if slope > 0 else "stays"
    lines = {
        "backpropagation": f"your 2-2-1 network's gradient for w5: ∂L/∂w5 = **{slope:.4f}**.",
        "batch": f"Iris: **{iris.batch_size}** flowers; MNIST: **{mnist.batch_size}** digits.",
        "data augmentation": (
            f"on: your {mnist.train_size:,} MNIST digits and their inverted copies, "
            f"**{examples_per_epoch(mnist):,}** per epoch."
            if mnist.invert
            else f"off: your {mnist.train_size:,} MNIST digits, no inverted copies."
        ),
        "epoch": f"Iris: **{iris.steps_per_epoch:,}** batches of {iris.batch_size} = "
        f"{iris.steps_per_epoch * iris.batch_size:,} flowers, drawn from your {train} training "
        f"flowers; MNIST: one pass over **{examples_per_epoch(mnist):,}** digits.",
        "gradient": f"∂L/∂w5 = **{slope:.4f}** on the Backpropagation page, so w5 {move} in "
        "the next step.",
        "hyperparameter": f"your Iris training: {iris.epochs} epochs, {iris.steps_per_epoch:,} "
        f"steps per epoch, batch {iris.batch_size}, learning rate {iris.learning_rate:g}.",
        "learning rate": f"Iris: **{iris.learning_rate:g}**; MNIST: **{mnist.learning_rate:g}**; "
        f"Backpropagation page: **{student.backprop_rate:g}**.",
        "loss": f"your 2-2-1 network's L = (t − y)² = **{forward(student.backprop).loss:.4f}**.",
        "pooling": f"your MNIST network's pools shrink 28x28x{f1} maps to 14x14x{f1}, and "
        f"14x14x{f2} maps to **7x7x{f2}**.",
        "seed": f"Iris: **{iris.seed}**; MNIST: **{mnist.seed}**.",
        "step": f"Iris: {iris.epochs} × {iris.steps_per_epoch:,} = **{iris_steps:,}** steps; "
        f"MNIST: {mnist.epochs} × {steps_per_epoch(mnist):,} = **{mnist_steps:,}** steps.",
        "test data": f"Iris: **{test}** of 150 flowers ({iris.test_fraction:.0%}); MNIST: its "
        "own **10,000** test digits.",
        "weight": f"your MNIST network learns **{sum(r.parameters for r in layer_rows(mnist)):,}**"
        " weights and biases.",
    }
    if student.neuron is not None:
        weight, bias, activation = student.neuron
        lines["neuron"] = f"yours: w1 = {weight:g}, bias {bias:g}, activation {activation}."
        lines["bias"] = f"your neuron's b = **{bias:g}**."
        lines["activation function"] = f"your neuron's is **{activation}**."
        lines["weight"] = f"your neuron's w1 = **{weight:g}**; " + lines["weight"]
    if student.kernel is not None:
        preset, side = student.kernel
        lines["kernel"] = (
            "**Sobel magnitude**: the two 3x3 Sobel kernels at once."
            if preset == SOBEL_MAGNITUDE
            else f"**{preset}**, {side}x{side} weights."
        )
    if student.overfitting is not None:
        lines["over-fitting"] = _overfitting_line(*student.overfitting)
    accuracies = []
    if student.iris_result is not None:
        accuracy, last_loss = student.iris_result
        accuracies.append(f"your last Iris network: **{accuracy:.1%}**")
        lines["cross-entropy"] = f"your last Iris training ended at **{last_loss:.3f}**."
    if student.mnist_result is not None:
        label, accuracy = student.mnist_result
        accuracies.append(f"*{label}*: **{accuracy:.1%}** of the MNIST test digits")
    if accuracies:
        lines["accuracy"] = "; ".join(accuracies) + "."
    return lines


def _overfitting_line(degree: int, seed: int) -> str:
    """The over-fitting page's errors at the student's degree and seed, computed again."""
    data = make_data(seed=seed)
    model = fit_polynomial(data.x_train, data.y_train, degree)
    train = mean_squared_error(model, data.x_train, data.y_train)
    test = mean_squared_error(model, data.x_test, data.y_test)
    return (
        f"your degree {degree} (data seed {seed}): training error **{train:.3f}**, test error "
        f"**{test:.3f}**."
    )
