"""The workshop's convolutional network for MNIST digits, and a table of its layers."""

from __future__ import annotations

import math

import keras

import core.engine.runtime.tf_threads  # noqa: F401  (before any TensorFlow operation: see its docstring)
from core.mnist.config import MnistConfig
from core.mnist.shapes import CLASSES, INPUT_SHAPE, LayerRow

__all__ = ["CLASSES", "INPUT_SHAPE", "build_mnist_model", "layer_table"]


def build_mnist_model(config: MnistConfig | None = None) -> keras.Model:
    """Conv 16 5x5, pool, conv 32 5x5, pool, dense 128, dropout 0.4, softmax over 10 digits.

    Two separate pooling layers (the notebook reuses one object twice, which Keras cannot
    load back from a `.keras` file). Seeds go into initializers and dropout, so the same
    seed gives the same network without touching the process-wide random state.
    """
    config = config or MnistConfig()
    seed = config.seed * 10

    def init(offset: int) -> keras.initializers.Initializer:
        return keras.initializers.GlorotUniform(seed=seed + offset)

    size = config.kernel_size
    model = keras.Sequential(
        [
            keras.Input(shape=INPUT_SHAPE, name="image"),
            keras.layers.Conv2D(
                config.filters[0], size, padding="same", activation="relu",
                kernel_initializer=init(1), name="conv1",
            ),
            keras.layers.MaxPool2D(2, name="pool1"),
            keras.layers.Conv2D(
                config.filters[1], size, padding="same", activation="relu",
                kernel_initializer=init(2), name="conv2",
            ),
            keras.layers.MaxPool2D(2, name="pool2"),
            keras.layers.Flatten(name="flatten"),
            keras.layers.Dense(
                config.dense_units, activation="relu", kernel_initializer=init(3), name="dense"
            ),
            keras.layers.Dropout(config.dropout, seed=seed + 4, name="dropout"),
            keras.layers.Dense(
                CLASSES, activation="softmax", kernel_initializer=init(5), name="digits"
            ),
        ],
        name="mnist_cnn",
    )  # fmt: skip
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=config.learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


def layer_table(model: keras.Model) -> list[LayerRow]:
    """The workshop's table: 28x28x16 = 12,544 values after conv1, 14x14x16 = 3,136 ..."""
    rows = []
    for layer in model.layers:
        shape = tuple(layer.output.shape[1:])
        size = 1
        for dim in shape:
            size *= int(dim)
        rows.append(
            LayerRow(
                name=layer.name,
                kind=type(layer).__name__,
                output_shape="x".join(str(int(d)) for d in shape),
                output_size=size,
                parameters=int(layer.count_params()),
                biases=sum(math.prod(w.shape) for w in layer.weights if w.name == "bias"),
            )
        )
    return rows
