"""Sentences about the CNN on screen, computed from its settings or its layers, never fixed.

A caption that says "32 feature maps" is wrong for a network trained with 64 filters. The
MNIST page builds its sentences from the config (`core.mnist.shapes.layer_rows`, checked
against Keras by a test), the Inside-the-CNN page from the trained model's own layers.
No TensorFlow here: the pages can call these before anything is trained.
"""

from __future__ import annotations

from collections.abc import Mapping

from core.mnist.config import MnistConfig, examples_per_epoch, steps_per_epoch
from core.mnist.shapes import layer_rows, learned_sentence

ORDINALS = {"conv1": "first", "conv2": "second", "pool1": "first", "pool2": "second"}
NAMES = {
    "conv1": "conv1",
    "conv2": "conv2",
    "dense": "the dense layer",
    "digits": "the output layer",
}


def _edge(kernel_size: int) -> str:
    """'the outermost pixel' or 'the 2 outermost pixels': where a kernel cannot be centred."""
    margin = kernel_size // 2
    return "the outermost pixel" if margin == 1 else f"the {margin} outermost pixels"


def _shape(shape: tuple[int, ...]) -> str:
    return "x".join(str(int(d)) for d in shape)


def layer_table_caption(config: MnistConfig) -> str:
    """How many weights and biases, where the image shrinks, what the dense layer reads, and
    which layer holds most of the weights and biases.

    With the workshop's settings the dense layer holds most of them; with wide convolutions
    and a small dense layer conv2 does, and the sentence says so with its numbers.
    """
    rows = {row.name: row for row in layer_rows(config)}
    total = sum(row.parameters for row in rows.values())
    flatten, dense, conv2 = rows["flatten"], rows["dense"], rows["conv2"]
    biggest = max(rows.values(), key=lambda row: row.parameters)
    k, (f1, f2) = config.kernel_size, config.filters
    why = {
        "dense": f"each of its {config.dense_units:,} neurons reads all {flatten.output_size:,} "
        "values",
        "conv2": f"each of its {f2} filters is {k}x{k}x{f1} weights, one {k}x{k} kernel for "
        f"each of conv1's {f1} maps",
    }.get(biggest.name, "")
    others = [row for row in (conv2, dense) if row.name != biggest.name]
    other = f"; {NAMES[others[0].name]} has {others[0].parameters:,}" if others else ""
    return (
        f"{learned_sentence(config)}, counted apart as on the *Neurons and networks* page. "
        f"Each pooling halves the image: 28x28 → 14x14 → 7x7. The dense layer looks at all "
        f"{rows['pool2'].output_shape} = {flatten.output_size:,} values at once. Most of the "
        f"weights and biases sit in {NAMES.get(biggest.name, biggest.name)}: "
        f"{biggest.parameters:,} of {total:,}" + (f", because {why}" if why else "") + f"{other}."
    )


def layers_explained(config: MnistConfig) -> str:
    """What each kind of layer does, with this network's numbers (markdown)."""
    rows = {row.name: row for row in layer_rows(config)}
    k, (f1, f2) = config.kernel_size, config.filters
    units, dropped = config.dense_units, config.dropout
    return "\n".join(
        [
            "- **Before the first layer**: MNIST stores each pixel as a whole number from 0 "
            "(black) to 255 (white). The network reads them divided by 255, as numbers from "
            "0.0 to 1.0. The test digits are divided the same way, and so is your drawing on "
            "the *Draw a digit* page: a fair test sees its data exactly as training did.",
            f"- **conv1 (Conv2D)**: {f1} learned {k}x{k} kernels slide over the image, each "
            "making one *feature map*; ReLU then sets negative values to 0. With "
            '**padding="same"** the image first gets a border of zeros (the *Kernel '
            "convolution* page's zero padding), so each map keeps the image's 28x28 size "
            f"instead of shrinking to {29 - k}x{29 - k}: a {k}x{k} kernel cannot be centred on "
            f"{_edge(k)} of each side.",
            f"- **conv2 (Conv2D)**: {f2} kernels, each {k}x{k}x{f1}: one {k}x{k} slice for every "
            f"one of conv1's {f1} maps. They slide over pool1's {f1} pooled maps "
            f"({rows['pool1'].output_shape}), not over the image, and add up what they see "
            "in all of them, so each conv2 map combines conv1's features (strokes into loops "
            "and corners).",
            "- **pool1, pool2 (MaxPooling2D)**: keep the largest value of every 2x2 square, so "
            f"the maps shrink to {rows['pool1'].output_shape} and then "
            f"{rows['pool2'].output_shape}.",
            f"- **flatten**: from here on the maps are no longer an image: the "
            f"{rows['pool2'].output_shape} block is laid out as one line of "
            f"{rows['flatten'].output_size:,} numbers. It learns nothing.",
            f"- **dense** (fully connected): each of its {units:,} neurons has a weight for every "
            f"one of the {rows['flatten'].output_size:,} numbers, as in the Iris network.",
            f"- **dropout**: during training, each step ignores a random {dropped:.0%} of the "
            "dense layer's outputs, so no neuron can rely on a few others: a guard against "
            "over-fitting. When testing or reading your drawing, nothing is dropped.",
            "- **digits**: 10 neurons with softmax, one probability per digit, adding up to 1.",
        ]
    )


