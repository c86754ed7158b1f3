"""A plain training loop around one compiled step, in place of Keras's `model.fit`.

`model.fit` does bookkeeping around every batch (callbacks, metric objects, distribution
hooks): about 15 ms per batch of 128 for the MNIST CNN on two cores, and most of the time of
an Iris training, whose batches take well under a millisecond to compute. This loop reports
the same figures (loss and accuracy averaged over the epoch so far, `val_loss` and
`val_accuracy` after each epoch) through plain callbacks, so no model code knows the UI.
"""

from __future__ import annotations

from collections.abc import Callable

import keras
import numpy as np
import tensorflow as tf

import core.engine.tf_threads  # noqa: F401  (before any TensorFlow operation: see its docstring)
from core.engine.conv_blocks import training_layers
from core.engine.progress import BatchCallback, EpochCallback

Step = Callable[[tf.Tensor, tf.Tensor], tuple[tf.Tensor, tf.Tensor]]


def _specs(model: keras.Model) -> list[tf.TensorSpec]:
    return [
        tf.TensorSpec((None, *model.inputs[0].shape[1:]), tf.float32),
        tf.TensorSpec((None,), tf.int32),
    ]


def _loss_and_hits(y: tf.Tensor, probabilities: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
    """Mean sparse cross-entropy (as compiled in both workshops) and correct answers."""
    loss = tf.reduce_mean(keras.losses.sparse_categorical_crossentropy(y, probabilities))
    guesses = tf.argmax(probabilities, axis=1, output_type=tf.int32)
    return loss, tf.reduce_sum(tf.cast(tf.equal(guesses, y), tf.int32))


def make_train_step(model: keras.Model) -> Step:
    """One compiled step: forward, loss, gradients, the model's optimizer updates its weights.

    Returns (mean loss, correct answers) for the batch. The model must be compiled (its
    optimizer is used) and end in softmax probabilities over classes.
    """
    if isinstance(model, keras.Sequential):
        layers = training_layers(model)
    else:
        layers = [lambda h: model(h, training=True)]
    weights = model.trainable_variables
    optimizer = model.optimizer
    optimizer.build(weights)

    # Plain Python inside: autograph would only add ~0.4 s of tracing.
    @tf.function(input_signature=_specs(model), autograph=False)
    def step(x: tf.Tensor, y: tf.Tensor):
        with tf.GradientTape() as tape:
            h = x
            for layer in layers:
                h = layer(h)
            loss, hits = _loss_and_hits(y, h)
        optimizer.apply(tape.gradient(loss, weights), weights)
        return loss, hits

    return step


def _make_test_step(model: keras.Model) -> Step:
    @tf.function(input_signature=_specs(model), autograph=False)
    def test(x: tf.Tensor, y: tf.Tensor):
        return _loss_and_hits(y, model(x, training=False))

    return test


def fit(
    model: keras.Model,
    dataset: tf.data.Dataset,
    epochs: int,
    on_batch_end: BatchCallback | None = None,
    on_epoch_end: EpochCallback | None = None,
    steps_per_epoch: int | None = None,
    validation: tuple[np.ndarray, np.ndarray] | None = None,
) -> dict[str, list[float]]:
    """Train for `epochs` on a dataset of (images or measurements, int labels).

    An epoch is one pass over `dataset`, or `steps_per_epoch` batches of a repeating one.
    Batches and epochs are counted from 1; `validation` (a small set, one forward pass)
    adds `val_loss` and `val_accuracy` after each epoch. An exception raised by a callback
    (the page's Stop) ends training with the weights as far as they got.
    """
    step = make_train_step(model)
    test = _make_test_step(model) if validation is not None else None
    history: dict[str, list[float]] = {}
    batches = iter(dataset) if steps_per_epoch else None
    for epoch in range(1, epochs + 1):
        seen, loss_sum, correct = 0, 0.0, 0
        epoch_batches = (
            dataset if batches is None else (next(batches) for _ in range(steps_per_epoch))
        )
        for batch, (x, y) in enumerate(epoch_batches, start=1):
            loss, hits = step(x, y)
            size = int(x.shape[0])
            seen += size
            loss_sum += float(loss) * size
            correct += int(hits)
            if on_batch_end is not None:
                on_batch_end(batch, {"loss": loss_sum / seen, "accuracy": correct / seen})
        logs = {"loss": loss_sum / max(seen, 1), "accuracy": correct / max(seen, 1)}
        if test is not None:
            x_val, y_val = validation
            val_loss, val_hits = test(
                tf.constant(x_val, tf.float32), tf.constant(np.asarray(y_val), tf.int32)
            )
            logs["val_loss"] = float(val_loss)
            logs["val_accuracy"] = int(val_hits) / len(y_val)
        for name, value in logs.items():
            history.setdefault(name, []).append(value)
        if on_epoch_end is not None:
            on_epoch_end(epoch, logs)
    return history
