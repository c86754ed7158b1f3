"""Training and evaluating the MNIST CNN on the shared uint8 data.

The images stay uint8 (47 MB for all 60,000) and are shared by every session; each batch
is gathered, scaled to [0, 1] and, for the inverted copies, flipped to 1 - x on the fly.
So an INVERT training doubles the examples without storing a second copy of anything,
and no session ever holds a float32 copy of the whole set.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import keras
import numpy as np
import tensorflow as tf

import core.engine.tf_threads  # noqa: F401  (before any TensorFlow operation: see its docstring)
from core.engine.memory import release_memory
from core.engine.progress import BatchCallback, EpochCallback
from core.engine.train_loop import fit
from core.mnist.config import MnistConfig
from core.mnist.data import MnistData, load_mnist
from core.mnist.model import build_mnist_model

EVAL_BATCH = 128  # Larger batches answer no faster on two cores and cost far more memory.
GALLERY_SIZE = 24


@dataclass(frozen=True)
class Misclassified:
    """A test digit the network got wrong: where to find it, and what it said."""

    index: int
    inverted: bool
    truth: int
    predicted: int
    confidence: float


@dataclass
class MnistEvaluation:
    """Accuracy on the normal and on the inverted test set, kept apart on purpose."""

    test_accuracy: float
    test_accuracy_inverted: float
    confusion: np.ndarray
    misclassified: list[Misclassified] = field(default_factory=list)


@dataclass
class MnistRun:
    """One training of one session: its settings, model, curves and results."""

    config: MnistConfig
    model: keras.Model | None
    history: dict[str, list[float]] = field(default_factory=dict)
    seconds: float = 0.0
    stopped: bool = False
    evaluation: MnistEvaluation | None = None
    label: str = ""


def steps_per_epoch(config: MnistConfig) -> int:
    """Batches in one epoch: inverted copies double the training examples."""
    examples = config.train_size * (2 if config.invert else 1)
    return math.ceil(examples / config.batch_size)


def describe(config: MnistConfig) -> str:
    """A short label for the run table."""
    epochs = f"{config.epochs} epoch" + ("s" if config.epochs > 1 else "")
    invert = "invert on" if config.invert else "invert off"
    return f"{config.train_size:,} examples, {epochs}, {invert}"


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


def train_mnist(
    config: MnistConfig | None = None,
    *,
    data: MnistData | None = None,
    model: keras.Model | None = None,
    on_batch_end: BatchCallback | None = None,
    on_epoch_end: EpochCallback | None = None,
    evaluate: bool = True,
) -> MnistRun:
    """Train (a fresh or the given) CNN, then measure it on both test sets.

    Pass `model` to keep a handle on it while it trains: a caller that is interrupted
    (the page's Stop button) still has the model as far as it got.
    """
    config = config or MnistConfig()
    data = data or load_mnist()
    model = model or build_mnist_model(config)
    x, y = training_subset(data, config)
    started = time.perf_counter()
    history = fit(
        model,
        batches(x, y, config.batch_size, "both" if config.invert else "normal", config.seed),
        config.epochs,
        on_batch_end=on_batch_end,
        on_epoch_end=on_epoch_end,
    )
    run = MnistRun(
        config=config,
        model=model,
        history=history,
        seconds=time.perf_counter() - started,
        label=describe(config),
    )
    release_memory()
    if evaluate:
        run.evaluation = evaluate_mnist(model, data)
    return run


def predict_digits(model: keras.Model, x: np.ndarray, invert: bool = False) -> np.ndarray:
    """Probabilities (N, 10) for uint8 images (N, 28, 28), scaled exactly as in training."""
    copies = "inverted" if invert else "normal"
    dataset = batches(x, np.zeros(len(x), np.uint8), EVAL_BATCH, copies).map(lambda i, _: i)
    return model.predict(dataset, verbose=0)


def evaluate_mnist(model: keras.Model, data: MnistData | None = None) -> MnistEvaluation:
    """Accuracy on the 10,000 test digits as they are, and on their inverted copies.

    The gap between the two numbers is the workshop's lesson on inversion.
    """
    data = data or load_mnist()
    truth = data.y_test.astype(np.int64)
    normal = predict_digits(model, data.x_test)
    inverted = predict_digits(model, data.x_test, invert=True)
    predicted = normal.argmax(axis=1)
    predicted_inv = inverted.argmax(axis=1)
    confusion = np.zeros((10, 10), dtype=np.int64)
    np.add.at(confusion, (truth, predicted), 1)

    wrong = []
    results = ((normal, predicted, False), (inverted, predicted_inv, True))
    for probabilities, guesses, is_inverted in results:
        for index in np.flatnonzero(guesses != truth):
            wrong.append(
                Misclassified(
                    index=int(index),
                    inverted=is_inverted,
                    truth=int(truth[index]),
                    predicted=int(guesses[index]),
                    confidence=float(probabilities[index].max()),
                )
            )
    # The most confident mistakes teach the most; show those first.
    wrong.sort(key=lambda item: (item.inverted, -item.confidence))
    gallery = [w for w in wrong if not w.inverted][:GALLERY_SIZE]
    gallery += [w for w in wrong if w.inverted][:GALLERY_SIZE]
    release_memory()
    return MnistEvaluation(
        test_accuracy=float((predicted == truth).mean()),
        test_accuracy_inverted=float((predicted_inv == truth).mean()),
        confusion=confusion,
        misclassified=gallery,
    )
