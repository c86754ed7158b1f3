"""The Iris training flow, as the page and the command line run it through a backend.

Like the MNIST flow it reports `Progress` snapshots (one per epoch carries the epoch's
figures, which the page draws as growing curves), stops at the next batch when asked and
returns the result record. An Iris training takes seconds, so it needs no training slot.
TensorFlow loads when the flow runs, not when a page imports it.
"""

from __future__ import annotations

from core.engine.progress import ProgressTracker, Report, ShouldStop
from core.iris.config import IrisConfig
from core.iris.data import split_iris
from core.iris.result import IrisResult

REPORT_INTERVAL_S = 0.25  # Mid-epoch reports are rare: an epoch takes a fraction of a second.


def run_iris(config: IrisConfig, report: Report, should_stop: ShouldStop) -> IrisResult | None:
    """Train a fresh network, reporting each epoch, and test it on the unseen flowers.

    A stop ends training after the current batch; the network so far is still tested
    (`stopped` is set). None if the stop came before the first batch.
    """
    from core.iris.model import build_iris_model, fit_iris, measure_iris

    tracker = ProgressTracker(
        report,
        should_stop,
        epochs=config.epochs,
        batches_per_epoch=config.steps_per_epoch,
        batch_size=config.batch_size,
        min_interval_s=REPORT_INTERVAL_S,
        keep_curve=False,
    )
    tracker.show("starting", "Building the network ...")
    split = split_iris(config.test_fraction, config.seed)
    model = build_iris_model(config)
    if should_stop():
        return None
    trained = tracker.train(lambda *callbacks: fit_iris(model, split, config, *callbacks))
    tracker.show("evaluating", "Testing the network on the flowers it never saw ...")
    result = measure_iris(model, config, split, tracker.history, trained.seconds, trained.stopped)
    tracker.show("stopped" if trained.stopped else "finished")
    return result


def warm_up() -> None:
    """What a training worker does before its first Iris training: import Keras, build one
    small network."""
    from core.iris.model import build_iris_model

    build_iris_model()
