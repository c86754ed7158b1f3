"""The rearranged conv blocks and the plain training loop compute what Keras computes."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf

from core.engine.conv_blocks import conv_relu_pool, training_layers
from core.engine.train_loop import fit, make_train_step
from core.mnist.config import MnistConfig
from core.mnist.model import build_mnist_model

RNG = np.random.default_rng(0)


def _block(kernel: int, channels: int, size: int = 28) -> tuple[keras.Model, tf.Tensor]:
    conv = keras.layers.Conv2D(8, kernel, padding="same", activation="relu")
    pool = keras.layers.MaxPool2D(2)
    model = keras.Sequential([keras.Input((size, size, channels)), conv, pool])
    x = tf.constant(RNG.random((4, size, size, channels), dtype=np.float32))
    # A non-zero bias, so that pooling before adding it is really put to the test.
    conv.bias.assign(RNG.normal(size=8).astype(np.float32))
    return model, x


@pytest.mark.parametrize("kernel", [3, 5, 7])
@pytest.mark.parametrize("first", [True, False])
def test_conv_relu_pool_gives_kerass_outputs_and_gradients(kernel: int, first: bool) -> None:
    channels = 1 if first else 3
    model, x = _block(kernel, channels)
    conv = model.layers[0]
    with tf.GradientTape(persistent=True) as tape:
        tape.watch(x)
        expected = model(x)
        got = conv_relu_pool(x, conv, first=first)
        loss_expected = tf.reduce_sum(expected * tf.range(1.0, 9.0))
        loss_got = tf.reduce_sum(got * tf.range(1.0, 9.0))
    np.testing.assert_allclose(got, expected, rtol=1e-5, atol=1e-5)
    for want, have in zip(
        tape.gradient(loss_expected, conv.trainable_variables),
        tape.gradient(loss_got, conv.trainable_variables),
        strict=True,
    ):
        np.testing.assert_allclose(have, want, rtol=1e-4, atol=1e-4)
    if not first:  # The first block's input is the image: no gradient is computed for it.
        np.testing.assert_allclose(
            tape.gradient(loss_got, x), tape.gradient(loss_expected, x), rtol=1e-4, atol=1e-4
        )


def test_the_workshop_cnn_is_rearranged_other_layers_are_kept() -> None:
    model = build_mnist_model()
    # conv1+pool1 and conv2+pool2 become one step each; flatten, dense, dropout, digits stay.
    assert len(training_layers(model)) == len(model.layers) - 2

    unusual = keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            keras.layers.Conv2D(4, 3, padding="valid", activation="relu"),  # Not "same".
            keras.layers.MaxPool2D(2),
            keras.layers.Conv2D(4, 3, padding="same", activation="tanh"),  # Not ReLU.
            keras.layers.MaxPool2D(2),
            keras.layers.Flatten(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    assert len(training_layers(unusual)) == len(unusual.layers)


def _twins(config: MnistConfig) -> tuple[keras.Model, keras.Model]:
    first, second = build_mnist_model(config), build_mnist_model(config)
    second.set_weights(first.get_weights())
    return first, second


def test_one_step_updates_the_weights_exactly_as_keras_does() -> None:
    # No dropout: both sides then compute the same function, so any difference in the
    # weights after one Adam step is a difference in the maths.
    ours, keras_model = _twins(MnistConfig(dropout=0.0))
    x = RNG.random((32, 28, 28, 1), dtype=np.float32)
    y = RNG.integers(0, 10, 32).astype(np.int32)
    loss, correct = make_train_step(ours)(tf.constant(x), tf.constant(y))
    keras_loss = keras_model.train_on_batch(x, y, return_dict=True)["loss"]
    assert float(loss) == pytest.approx(keras_loss, rel=1e-5)
    assert 0 <= int(correct) <= 32
    for got, want in zip(ours.get_weights(), keras_model.get_weights(), strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6)


def test_fit_reports_like_keras_and_learns() -> None:
    model = build_mnist_model(MnistConfig(seed=1))
    # Ten shapes of ten classes: learnable in a few passes.
    labels = np.arange(200, dtype=np.int32) % 10
    images = np.zeros((200, 28, 28, 1), np.float32)
    for i, label in enumerate(labels):
        images[i, 2 * label : 2 * label + 6, 4:24] = 1.0
    dataset = tf.data.Dataset.from_tensor_slices((images, labels)).batch(64)
    batches: list[tuple[int, dict]] = []
    epochs: list[tuple[int, dict]] = []
    history = fit(
        model,
        dataset,
        3,
        on_batch_end=lambda b, logs: batches.append((b, logs)),
        on_epoch_end=lambda e, logs: epochs.append((e, logs)),
    )
    assert [b for b, _ in batches] == [1, 2, 3, 4] * 3  # 200 examples: 3 full batches + 8.
    assert [e for e, _ in epochs] == [1, 2, 3]
    assert history["loss"] == [logs["loss"] for _, logs in epochs]
    # The epoch's figures are the running averages at its last batch, as in model.fit.
    assert epochs[-1][1] == batches[-1][1]
    assert history["loss"][-1] < history["loss"][0]
    assert history["accuracy"][-1] > 0.5


def test_an_exception_in_a_callback_stops_training_with_the_weights_so_far() -> None:
    model = build_mnist_model()
    before = [w.copy() for w in model.get_weights()]
    x = RNG.random((256, 28, 28, 1), dtype=np.float32)
    y = RNG.integers(0, 10, 256).astype(np.int32)
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(32)
    seen: list[int] = []

    def stop_at_three(batch: int, logs: dict) -> None:
        seen.append(batch)
        if batch == 3:
            raise KeyboardInterrupt  # As Streamlit's Stop interrupts the page's script.

    with pytest.raises(KeyboardInterrupt):
        fit(model, dataset, 1, on_batch_end=stop_at_three)
    assert seen == [1, 2, 3]
    assert any(not np.array_equal(a, b) for a, b in zip(before, model.get_weights(), strict=True))
