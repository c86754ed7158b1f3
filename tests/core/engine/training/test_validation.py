"""The loop's test after each epoch: a set given whole or in batches gives the same figures,
and they are those of the trained network on that set."""

from __future__ import annotations

import keras
import numpy as np
import pytest
import tensorflow as tf

from core.engine.training.loop import fit


def _model(seed: int) -> keras.Model:
    keras.utils.set_random_seed(seed)
    model = keras.Sequential(
        [
            keras.Input((4,)),
            keras.layers.Dense(8, activation="relu"),
            keras.layers.Dense(3, activation="softmax"),
        ]
    )
    model.compile(optimizer=keras.optimizers.Adam(0.01), loss="sparse_categorical_crossentropy")
    return model


def test_a_test_set_in_uneven_batches_scores_like_the_whole_set() -> None:
    rng = np.random.default_rng(3)
    x = rng.normal(size=(120, 4)).astype(np.float32)
    y = (x[:, 0] > 0).astype(np.int32) + (x[:, 1] > 0.5).astype(np.int32)
    x_test = rng.normal(size=(100, 4)).astype(np.float32)
    y_test = (x_test[:, 0] > 0).astype(np.int32) + (x_test[:, 1] > 0.5).astype(np.int32)
    train = tf.data.Dataset.from_tensor_slices((x, y)).batch(16)

    whole = _model(7)
    by_whole = fit(whole, train, 3, validation=(x_test, y_test), variant="keras")
    batched = _model(7)
    in_batches = tf.data.Dataset.from_tensor_slices((x_test, y_test)).batch(40)  # 40, 40, 20
    by_batches = fit(batched, train, 3, validation=in_batches, variant="keras")

    assert by_batches["val_accuracy"] == pytest.approx(by_whole["val_accuracy"], abs=1e-9)
    assert by_batches["val_loss"] == pytest.approx(by_whole["val_loss"], rel=1e-5)
    # The last epoch's figures are the trained network's own on the test set.
    probabilities = batched(x_test, training=False).numpy()
    right = float((probabilities.argmax(axis=1) == y_test).mean())
    loss = float(keras.losses.sparse_categorical_crossentropy(y_test, probabilities).numpy().mean())
    assert by_batches["val_accuracy"][-1] == pytest.approx(right, abs=1e-9)
    assert by_batches["val_loss"][-1] == pytest.approx(loss, rel=1e-5)
    assert by_batches["val_loss"][-1] < by_batches["val_loss"][0]  # Tested after each epoch.
