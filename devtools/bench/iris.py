"""Iris: the notebook's training against the app's `train_iris`, one of them per process.

The notebook: an 80/20 split of scikit-learn's flowers, Dense(10) - Dense(10) - softmax(3),
Adam, 10 epochs of 150 steps over a shuffled, repeated tf.data stream of batches of 32,
validating after every epoch. The app trains the same network through `train_iris`.
"""

from __future__ import annotations

import argparse
import time

from devtools.bench.child import child_main


def notebook(steps: int) -> dict:
    import keras
    import tensorflow as tf
    from sklearn.datasets import load_iris
    from sklearn.model_selection import train_test_split

    iris = load_iris()
    x_train, x_test, y_train, y_test = train_test_split(
        iris.data, iris.target, test_size=0.2, random_state=42
    )
    dataset = tf.data.Dataset.from_tensor_slices((x_train, y_train)).shuffle(120).repeat()
    model = keras.Sequential(
        [
            keras.Input(shape=(4,)),
            keras.layers.Dense(10, activation="relu"),
            keras.layers.Dense(10, activation="relu"),
            keras.layers.Dense(3, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    started = time.perf_counter()
    history = model.fit(
        dataset.batch(32),
        epochs=10,
        steps_per_epoch=steps,
        validation_data=(x_test, y_test),
        verbose=0,
    )
    return {
        "fit_seconds": time.perf_counter() - started,
        "test_accuracy": float(history.history["val_accuracy"][-1]),
    }


def app(steps: int) -> dict:
    """The app's training, with `auto`'s choice for this network and what choosing cost."""
    from core.engine.training.variant_choice import decision_for
    from core.iris.config import IrisConfig
    from core.iris.model import train_iris

    result = train_iris(IrisConfig(steps_per_epoch=steps))
    decision = decision_for(result.network.keras_model)
    return {
        "fit_seconds": result.seconds,
        "test_accuracy": result.test_accuracy,
        "train_variant": decision.variant if decision else "forced",
        "variant_how": decision.how if decision else "forced",
        "trial_overhead_seconds": decision.overhead if decision else 0.0,
    }


def measure(args: argparse.Namespace) -> dict:
    return (app if args.side == "app" else notebook)(args.steps)


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("side", choices=["notebook", "app"])
    p.add_argument("--steps", type=int, default=150, help="steps per epoch (10 epochs)")
    return p


if __name__ == "__main__":
    child_main(measure, parser())
