"""Real runs and boards for the class board's tests, built without training anything.

A run's network is None or a small NumPy network; its evaluation holds the accuracies a
test chooses. Accuracies are chosen away from x.5% so that the expected sentences do not
hang on how a half rounds.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass

import numpy as np

from core.class_board.summary import (
    RunSummary,
    SharedEntry,
    summary_of_iris,
    summary_of_mnist,
    to_json,
)
from core.engine.models.numpy_network import LayerSpec, NumpyNetwork
from core.engine.models.trained_network import TrainedNetwork
from core.iris.config import IrisConfig
from core.iris.result import IrisResult
from core.mnist.config import MnistConfig
from core.mnist.run import MnistEvaluation, MnistRun


def mnist_run(
    test: float = 0.98,
    inverted: float = 0.45,
    *,
    network: TrainedNetwork | None = None,
    seconds: float = 12.5,
    label: str = "Run 1: made up",
    **settings,
) -> MnistRun:
    evaluation = MnistEvaluation(test, inverted, np.zeros((10, 10), dtype=np.int64))
    return MnistRun(
        MnistConfig(**settings), network, seconds=seconds, evaluation=evaluation, label=label
    )


def iris_result(test: float = 0.95, *, network=None, **settings) -> IrisResult:
    return IrisResult(
        network, IrisConfig(**settings), test_accuracy=test, seconds=1.5, label="Run 1: iris"
    )


def small_cnn(config: MnistConfig) -> TrainedNetwork:
    """The CNN of `config` as a NumPy network with random weights: real layers, no Keras."""
    rng = np.random.default_rng(0)
    k, (f1, f2), units = config.kernel_size, config.filters, config.dense_units

    def weights(*shape: int) -> tuple[np.ndarray, np.ndarray]:
        return rng.normal(size=shape).astype(np.float32), np.zeros(shape[-1], np.float32)

    layers = (
        LayerSpec("conv2d", "conv1", (28, 28, f1), "relu", "same", weights=weights(k, k, 1, f1)),
        LayerSpec("max_pool", "pool1", (14, 14, f1), pool_size=2),
        LayerSpec("conv2d", "conv2", (14, 14, f2), "relu", "same", weights=weights(k, k, f1, f2)),
        LayerSpec("max_pool", "pool2", (7, 7, f2), pool_size=2),
        LayerSpec("flatten", "flatten", (49 * f2,)),
        LayerSpec("dense", "dense", (units,), "relu", weights=weights(49 * f2, units)),
        LayerSpec("dropout", "dropout", (units,)),
        LayerSpec("dense", "digits", (10,), "softmax", weights=weights(units, 10)),
    )
    return TrainedNetwork(NumpyNetwork("mnist", (28, 28, 1), layers))


def dense_network(*sizes: int) -> TrainedNetwork:
    """A fully connected NumPy network with layer sizes `sizes` (input first)."""
    layers = tuple(
        LayerSpec(
            "dense",
            f"dense_{i}",
            (n_out,),
            "relu",
            weights=(np.ones((n_in, n_out), np.float32), np.zeros(n_out, np.float32)),
        )
        for i, (n_in, n_out) in enumerate(itertools.pairwise(sizes))
    )
    return TrainedNetwork(NumpyNetwork("dense", (sizes[0],), layers))


def entry(
    summary: RunSummary,
    entry_id: int = 1,
    nickname: str = "Ada",
    created: float = 1_765_000_000.0,
    mine: bool = False,
) -> SharedEntry:
    return SharedEntry(entry_id, nickname, created, mine, True, summary)


def mnist_entries(pairs, *, invert: bool, examples: int = 60_000, first_id: int = 1):
    """One entry per (test, inverted) accuracy pair, all with or all without invert."""
    return [
        entry(
            summary_of_mnist(mnist_run(test, inv, invert=invert, train_size=examples)),
            entry_id=first_id + i,
            nickname=f"student {first_id + i}",
        )
        for i, (test, inv) in enumerate(pairs)
    ]


def iris_entries(runs):
    """One entry per (test accuracy, hidden layers) pair."""
    return [
        entry(summary_of_iris(iris_result(test, hidden=hidden)), entry_id=100 + i)
        for i, (test, hidden) in enumerate(runs)
    ]


@dataclass
class Row:
    """A row as the store hands it over: its own columns and the summary's JSON text."""

    entry_id: int
    nickname: str
    chapter: str
    created: float
    summary: str
    mine: bool = False
    has_model: bool = False


def row_of(summary: RunSummary, entry_id: int = 1, **fields) -> Row:
    return Row(entry_id, "Ada", summary.chapter, 1_765_000_000.0, to_json(summary), **fields)
