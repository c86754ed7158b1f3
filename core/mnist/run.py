"""What one MNIST training leaves behind, as plain data that needs no TensorFlow to read.

A run trained in this process keeps its Keras model; a run trained on another machine
(core.engine.jobs.ray_backend) arrives without it, as `.keras` bytes. Either way it carries a
`NumpyNetwork` (core.engine.models.numpy_network), which the pages use to answer drawings and to
look inside the network, so a web server that only shows results never imports TensorFlow.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from core.engine.models.numpy_network import NumpyNetwork
from core.engine.models.result_network import CarriedModel
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
class MnistRun(CarriedModel):
    """One training of one session: its settings, model, curves and results.

    `history` holds each epoch's training loss and accuracy, and for a run of more than one
    epoch the test digits' (`val_loss`, `val_accuracy`) after each epoch.

    `model` is the Keras model in the process that trained it and None once the run has
    been sent to another process (`for_another_process`), which carries `keras_file` instead.
    `portable` is the same network as NumPy data, whichever process holds the run.
    """

    config: MnistConfig
    model: Any | None
    history: dict[str, list[float]] = field(default_factory=dict)
    seconds: float = 0.0
    stopped: bool = False
    evaluation: MnistEvaluation | None = None
    label: str = ""
    portable: NumpyNetwork | None = None
    keras_file: bytes | None = field(default=None, repr=False)
    # Running loss and accuracy batch by batch (core.engine.training.curve_record): what a
    # one-epoch run shows when runs are compared, where `history` has a single point.
    curve: tuple[CurvePoint, ...] = field(default=(), repr=False)
