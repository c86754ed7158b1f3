"""The CNN's layer table by arithmetic alone, so the page shows it without loading TensorFlow.

A test checks these numbers against the real Keras model.
"""

from __future__ import annotations

from dataclasses import dataclass

from core.mnist.config import MnistConfig

INPUT_SHAPE = (28, 28, 1)  # One grey 28x28 image, as every MNIST network here reads it.
CLASSES = 10


@dataclass(frozen=True)
class LayerRow:
    """One line of the layer table: what a layer outputs and how many numbers it learns.

    `parameters` counts weights and biases together, as Keras's `count_params` does; the
    Neurons page counts them apart, so `biases` and `weights` are kept apart too.
    """

    name: str
    kind: str
    output_shape: str
    output_size: int
    parameters: int
    biases: int = 0

    @property
    def weights(self) -> int:
        return self.parameters - self.biases


def layer_rows(config: MnistConfig | None = None) -> list[LayerRow]:
    """What each layer outputs and how many weights and biases it learns, for the settings.

    'same' padding keeps 28x28 through a convolution; each 2x2 pooling halves the sides.
    A convolution learns kernel x kernel x input channels weights per filter, plus a bias;
    a dense layer a weight per input and a bias for each of its neurons.
    """
    config = config or MnistConfig()
    k = config.kernel_size
    f1, f2 = config.filters
    flat = 7 * 7 * f2
    units = config.dense_units
    rows = [  # (name, kind, output shape, weights, biases)
        ("conv1", "Conv2D", (28, 28, f1), k * k * 1 * f1, f1),
        ("pool1", "MaxPooling2D", (14, 14, f1), 0, 0),
        ("conv2", "Conv2D", (14, 14, f2), k * k * f1 * f2, f2),
        ("pool2", "MaxPooling2D", (7, 7, f2), 0, 0),
        ("flatten", "Flatten", (flat,), 0, 0),
        ("dense", "Dense", (units,), flat * units, units),
        ("dropout", "Dropout", (units,), 0, 0),
        ("digits", "Dense", (CLASSES,), units * CLASSES, CLASSES),
    ]
    table = []
    for name, kind, shape, weights, biases in rows:
        size = 1
        for dim in shape:
            size *= dim
        shown = "x".join(map(str, shape))
        table.append(LayerRow(name, kind, shown, size, weights + biases, biases))
    return table


def learned_split(config: MnistConfig | None = None) -> tuple[int, int]:
    """(weights, biases) of the whole CNN, the two counts the Neurons page keeps apart."""
    rows = layer_rows(config)
    return sum(row.weights for row in rows), sum(row.biases for row in rows)


def learned_sentence(config: MnistConfig | None = None) -> str:
    """'1,111,946 = 1,111,738 weights + 208 biases': the total, split as the Neurons page does."""
    weights, biases = learned_split(config)
    return f"{weights + biases:,} = {weights:,} weights + {biases:,} biases"
