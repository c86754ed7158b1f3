"""The Iris classifier: a small fully connected network, trained as in the workshop."""

from __future__ import annotations

import time

import keras
import numpy as np

import core.engine.runtime.tf_threads  # noqa: F401  (before any TensorFlow operation: see its docstring)
from core.engine.models.trained_network import TrainedNetwork
from core.engine.progress import BatchCallback, EpochCallback
from core.engine.training.loop import fit
from core.iris.config import IrisConfig
from core.iris.data import FEATURES, SPECIES, IrisSplit, split_iris
from core.iris.result import IrisResult, confusion_matrix, predict_iris

__all__ = [
    "IrisResult",
    "build_iris_model",
    "confusion_matrix",
    "fit_iris",
    "measure_iris",
    "predict_iris",
    "train_iris",
]


def build_iris_model(config: IrisConfig | None = None) -> keras.Model:
    """Four measurements in, one ReLU layer per entry of `config.hidden`, three softmax outputs.

    The seed goes into every initializer, so the same seed gives the same starting weights
    without touching TensorFlow's global random state (which all users of a server share).
    """
    config = config or IrisConfig()
    seeds = iter(range(config.seed * 100, config.seed * 100 + 100))
    layers = [keras.Input(shape=(len(FEATURES),), name="measurements")]
    for i, units in enumerate(config.hidden, start=1):
        layers.append(
            keras.layers.Dense(
                units,
                activation="relu",
                kernel_initializer=keras.initializers.GlorotUniform(seed=next(seeds)),
                name=f"hidden_{i}",
            )
        )
    layers.append(
        keras.layers.Dense(
            len(SPECIES),
            activation="softmax",
            kernel_initializer=keras.initializers.GlorotUniform(seed=next(seeds)),
            name="species",
        )
    )
    model = keras.Sequential(layers, name="iris")
    model.compile(
        optimizer=keras.optimizers.Adam(learning_rate=config.learning_rate),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    return model


def _training_batches(split: IrisSplit, config: IrisConfig):
    """Endless shuffled batches: an epoch is `steps_per_epoch` batches, as in the notebook."""
    import tensorflow as tf

    return (
        tf.data.Dataset.from_tensor_slices(
            (split.x_train.astype(np.float32), split.y_train.astype(np.int32))
        )
        .shuffle(len(split.x_train), seed=config.seed, reshuffle_each_iteration=True)
        .repeat()
        .batch(config.batch_size)
    )


def fit_iris(
    model: keras.Model,
    split: IrisSplit,
    config: IrisConfig,
    on_batch_end: BatchCallback | None = None,
    on_epoch_end: EpochCallback | None = None,
) -> dict[str, list[float]]:
    """The notebook's training: `epochs` of `steps_per_epoch` batches, tested each epoch."""
    return fit(
        model,
        _training_batches(split, config),
        config.epochs,
        on_batch_end=on_batch_end,
        on_epoch_end=on_epoch_end,
        steps_per_epoch=config.steps_per_epoch,
        validation=(split.x_test, split.y_test),
    )


def measure_iris(
    model: keras.Model,
    config: IrisConfig,
    split: IrisSplit,
    history: dict[str, list[float]],
    seconds: float,
    stopped: bool = False,
) -> IrisResult:
    """The result record: the model tested on the flowers it never saw."""
    network = TrainedNetwork.from_keras(model)
    predicted = predict_iris(network, split.x_test).argmax(axis=1)
    return IrisResult(
        network=network,
        config=config,
        history=history,
        test_accuracy=float((predicted == split.y_test).mean()),
        confusion=confusion_matrix(split.y_test, predicted, len(SPECIES)),
        seconds=seconds,
        stopped=stopped,
    )


def train_iris(
    config: IrisConfig | None = None,
    on_epoch_end: EpochCallback | None = None,
    on_batch_end: BatchCallback | None = None,
) -> IrisResult:
    """Train a fresh network to the end and measure it on the test flowers it never saw.

    No progress snapshots and no Stop (see `core.iris.training.run_iris` for those):
    `on_epoch_end(epoch, logs)` receives loss, accuracy, val_loss and val_accuracy.
    """
    config = config or IrisConfig()
    split = split_iris(config.test_fraction, config.seed)
    model = build_iris_model(config)
    started = time.perf_counter()
    history = fit_iris(model, split, config, on_batch_end, on_epoch_end)
    return measure_iris(model, config, split, history, time.perf_counter() - started)
