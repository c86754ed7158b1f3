"""What one MNIST training leaves behind, as plain data that needs no TensorFlow to read.

Its network (core.engine.models.trained_network) answers drawings and shows Inside the CNN
in NumPy, wherever the run was trained.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field

import numpy as np

from core.engine.models.trained_network import TrainedNetwork
from core.engine.progress import CurvePoint
from core.mnist.config import MnistConfig


@dataclass(frozen=True)
class Misclassified:
    """A test digit the network got wrong: where to find it, what it said, and the picture
    as the network saw it (28x28 uint8, inverted for the inverted test set)."""

    index: int
    inverted: bool
    truth: int
    predicted: int
    confidence: float
    image: np.ndarray | None = field(default=None, compare=False, repr=False)


@dataclass
class MnistEvaluation:
    """Accuracy on the normal and on the inverted test set, kept apart on purpose."""

    test_accuracy: float
    test_accuracy_inverted: float
    confusion: np.ndarray
    misclassified: list[Misclassified] = field(default_factory=list)


@dataclass
class MnistRun:
    """One training of one session: its settings, network, curves and results.

    `history` holds each epoch's training loss and accuracy, and for a run of more than one
    epoch the test digits' (`val_loss`, `val_accuracy`) after each epoch.
    """

    config: MnistConfig
    network: TrainedNetwork | None
    history: dict[str, list[float]] = field(default_factory=dict)
    seconds: float = 0.0
    stopped: bool = False
    evaluation: MnistEvaluation | None = None
    label: str = ""
    # Running loss and accuracy batch by batch (core.engine.training.curve_record): what a
    # one-epoch run shows when runs are compared, where `history` has a single point.
    curve: tuple[CurvePoint, ...] = field(default=(), repr=False)

    def for_another_process(self) -> MnistRun:
        if self.network is None:
            return self
        return dataclasses.replace(self, network=self.network.for_another_process())
