"""MNIST batches made on the fly from the shared uint8 data.

The images stay uint8 (47 MB for all 60,000) and are shared by every session; each batch
is gathered, scaled to [0, 1] and, for the inverted copies, flipped to 1 - x on the fly.
So an INVERT training doubles the examples without storing a second copy of anything,
and no session ever holds a float32 copy of the whole set.
"""

from __future__ import annotations

import numpy as np
import tensorflow as tf

import core.engine.runtime.tf_threads  # noqa: F401  (before any TensorFlow operation: see its docstring)
from core.mnist.config import MnistConfig
from core.mnist.data import MnistData


def training_subset(data: MnistData, config: MnistConfig) -> tuple[np.ndarray, np.ndarray]:
    """A seeded random subset of the training images (all 60,000 by default)."""
    if config.train_size >= len(data.x_train):
        return data.x_train, data.y_train
    chosen = np.random.default_rng(config.seed).permutation(len(data.x_train))[: config.train_size]
    chosen.sort()
    return data.x_train[chosen], data.y_train[chosen]


def batches(
    x: np.ndarray,
    y: np.ndarray,
    batch_size: int,
    copies: str = "normal",
    shuffle_seed: int | None = None,
) -> tf.data.Dataset:
    """Batches of (images in [0, 1], labels): the "normal" images, their "inverted" copies,
    or "both" (the workshop's INVERT augmentation).

    Index i < N is image i; index N + i is image i inverted. Only the indices are shuffled;
    scaling and inversion happen once per batch, not once per example as in the notebook.
    """
    count = len(x)
    ranges = {"normal": (0, count), "inverted": (count, 2 * count), "both": (0, 2 * count)}
    if copies not in ranges:
        raise ValueError(f"copies must be one of {sorted(ranges)}, got {copies!r}")
    start, stop = ranges[copies]
    labels = y.astype(np.int32)

    def gather(index: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        # Reads the shared uint8 arrays in place: no per-session copy of the data set.
        source = index % count
        return x[source], labels[source]

    # Plain tensor code: autograph would only convert it, writing a file to the temp folder
    # each time a training builds its batches.
    @tf.autograph.experimental.do_not_convert
    def load(index: tf.Tensor) -> tuple[tf.Tensor, tf.Tensor]:
        pixels, label = tf.numpy_function(gather, [index], (tf.uint8, tf.int32), stateful=False)
        pixels = tf.cast(tf.reshape(pixels, (-1, 28, 28)), tf.float32) / 255.0
        flip = tf.cast(index >= count, tf.float32)[:, None, None]
        pixels = pixels + flip * (1.0 - 2.0 * pixels)
        return pixels[..., None], tf.reshape(label, (-1,))

    indices = tf.data.Dataset.range(start, stop)
    if shuffle_seed is not None:
        indices = indices.shuffle(stop - start, seed=shuffle_seed, reshuffle_each_iteration=True)
    return (
        indices.batch(batch_size)
        .map(load, num_parallel_calls=tf.data.AUTOTUNE, deterministic=True)
        .prefetch(tf.data.AUTOTUNE)
    )
