"""The MNIST training flow: data, network, training with live progress, Stop, both test sets.

`run_mnist` is what the page and the command line run, through a training backend
(`core.engine.jobs`): it reports `Progress` snapshots, stops at the next batch when asked,
always tests what it trained (also when stopped), and returns the run record. `train_mnist`
is the same training without progress or Stop, for tests and the benchmark.
"""

from __future__ import annotations

import math
import time
from dataclasses import dataclass, field

import keras

import core.engine.tf_threads  # noqa: F401  (before any TensorFlow operation: see its docstring)
from core.engine.jobs import TrainingFailed
from core.engine.memory import release_memory
from core.engine.progress import (
    BatchCallback,
    EpochCallback,
    ProgressTracker,
    Report,
    ShouldStop,
    StopTraining,
)
from core.engine.train_loop import fit
from core.mnist.batches import batches, training_subset
from core.mnist.config import MnistConfig
from core.mnist.data import MnistData, MnistDataError, load_mnist
from core.mnist.evaluation import MnistEvaluation, evaluate_mnist
from core.mnist.model import build_mnist_model

REPORT_INTERVAL_S = 0.5  # The page redraws twice a second; each report is a point on its curves.


@dataclass
class MnistRun:
    """One training of one session: its settings, model, curves and results.

    It keeps the Keras model itself, so it lives in the process that trained it.
    """

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


def _fit(
    config: MnistConfig,
    data: MnistData,
    model: keras.Model,
    on_batch_end: BatchCallback | None,
    on_epoch_end: EpochCallback | None,
) -> dict[str, list[float]]:
    x, y = training_subset(data, config)
    copies = "both" if config.invert else "normal"
    return fit(
        model,
        batches(x, y, config.batch_size, copies, config.seed),
        config.epochs,
        on_batch_end=on_batch_end,
        on_epoch_end=on_epoch_end,
    )


def run_mnist(
    config: MnistConfig,
    report: Report,
    should_stop: ShouldStop,
    data: MnistData | None = None,
) -> MnistRun | None:
    """Train a fresh CNN with live progress, then test it on both test sets.

    When `should_stop()` turns true the training ends after the current batch and the
    model as far as it got is tested and returned (`stopped`, and its label says after how
    many batches). None if the stop came before the first batch. Data that cannot be
    loaded raises TrainingFailed with one sentence.
    """
    tracker = ProgressTracker(
        report,
        should_stop,
        epochs=config.epochs,
        batches_per_epoch=steps_per_epoch(config),
        batch_size=config.batch_size,
        min_interval_s=REPORT_INTERVAL_S,
    )
    if data is None:
        tracker.show("starting", "Loading MNIST (once per server) ...")
        try:
            data = load_mnist()
        except MnistDataError as error:
            raise TrainingFailed(f"MNIST could not be loaded: {error}") from None
    tracker.show("starting", "Building the network ...")
    model = build_mnist_model(config)
    if should_stop():
        return None
    tracker.start_training()
    started = time.perf_counter()
    try:
        _fit(config, data, model, tracker.on_batch_end, tracker.on_epoch_end)
        stopped = False
    except StopTraining:
        stopped = True
    seconds = time.perf_counter() - started
    release_memory()
    label = describe(config)
    if stopped:
        label += f", stopped after {tracker.batches_done} batches"
    run = MnistRun(config, model, tracker.history, seconds, stopped, label=label)
    which = "stopped network" if stopped else "network"
    tracker.show("evaluating", f"Testing the {which} on {2 * len(data.y_test):,} test digits ...")
    run.evaluation = evaluate_mnist(model, data)
    tracker.show("stopped" if stopped else "finished")
    return run


def train_mnist(
    config: MnistConfig | None = None,
    *,
    data: MnistData | None = None,
    model: keras.Model | None = None,
    on_batch_end: BatchCallback | None = None,
    on_epoch_end: EpochCallback | None = None,
    evaluate: bool = True,
) -> MnistRun:
    """Train (a fresh or the given) CNN to the end, then measure it on both test sets.

    No progress snapshots and no Stop: the tests and the benchmark call this directly.
    """
    config = config or MnistConfig()
    data = data or load_mnist()
    model = model or build_mnist_model(config)
    started = time.perf_counter()
    history = _fit(config, data, model, on_batch_end, on_epoch_end)
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
