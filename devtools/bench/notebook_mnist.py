"""The workshop notebook's MNIST pipeline and CNN, as written there, for one epoch.

The only stand-in is the data's source (no download here); the steps after it:
docs/architecture.md, "The notebook, as written".
"""

from __future__ import annotations

import argparse
import os
import time

from devtools.bench.child import child_main


def measure(args: argparse.Namespace) -> dict:
    import keras
    import numpy as np
    import tensorflow as tf

    from core.mnist.data import load_from_folder

    data = load_from_folder(os.environ["MNIST_DIR"])
    n_train, n_test = args.train_size or None, args.test_size or None
    x_train, y_train = data.x_train[:n_train], data.y_train[:n_train].astype(np.int64)
    x_test, y_test = data.x_test[:n_test], data.y_test[:n_test].astype(np.int64)
    train_examples = len(x_train)  # The notebook's ds_info.splits['train'].num_examples.
    ds_train = tf.data.Dataset.from_tensor_slices((x_train[..., None], y_train))
    ds_test = tf.data.Dataset.from_tensor_slices((x_test[..., None], y_test))

    # From here on, the notebook's code.
    normalize_img = lambda image, label: (tf.cast(image, tf.float32) / 255.0, label)  # noqa: E731
    ds_train = ds_train.map(normalize_img, num_parallel_calls=tf.data.AUTOTUNE)
    ds_test = ds_test.map(normalize_img, num_parallel_calls=tf.data.AUTOTUNE)
    if args.invert:
        ds_train = ds_train.concatenate(ds_train.map(lambda x, y: (1.0 - x, y)))
        ds_test = ds_test.concatenate(ds_test.map(lambda x, y: (1.0 - x, y)))
    ds_train = ds_train.cache().shuffle(train_examples).batch(128).prefetch(tf.data.AUTOTUNE)
    ds_test = ds_test.batch(128).cache().prefetch(tf.data.AUTOTUNE)

    if args.pipeline_only:  # One pass over the training data without a model: the input cost.
        started = time.perf_counter()
        batches = sum(1 for _ in ds_train)
        return {"pipeline_seconds": time.perf_counter() - started, "batches": batches}

    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28, 1)),
            keras.layers.Conv2D(16, 5, padding="same", activation="relu"),
            keras.layers.MaxPool2D(2),
            keras.layers.Conv2D(32, 5, padding="same", activation="relu"),
            keras.layers.MaxPool2D(2),
            keras.layers.Flatten(),
            keras.layers.Dense(128, activation="relu"),
            keras.layers.Dropout(0.4),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(
        optimizer=keras.optimizers.Adam(0.001),
        loss="sparse_categorical_crossentropy",
        metrics=["accuracy"],
    )
    timer = _validation_timer(keras)
    started = time.perf_counter()
    history = model.fit(ds_train, epochs=1, validation_data=ds_test, callbacks=[timer], verbose=0)
    fit_seconds = time.perf_counter() - started
    train_count = train_examples * (2 if args.invert else 1)
    return {
        "fit_seconds": fit_seconds,  # As the notebook reports it: training plus validation.
        "validation_seconds": timer.validation_seconds,
        "train_seconds": fit_seconds - timer.validation_seconds,
        "train_examples": train_count,
        "test_examples": len(x_test) * (2 if args.invert else 1),
        "examples_per_second": train_count / (fit_seconds - timer.validation_seconds),
        "test_accuracy": float(history.history["val_accuracy"][-1]),
        "threads": [
            tf.config.threading.get_intra_op_parallelism_threads(),
            tf.config.threading.get_inter_op_parallelism_threads(),
        ],
    }


def _validation_timer(keras):  # Keras is imported late, in the child only.
    """A callback timing the validation pass inside `fit` (Keras runs it via `on_test_*`)."""

    class ValidationTimer(keras.callbacks.Callback):
        validation_seconds = 0.0

        def on_test_begin(self, logs: dict | None = None) -> None:
            self._started = time.perf_counter()

        def on_test_end(self, logs: dict | None = None) -> None:
            self.validation_seconds += time.perf_counter() - self._started

    return ValidationTimer()


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--invert", action="store_true", help="the notebook's INVERT = True")
    p.add_argument("--train-size", type=int, default=0, help="first N training images (0: all)")
    p.add_argument("--test-size", type=int, default=0, help="first N test images (0: all)")
    p.add_argument("--pipeline-only", action="store_true", help="time the input pipeline alone")
    return p


if __name__ == "__main__":
    child_main(measure, parser())
