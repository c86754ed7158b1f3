"""A trained network's answers for a whole test set, along the variant that trained it.

Testing is the last thing a student waits for after a training, and a test set is many
batches: `model.predict` spends as long on its bookkeeping per batch as a fast variant spends
computing it, and answers in float32 where the training computed in bfloat16. Here one
compiled call answers several batches, with the layers of the variant that trained the
network (docs/architecture.md, "Testing a trained network").
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import keras
import numpy as np
import tensorflow as tf

import core.engine.runtime.tf_threads  # noqa: F401  (before any TensorFlow operation: see its docstring)
from core.engine.training.loop import CHUNK  # Batches per compiled call, as in training.
from core.engine.training.variant_choice import answering_variant
from core.engine.training.variants import VARIANTS

BATCH = 128  # Larger batches answer no faster on two cores and hold far more feature maps.

Answer = Callable[[np.ndarray], np.ndarray]


def make_answer(model: keras.Model, variant: str | None = None) -> Answer:
    """A function from float32 inputs (N, ...) to the model's outputs (N, ...), computed
    CHUNK batches of BATCH per compiled call along `variant` (default: `answering_variant`).

    Dropout is off, as in `model.predict`; the outputs are float32 whatever the variant.
    """
    name = variant or answering_variant(model)
    layers = VARIANTS[name].layers(model, False)
    shape = tuple(model.inputs[0].shape[1:])

    def forward(x: tf.Tensor) -> tf.Tensor:
        for layer in layers:
            x = layer(x)
        return tf.cast(x, tf.float32)

    # Plain Python inside: autograph would only add tracing time.
    @tf.function(input_signature=[tf.TensorSpec((None, None, *shape), tf.float32)], autograph=False)
    def chunk(xs: tf.Tensor) -> tf.Tensor:
        count = tf.shape(xs)[0]

        def body(i, outputs):
            return i + 1, outputs.write(i, forward(xs[i]))

        start = (tf.constant(0), tf.TensorArray(tf.float32, count))
        _, outputs = tf.while_loop(lambda i, _: i < count, body, start)
        stacked = outputs.stack()
        return tf.reshape(stacked, (-1, *stacked.shape[2:]))

    def answer(x: np.ndarray) -> np.ndarray:
        if len(x) == 0:
            return np.asarray(model(np.zeros((1, *shape), np.float32), training=False))[:0]
        return np.concatenate([chunk(part).numpy() for part in _chunks(x)])

    return answer


def _chunks(x: np.ndarray) -> Iterator[np.ndarray]:
    """(k, BATCH, ...) blocks of whole batches, then the remainder as one batch of its own."""
    whole = len(x) // BATCH * BATCH
    for start in range(0, whole, BATCH * CHUNK):
        block = x[start : min(start + BATCH * CHUNK, whole)]
        yield block.reshape(-1, BATCH, *x.shape[1:])
    if whole < len(x):
        yield x[whole:][None]
