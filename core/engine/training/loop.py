"""A plain training loop around one compiled step, in place of Keras's `model.fit`.

`model.fit`'s bookkeeping around every batch costs as much as the CNN's arithmetic, and one
call trains several batches; the loss and figures are Keras's (docs/architecture.md, "The
training loop").
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator

import keras
import numpy as np
import tensorflow as tf

import core.engine.runtime.tf_threads  # noqa: F401  (before any TensorFlow operation: see its docstring)
from core.engine.progress import BatchCallback, EpochCallback
from core.engine.training.cpu_features import CpuFeatures
from core.engine.training.variant_choice import answering_variant, choose_step
from core.engine.training.variants import AUTO, VARIANTS

Step = Callable[[tf.Tensor, tf.Tensor], tuple[tf.Tensor, tf.Tensor]]
CHUNK = 8  # Batches per call: short enough for a prompt Stop on any variant (see above).


def _specs(model: keras.Model, chunk: bool = False) -> list[tf.TensorSpec]:
    lead = (None, None) if chunk else (None,)
    return [
        tf.TensorSpec((*lead, *model.inputs[0].shape[1:]), tf.float32),
        tf.TensorSpec(lead, tf.int32),
    ]


def _loss_and_hits(
    model: keras.Model, x: tf.Tensor, y: tf.Tensor, probabilities: tf.Tensor, training: bool
) -> tuple[tf.Tensor, tf.Tensor]:
    """The model's compiled loss plus its own `losses`, and the correct answers.

    The answers assume what both workshops compile: integer labels and one probability
    (or score) per class, as the "accuracy" metric reads them.
    """
    loss = model.compute_loss(x, y, probabilities, training=training)
    guesses = tf.argmax(probabilities, axis=1, output_type=tf.int32)
    return loss, tf.reduce_sum(tf.cast(tf.equal(guesses, y), tf.int32))


def _compiled_step(model: keras.Model, variant: str) -> Step:
    """A compiled function training a chunk of batches (k, batch, ...) along `variant`.

    Returns each batch's mean loss and correct answers, (k,) each.
    """
    layers = VARIANTS[variant].layers(model)
    weights = model.trainable_variables
    optimizer = model.optimizer
    optimizer.build(weights)

    def one_batch(x: tf.Tensor, y: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
        with tf.GradientTape() as tape:
            h = x
            for layer in layers:
                h = layer(h)
            loss, hits = _loss_and_hits(model, x, y, h, training=True)
        optimizer.apply(tape.gradient(loss, weights), weights)
        return loss, hits

    # Plain Python inside: autograph would only add tracing time.
    @tf.function(input_signature=_specs(model, chunk=True), autograph=False)
    def chunk(xs: tf.Tensor, ys: tf.Tensor):
        count = tf.shape(xs)[0]

        def body(i, losses, hits):
            loss, correct = one_batch(xs[i], ys[i])
            return i + 1, losses.write(i, loss), hits.write(i, correct)

        start = (tf.constant(0), tf.TensorArray(tf.float32, count), tf.TensorArray(tf.int32, count))
        _, losses, hits = tf.while_loop(lambda i, *_: i < count, body, start)
        return losses.stack(), hits.stack()

    return chunk


def _one_at_a_time(chunk: Step) -> Step:
    def step(x: tf.Tensor, y: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
        losses, hits = chunk(tf.convert_to_tensor(x)[None], tf.convert_to_tensor(y)[None])
        return losses[0], hits[0]

    return step


def make_train_step(
    model: keras.Model, variant: str | None = None, cpu: CpuFeatures | None = None
) -> Step:
    """One compiled step: forward, loss, gradients, the model's optimizer updates its weights.

    Returns (mean loss, correct answers) for the batch. The model must be compiled (its
    optimizer and loss are used). `variant` names one of VARIANTS, which then runs even where it
    is slow (tests check every variant's maths on any CPU); None or "auto" follows
    WORKSHOP_TRAIN_VARIANT or times the variants this `cpu` (default: this machine's) offers.
    """
    return _one_at_a_time(_make_chunk_step(model, variant, cpu))


def _make_chunk_step(model: keras.Model, variant: str | None, cpu: CpuFeatures | None) -> Step:
    """make_train_step's step for chunks of batches (k, batch, ...), the way `fit` trains."""
    if variant is not None and variant != AUTO:
        if variant not in VARIANTS:
            raise ValueError(
                f"unknown training variant {variant!r}: choose one of {', '.join(VARIANTS)}"
            )
        return _compiled_step(model, variant)
    return choose_step(model, lambda name: _compiled_step(model, name), cpu)


def _make_test_step(model: keras.Model, variant: str) -> Step:
    """The validation step, along the variant that trains (as the final test answers)."""
    layers = VARIANTS[variant].layers(model, False)

    @tf.function(input_signature=_specs(model), autograph=False)
    def test(x: tf.Tensor, y: tf.Tensor):
        h = x
        for layer in layers:
            h = layer(h)
        return _loss_and_hits(model, x, y, tf.cast(h, tf.float32), training=False)

    return test


def fit(
    model: keras.Model,
    dataset: tf.data.Dataset,
    epochs: int,
    on_batch_end: BatchCallback | None = None,
    on_epoch_end: EpochCallback | None = None,
    steps_per_epoch: int | None = None,
    validation: tuple[np.ndarray, np.ndarray] | Iterable | None = None,
    *,
    variant: str | None = None,
    cpu: CpuFeatures | None = None,
) -> dict[str, list[float]]:
    """Train for `epochs` on a dataset of (images or measurements, int labels).

    An epoch is one pass over `dataset`, or `steps_per_epoch` batches of a repeating one.
    Batches and epochs are counted from 1; `validation` adds `val_loss` and `val_accuracy`
    after each epoch: a small set as (x, y) arrays (one forward pass), or a larger one as
    batches of (x, y) (the MNIST test digits: one pass over all of them at once would hold
    every feature map of every digit in memory). An exception raised by a callback
    (the page's Stop) ends training with the weights as far as they got. `variant` and `cpu`:
    see `make_train_step`.
    """
    step = _make_chunk_step(model, variant, cpu)
    test = None  # Built after the first epoch, once `auto` has chosen the variant.
    history: dict[str, list[float]] = {}
    batches = iter(dataset) if steps_per_epoch else None
    for epoch in range(1, epochs + 1):
        epoch_batches = (
            dataset if batches is None else (next(batches) for _ in range(steps_per_epoch))
        )
        logs = _train_epoch(step, epoch_batches, on_batch_end)
        if validation is not None:
            if test is None:
                forced = variant is not None and variant != AUTO
                test = _make_test_step(model, variant if forced else answering_variant(model, cpu))
            logs["val_loss"], logs["val_accuracy"] = _validate(test, validation)
        for name, value in logs.items():
            history.setdefault(name, []).append(value)
        if on_epoch_end is not None:
            on_epoch_end(epoch, logs)
    return history


def _validate(test: Step, validation) -> tuple[float, float]:
    """Mean loss and accuracy over the validation set, given whole or in batches."""
    parts = [validation] if isinstance(validation, tuple) else validation
    loss_sum, hits, seen = 0.0, 0, 0
    for x, y in parts:
        x, y = tf.cast(x, tf.float32), tf.cast(y, tf.int32)
        loss, right = test(x, y)
        size = int(y.shape[0])
        loss_sum, hits, seen = loss_sum + float(loss) * size, hits + int(right), seen + size
    return loss_sum / max(seen, 1), hits / max(seen, 1)


def _train_epoch(step: Step, batches, on_batch_end: BatchCallback | None) -> dict[str, float]:
    """One pass: the running loss and accuracy after each batch, as `model.fit` reports them."""
    seen, loss_sum, correct, batch = 0, 0.0, 0, 0
    for xs, ys in _chunks(batches):
        losses, hits = step(xs, ys)
        size = int(xs.shape[1])
        for loss, right in zip(losses.numpy().tolist(), hits.numpy().tolist(), strict=True):
            batch, seen = batch + 1, seen + size
            loss_sum += loss * size
            correct += right
            if on_batch_end is not None:
                on_batch_end(batch, {"loss": loss_sum / seen, "accuracy": correct / seen})
    return {"loss": loss_sum / max(seen, 1), "accuracy": correct / max(seen, 1)}


def _chunks(batches) -> Iterator[tuple[tf.Tensor, tf.Tensor]]:
    """Consecutive batches of one shape, up to CHUNK of them stacked: (k, batch, ...)."""
    group: list[tuple[tf.Tensor, tf.Tensor]] = []
    for x, y in batches:
        if group and (len(group) == CHUNK or x.shape != group[0][0].shape):
            yield _stack(group)
            group = []
        group.append((x, y))
    if group:
        yield _stack(group)


def _stack(group: list[tuple[tf.Tensor, tf.Tensor]]) -> tuple[tf.Tensor, tf.Tensor]:
    return tf.stack([x for x, _ in group]), tf.stack([y for _, y in group])
