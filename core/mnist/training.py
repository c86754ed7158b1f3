"""The MNIST training flow: data, network, training with live progress, Stop, both test sets.

`run_mnist` is what the page and the command line hand to a training backend
(core.engine.jobs.base); its last step, `test_mnist_run`, tests the network, stopped or not.
`train_mnist` trains without progress or Stop, for tests and the benchmark. TensorFlow loads
when a flow runs, not when a page imports it: the heavy imports are inside the functions.
"""

from __future__ import annotations

import dataclasses
import time
from dataclasses import dataclass
from typing import TYPE_CHECKING

from core.engine.jobs.base import TrainingFailed, last_step
from core.engine.models.trained_network import TrainedNetwork
from core.engine.progress import (
    BatchCallback,
    EpochCallback,
    Progress,
    ProgressTracker,
    Report,
    ShouldStop,
)
from core.engine.runtime.memory import release_memory
from core.engine.training.curve_record import CurveRecorder
from core.mnist.config import MnistConfig, steps_per_epoch
from core.mnist.data import MnistData, MnistDataError, load_mnist
from core.mnist.run import MnistRun

if TYPE_CHECKING:
    import keras

__all__ = [
    "MnistRun",
    "describe",
    "run_mnist",
    "steps_per_epoch",
    "test_mnist_run",
    "warm_up",
]

# At most this often (and on every epoch's last batch) a report: a point on the page's
# curves. A little under half a second, so that the page sees at least two a second.
REPORT_INTERVAL_S = 0.4
# Test digits per forward pass after each epoch: 500 digits' feature maps at a time, where
# all 10,000 at once would hold twenty times as many.
TEST_BATCH = 500


@dataclass(frozen=True)
class UntestedRun:
    """A trained run before its test: what `test_mnist_run` takes."""

    run: MnistRun
    progress: Progress  # The last snapshot, shown again wherever the test runs.
    data: MnistData | None = None  # None: the test reads MNIST itself.

    def for_another_process(self) -> UntestedRun:
        """Sent without its data (the other process reads MNIST) or its Keras object."""
        return UntestedRun(self.run.for_another_process(), self.progress)


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
    from core.engine.training.loop import fit
    from core.mnist.batches import batches, training_subset

    x, y = training_subset(data, config)
    copies = "both" if config.invert else "normal"
    # After each epoch of a longer training, the normal test digits: the curve that shows
    # over-fitting. A one-epoch run is tested once, at its end, like every run.
    tested = batches(data.x_test, data.y_test, TEST_BATCH) if config.epochs > 1 else None
    return fit(
        model,
        batches(x, y, config.batch_size, copies, config.seed),
        config.epochs,
        on_batch_end=on_batch_end,
        on_epoch_end=on_epoch_end,
        validation=tested,
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
    from core.mnist.model import build_mnist_model

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
    recorder = CurveRecorder(config.epochs * steps_per_epoch(config), steps_per_epoch(config))
    trained = tracker.train(
        lambda on_batch, on_epoch: _fit(config, data, model, recorder.wrap(on_batch), on_epoch)
    )
    stopped = trained.stopped
    release_memory()
    label = describe(config)
    if stopped:
        label += f", stopped after {tracker.batches_done} batches"
    network = TrainedNetwork.from_keras(model)
    run = MnistRun(config, network, tracker.history, trained.seconds, stopped, label=label)
    run.curve = recorder.curve
    which = "stopped network" if stopped else "network"
    tracker.show("evaluating", f"Testing the {which} on {2 * len(data.y_test):,} test digits ...")
    return last_step(test_mnist_run, UntestedRun(run, tracker.snapshot, data), report, should_stop)


def test_mnist_run(untested: UntestedRun, report: Report, should_stop: ShouldStop) -> MnistRun:
    """Test the run's network on both test sets, here or (after a Stop on Ray) in another
    process, where the network is rebuilt from its settings and its weights."""
    from core.mnist.evaluation import evaluate_mnist
    from core.mnist.model import build_mnist_model

    run = untested.run
    model = run.network.keras_model
    if model is None:
        model = build_mnist_model(run.config)
        for layer, spec in zip(model.layers, run.network.numpy_copy.layers, strict=True):
            layer.set_weights(list(spec.weights))
    report(untested.progress)
    data = untested.data if untested.data is not None else load_mnist()
    run.evaluation = evaluate_mnist(model, data)
    phase = "stopped" if run.stopped else "finished"
    report(dataclasses.replace(untested.progress, phase=phase, message=""))
    return run


def warm_up() -> None:
    """What a training worker does before its first MNIST training: import TensorFlow and
    Keras, read MNIST once for the life of the process, and, on a CPU whose data folder
    keeps no decision yet, let `auto` time its variants on the page's network, so that no
    student's first click pays the trial. MNIST that cannot be read is left for the
    training to report, in its own sentence."""
    import core.mnist.evaluation  # noqa: F401  TensorFlow, Keras and the code that tests a network.
    from core.engine.training.variant_choice import needs_trial
    from core.mnist.model import build_mnist_model

    try:
        data = load_mnist()
    except MnistDataError:
        return
    if needs_trial(build_mnist_model(MnistConfig())):
        from core.engine.training.loop import CHUNK

        # Two chunks: the trial's, then one with the winner; nothing tested, nothing kept.
        examples = 2 * CHUNK * MnistConfig().batch_size
        train_mnist(MnistConfig(train_size=examples), data=data, evaluate=False)
        release_memory()


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
    from core.mnist.evaluation import evaluate_mnist
    from core.mnist.model import build_mnist_model

    config = config or MnistConfig()
    data = data or load_mnist()
    model = model or build_mnist_model(config)
    started = time.perf_counter()
    history = _fit(config, data, model, on_batch_end, on_epoch_end)
    run = MnistRun(
        config=config,
        network=TrainedNetwork.from_keras(model),
        history=history,
        seconds=time.perf_counter() - started,
        label=describe(config),
    )
    release_memory()
    if evaluate:
        run.evaluation = evaluate_mnist(model, data)
    return run