def filters_heading(count: int) -> str:
    """'The 16 learned filters of the first layer'."""
    noun = "filter" if count == 1 else "filters"
    return f"The {count} learned {noun} of the first layer"


def filters_caption(height: int, width: int) -> str:
    """The legend of the filter grid, with the kernel size the model really has."""
    return (
        f"Each {height}x{width} square is one kernel. Red weights are positive, blue negative: "
        "a filter with red on one side and blue on the other responds to an edge, like the "
        "Sobel kernels."
    )


def feature_layer_names(shapes: Mapping[str, tuple[int, ...]]) -> dict[str, str]:
    """The layer chooser's labels, with the number of maps each layer of this model makes."""
    names = {}
    for name, shape in shapes.items():
        ordinal = ORDINALS.get(name, "")
        channels = int(shape[-1])
        if name.startswith("conv"):
            names[name] = f"{name}: {channels} feature maps of the {ordinal} convolution"
        elif name == "pool1":
            names[name] = f"{name}: the same {channels} maps after 2x2 max pooling"
        elif name == "pool2":
            names[name] = (
                f"{name}: after the second pooling, {_shape(shape)} values the dense layers read"
            )
        else:
            names[name] = f"{name}: {channels} maps"
    return names


def epoch_sentence(config: MnistConfig) -> str:
    """What an epoch, a batch and a step are, with the settings on screen.

    The same word as on the Iris page, where it is first defined: Keras's epoch is a set
    number of batches, and here it is the number that makes one pass over the data.
    """
    examples, steps = examples_per_epoch(config), steps_per_epoch(config)
    digits = f"{config.train_size:,} digits"
    if config.invert:
        digits += f" and their {config.train_size:,} inverted copies ({examples:,} in all)"
    last = "" if examples % config.batch_size == 0 else " (the last one smaller)"
    epochs = f"{config.epochs} epoch{'s' if config.epochs != 1 else ''}"
    return (
        f"An **epoch** is one pass over your training data: {digits}, shuffled, in "
        f"{steps:,} **batches** of {config.batch_size}{last}. Keras's epoch is a set number "
        "of batches; here, as usual, the number one pass takes (the Iris notebook's is not: "
        "the *Iris flowers* page). After each batch the weights take one **step** downhill, "
        f"so {epochs} make{'s' if config.epochs == 1 else ''} {config.epochs * steps:,} steps."
    )


def train_prompt(config: MnistConfig) -> str:
    """What pressing Train starts, counted from the settings, with no promise of a time."""
    steps = config.epochs * steps_per_epoch(config)
    return (
        f"Press **Train the network**: {steps:,} batches of {config.batch_size} digits. The "
        "progress bar shows the time left as soon as it starts; fewer training examples "
        "train faster."
    )


def weights_sentence(config: MnistConfig, whose: str) -> str:
    """How many numbers a CNN for digits learns, for the neurons page's comparison."""
    rows = layer_rows(config)
    total = sum(row.parameters for row in rows)
    dense = next(row for row in rows if row.name == "dense")
    return (
        f"{whose} learns {total:,} weights and biases, {dense.parameters:,} of them in its "
        "dense layer alone."
    )
