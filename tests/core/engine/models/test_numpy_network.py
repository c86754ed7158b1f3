"""The NumPy forward pass answers exactly what the Keras model answers, or declines."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from core.digits.predict import forward
from core.engine.models.keras_to_numpy import numpy_copy
from core.engine.models.numpy_network import conv2d, max_pool
from core.iris.config import IrisConfig
from core.iris.model import build_iris_model
from core.mnist.config import MnistConfig
from core.mnist.model import build_mnist_model

RNG = np.random.default_rng(1)


@pytest.mark.parametrize("kernel", [3, 5, 7])
def test_the_workshop_cnn_in_numpy_matches_keras(kernel: int) -> None:
    model = build_mnist_model(MnistConfig(kernel_size=kernel, filters=(4, 6), dense_units=16))
    # Non-zero biases, so that a missing or misplaced bias shows.
    model.set_weights(
        [w + RNG.normal(0, 0.05, w.shape).astype(np.float32) for w in model.get_weights()]
    )
    x = RNG.random((5, 28, 28, 1), dtype=np.float32)
    in_numpy = numpy_copy(model)
    assert in_numpy is not None
    np.testing.assert_allclose(in_numpy(x), model(x, training=False), rtol=1e-5, atol=1e-6)


def test_a_dense_network_in_numpy_matches_keras() -> None:
    model = build_iris_model(IrisConfig(hidden=(8, 5, 3)))
    x = RNG.normal(size=(7, 4)).astype(np.float32)
    np.testing.assert_allclose(numpy_copy(model)(x), model(x), rtol=1e-5, atol=1e-6)


def test_valid_padding_and_pooling_that_cuts_a_row() -> None:
    x = RNG.random((2, 9, 9, 3), dtype=np.float32)
    kernel = RNG.normal(size=(3, 3, 3, 2)).astype(np.float32)
    expected = keras.ops.convert_to_numpy(keras.ops.conv(x, kernel, padding="valid"))
    np.testing.assert_allclose(conv2d(x, kernel, "valid"), expected, rtol=1e-5, atol=1e-5)
    pooled = max_pool(x, 2)
    assert pooled.shape == (2, 4, 4, 3)
    assert pooled[1, 3, 3, 2] == x[1, 6:8, 6:8, 2].max()


def test_weights_are_read_when_asked_so_a_retrained_model_answers_anew() -> None:
    model = build_iris_model()
    x = np.ones((1, 4), np.float32)
    before = numpy_copy(model)(x)
    model.set_weights([w * 2 + 0.1 for w in model.get_weights()])
    after = numpy_copy(model)(x)
    assert not np.allclose(before, after)
    np.testing.assert_allclose(after, model(x), rtol=1e-5, atol=1e-6)


def test_a_layer_it_does_not_know_makes_it_decline_and_tensorflow_answers() -> None:
    model = keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            keras.layers.Conv2D(4, 3, strides=2, activation="relu"),  # Strided: not written out.
            keras.layers.BatchNormalization(),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    assert numpy_copy(model) is None
    x = RNG.random((2, 28, 28, 1), dtype=np.float32)
    np.testing.assert_allclose(forward(model, x), model(x, training=False), rtol=1e-5, atol=1e-6)
