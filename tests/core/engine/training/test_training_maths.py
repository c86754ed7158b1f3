"""Every training variant and the plain training loop compute what Keras computes.

The float32 variants ("keras", "blocks") give Keras's numbers to float32 round-off; the
bfloat16 variant gives them within bfloat16's precision (about three significant digits).
Every variant runs here on any CPU, bfloat16 too (emulated where the CPU lacks it: slower,
the same maths), so an AVX2-only machine checks them all.
"""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf

from core.engine.training.conv_blocks import conv_relu_pool, training_layers
from core.engine.training.loop import fit, make_train_step
from core.engine.training.variants import VARIANTS
from core.mnist.config import MnistConfig
from core.mnist.model import build_mnist_model

RNG = np.random.default_rng(0)


def _block(kernel: int, channels: int, size: int = 28) -> tuple[keras.Model, tf.Tensor]:
    # Data and weights fixed per case, whatever ran before: a near-tie inside a pooling
    # window (which the two computations may break differently) cannot come and go.
    rng = np.random.default_rng(100 * kernel + channels)
    init = keras.initializers.GlorotUniform(seed=kernel)
    conv = keras.layers.Conv2D(
        8, kernel, padding="same", activation="relu", kernel_initializer=init
    )
    pool = keras.layers.MaxPool2D(2)
    model = keras.Sequential([keras.Input((size, size, channels)), conv, pool])
    x = tf.constant(rng.random((4, size, size, channels), dtype=np.float32))
    # A non-zero bias, so that pooling before adding it is really put to the test.
    conv.bias.assign(rng.normal(size=8).astype(np.float32))
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


FLOAT32_VARIANTS = ["keras", "blocks"]


def _forward_and_gradients(
    model: keras.Model, variant: str, x: tf.Tensor, y: tf.Tensor
) -> tuple[np.ndarray, list[np.ndarray]]:
    """The network's output along `variant`, and the loss's gradients for every weight."""
    with tf.GradientTape() as tape:
        h = x
        for layer in VARIANTS[variant].layers(model):
            h = layer(h)
        loss = tf.reduce_mean(keras.losses.sparse_categorical_crossentropy(y, h))
    return h.numpy(), [g.numpy() for g in tape.gradient(loss, model.trainable_variables)]


def test_the_variants_are_the_registry_s_three() -> None:
    # A new variant must be added to the tests below: they run every variant in VARIANTS.
    assert set(VARIANTS) == {"keras", "blocks", "keras-bf16"}


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_each_variant_gives_kerass_outputs_and_gradients(variant: str) -> None:
    model = build_mnist_model(MnistConfig(dropout=0.0, filters=(8, 16)))
    x = tf.constant(RNG.random((16, 28, 28, 1), dtype=np.float32))
    y = tf.constant(RNG.integers(0, 10, 16).astype(np.int32))
    want_out, want_grads = _forward_and_gradients(model, "keras", x, y)
    got_out, got_grads = _forward_and_gradients(model, variant, x, y)
    assert got_out.dtype == np.float32  # The softmax and the loss stay float32 on every variant.
    if variant in FLOAT32_VARIANTS:
        np.testing.assert_allclose(got_out, want_out, rtol=1e-5, atol=1e-6)
        for got, want in zip(got_grads, want_grads, strict=True):
            np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6)
        return
    # bfloat16 keeps 8 significant bits: the probabilities within a few per mille (seen:
    # 0.2%), and each weight's gradient pointing the way Keras's points (cosine seen:
    # 0.986-1.0; a wrong gradient is near 0) with about its length (seen: within 4%).
    np.testing.assert_allclose(got_out, want_out, rtol=0.02, atol=1e-3)
    for got, want in zip(got_grads, want_grads, strict=True):
        cosine = np.dot(got.ravel(), want.ravel()) / np.linalg.norm(got) / np.linalg.norm(want)
        assert cosine > 0.97
        assert np.linalg.norm(got) == pytest.approx(np.linalg.norm(want), rel=0.08)


@pytest.mark.parametrize("variant", FLOAT32_VARIANTS)
def test_one_step_updates_the_weights_exactly_as_keras_does(variant: str) -> None:
    # No dropout: both sides then compute the same function, so any difference in the
    # weights after one Adam step is a difference in the maths.
    ours, keras_model = _twins(MnistConfig(dropout=0.0))
    x = RNG.random((32, 28, 28, 1), dtype=np.float32)
    y = RNG.integers(0, 10, 32).astype(np.int32)
    loss, correct = make_train_step(ours, variant)(tf.constant(x), tf.constant(y))
    keras_loss = keras_model.train_on_batch(x, y, return_dict=True)["loss"]
    assert float(loss) == pytest.approx(keras_loss, rel=1e-5)
    assert 0 <= int(correct) <= 32
    for got, want in zip(ours.get_weights(), keras_model.get_weights(), strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-4, atol=1e-6)


