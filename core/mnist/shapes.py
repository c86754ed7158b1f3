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
    """One line of the layer table: what a layer outputs and how many weights it learns."""

    name: str
    kind: str
    output_shape: str
    output_size: int
    parameters: int


def layer_rows(config: MnistConfig | None = None) -> list[LayerRow]:
    """What each layer outputs and how many weights it learns, for the chosen settings.

    'same' padding keeps 28x28 through a convolution; each 2x2 pooling halves the sides.
    A convolution learns kernel x kernel x input channels weights per filter, plus a bias.
    """
    config = config or MnistConfig()
    k = config.kernel_size
    f1, f2 = config.filters
    flat = 7 * 7 * f2
    rows = [
        ("conv1", "Conv2D", (28, 28, f1), k * k * 1 * f1 + f1),
        ("pool1", "MaxPooling2D", (14, 14, f1), 0),
        ("conv2", "Conv2D", (14, 14, f2), k * k * f1 * f2 + f2),
        ("pool2", "MaxPooling2D", (7, 7, f2), 0),
        ("flatten", "Flatten", (flat,), 0),
        ("dense", "Dense", (config.dense_units,), flat * config.dense_units + config.dense_units),
        ("dropout", "Dropout", (config.dense_units,), 0),
        ("digits", "Dense", (10,), config.dense_units * 10 + 10),
    ]
    table = []
    for name, kind, shape, parameters in rows:
        size = 1
        for dim in shape:
            size *= dim
        table.append(LayerRow(name, kind, "x".join(map(str, shape)), size, parameters))
    return table
