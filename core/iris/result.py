"""What an Iris training leaves behind, and the species it predicts, without TensorFlow.

Its network (core.engine.models.trained_network) answers the page's flowers in NumPy on the
page's own thread, wherever it was trained.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from core.engine.models.numpy_network import NumpyNetwork
from core.engine.models.trained_network import TrainedNetwork
from core.iris.config import IrisConfig
from core.iris.data import FEATURES


@dataclass
class IrisResult:
    """A finished training: the network, its curves and how well it does on unseen flowers."""

    network: TrainedNetwork | None
    config: IrisConfig
    history: dict[str, list[float]] = field(default_factory=dict)
    test_accuracy: float = 0.0
    confusion: np.ndarray | None = None
    seconds: float = 0.0
    stopped: bool = False  # True: ended early by a stop; the model is as far as it got.
    label: str = ""  # "Run 2: 40 epochs x 150 steps, batch 16": given when the page keeps it.

    def for_another_process(self) -> IrisResult:
        if self.network is None:
            return self
        return dataclasses.replace(self, network=self.network.for_another_process())


def describe(config: IrisConfig) -> str:
    """A short label for a kept result: its epochs, then each setting that differs from the
    workshop's, so that two runs' labels show what was changed between them."""
    workshop = IrisConfig()
    parts = [f"{config.epochs} epochs x {config.steps_per_epoch} steps"]
    if config.batch_size != workshop.batch_size:
        parts.append(f"batch {config.batch_size}")
    if config.hidden != workshop.hidden:
        parts.append("hidden " + "-".join(str(n) for n in config.hidden))
    if config.learning_rate != workshop.learning_rate:
        parts.append(f"learning rate {config.learning_rate:g}")
    if config.test_fraction != workshop.test_fraction:
        parts.append(f"test {config.test_fraction:.0%}")
    if config.seed != workshop.seed:
        parts.append(f"seed {config.seed}")
    return ", ".join(parts)


def predict_iris(model: Any, measurements: np.ndarray | list) -> np.ndarray:
    """Species probabilities, one row per flower.

    The page predicts on every change of an input, so this must answer at once: in NumPy
    on the caller's thread (a `NumpyNetwork`, or a Keras model whose layers NumPy knows,
    core.engine.models.keras_to_numpy), which no training elsewhere on the server can hold up;
    through TensorFlow only for layers NumPy does not know.
    """
    x = np.asarray(measurements, dtype=np.float32).reshape(-1, len(FEATURES))
    if isinstance(model, TrainedNetwork):
        return model.probabilities(x)
    if isinstance(model, NumpyNetwork):
        return model(x)
    from core.engine.models.keras_to_numpy import numpy_copy

    in_numpy = numpy_copy(model)
    if in_numpy is not None:
        return in_numpy(x)
    return np.asarray(model(x, training=False))


def confusion_matrix(truth: np.ndarray, predicted: np.ndarray, classes: int) -> np.ndarray:
    """Counts[i, j]: how many examples of class i the network called class j."""
    counts = np.zeros((classes, classes), dtype=np.int64)
    np.add.at(counts, (np.asarray(truth), np.asarray(predicted)), 1)
    return counts