@pytest.mark.parametrize("variant", list(VARIANTS))
def test_fit_trains_chunks_of_batches_as_one_step_at_a_time_does(variant: str) -> None:
    # Dropout on: each batch of a chunk must draw its own mask, in the same order. Eleven
    # batches of 16 and one of 8: chunks of 8, then 3, then the odd-sized last batch.
    config = MnistConfig(dropout=0.4, filters=(4, 8), dense_units=16)
    chunked, stepped = _twins(config)
    x = RNG.random((184, 28, 28, 1), dtype=np.float32)
    y = RNG.integers(0, 10, 184).astype(np.int32)
    losses: list[float] = []
    fit(chunked, tf.data.Dataset.from_tensor_slices((x, y)).batch(16), 1, variant=variant,
        on_batch_end=lambda batch, logs: losses.append(logs["loss"]))  # fmt: skip
    assert len(losses) == 12
    step = make_train_step(stepped, variant)
    for start in range(0, 184, 16):
        step(tf.constant(x[start : start + 16]), tf.constant(y[start : start + 16]))
    for got, want in zip(chunked.get_weights(), stepped.get_weights(), strict=True):
        np.testing.assert_allclose(got, want, rtol=1e-6, atol=1e-7)
    if variant == "keras":  # The same layers as Keras's own training, batch after batch.
        _, keras_model = _twins(config)
        for start in range(0, 184, 16):
            keras_model.train_on_batch(x[start : start + 16], y[start : start + 16])
        for got, want in zip(chunked.get_weights(), keras_model.get_weights(), strict=True):
            np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-6)


def test_one_bf16_step_moves_the_weights_as_keras_does_within_its_precision() -> None:
    ours, keras_model = _twins(MnistConfig(dropout=0.0, filters=(8, 16)))
    start = [w.copy() for w in ours.get_weights()]
    rng = np.random.default_rng(1)  # Its own: the shared RNG's state depends on test order.
    x = rng.random((32, 28, 28, 1), dtype=np.float32)
    y = rng.integers(0, 10, 32).astype(np.int32)
    loss, _ = make_train_step(ours, "keras-bf16")(tf.constant(x), tf.constant(y))
    keras_loss = keras_model.train_on_batch(x, y, return_dict=True)["loss"]
    assert float(loss) == pytest.approx(keras_loss, rel=0.01)
    # Adam's first step moves each weight by about the learning rate, in the direction of
    # its gradient's sign: the steps agree except where a gradient is near zero (seen:
    # 96.5-100% of the weights of each layer; at random it would be half). A layer of 8 biases
    # may have one of them near zero: one weight may differ however small the layer.
    for before, got, want in zip(start, ours.get_weights(), keras_model.get_weights(), strict=True):
        assert got.dtype == np.float32  # The master weights stay float32.
        other_way = np.sign(got - before) != np.sign(want - before)
        assert other_way.sum() <= max(1, 0.1 * other_way.size), (other_way.sum(), got.shape)


def _regularised_twins() -> tuple[keras.Model, keras.Model]:
    def build() -> keras.Model:
        model = keras.Sequential(
            [
                keras.Input((28, 28, 1)),
                # An activity regulariser is only recorded by a Keras call of the layer, so
                # the blocks must leave this convolution to Keras.
                keras.layers.Conv2D(
                    4, 3, padding="same", activation="relu",
                    activity_regularizer=keras.regularizers.L2(0.01),
                ),
                keras.layers.MaxPool2D(2),
                keras.layers.Conv2D(
                    8, 3, padding="same", activation="relu",
                    kernel_regularizer=keras.regularizers.L2(0.5),
                ),
                keras.layers.MaxPool2D(2),
                keras.layers.Flatten(),
                keras.layers.Dense(
                    10, activation="softmax", kernel_regularizer=keras.regularizers.L1(0.05)
                ),
            ]
        )  # fmt: skip
        model.compile(optimizer=keras.optimizers.SGD(0.5), loss="sparse_categorical_crossentropy")
        return model

    first, second = build(), build()
    second.set_weights(first.get_weights())
    return first, second


@pytest.mark.parametrize("variant", FLOAT32_VARIANTS)
def test_the_models_own_losses_count_regularisers_included(variant: str) -> None:
    # Large regularisers and plain SGD: a loop that drops the model's `losses` reports a
    # smaller loss and moves the weights differently from Keras.
    ours, keras_model = _regularised_twins()
    x = RNG.random((16, 28, 28, 1), dtype=np.float32)
    y = RNG.integers(0, 10, 16).astype(np.int32)
    plain = keras.losses.sparse_categorical_crossentropy(y, keras_model(x)).numpy().mean()
    loss, _ = make_train_step(ours, variant)(tf.constant(x), tf.constant(y))
    keras_loss = keras_model.train_on_batch(x, y, return_dict=True)["loss"]
    assert keras_loss > plain + 0.1  # The regularisers do weigh in this test.
    assert float(loss) == pytest.approx(keras_loss, rel=1e-5)
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
