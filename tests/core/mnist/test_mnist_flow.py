"""The MNIST training flow that the page and the command line share (run_mnist).

Real trainings on real MNIST digits, kept tiny so this runs in the quick suite: 300 training
digits, small filters, and 500 test digits (the flow tests on both test sets, normal and
inverted: 1,000 predictions).
"""

from __future__ import annotations

import time
from functools import partial

import pytest

from core.engine.jobs.base import TrainingFailed
from core.engine.jobs.in_process import InProcessBackend
from core.engine.jobs.slots import TrainingSlots
from core.engine.progress import Progress
from core.mnist.config import MnistConfig
from core.mnist.data import MnistData, load_mnist
from core.mnist.training import describe, run_mnist, steps_per_epoch

TINY = MnistConfig(train_size=300, batch_size=32, filters=(4, 8), dense_units=16, seed=3)


@pytest.fixture(scope="module")
def small() -> MnistData:
    """All training digits (the config picks 300) and the first 500 test digits."""
    full = load_mnist()
    return MnistData(full.x_train, full.y_train, full.x_test[:500], full.y_test[:500], "small")


def test_a_whole_run_reports_every_phase_and_returns_a_tested_run(small):
    config = MnistConfig(**{**TINY.as_dict(), "epochs": 2})
    reports: list[Progress] = []
    run = run_mnist(config, reports.append, lambda: False, data=small)

    phases = [p.phase for p in reports]
    assert phases[0] == "starting" and phases[-2:] == ["evaluating", "finished"]
    assert set(phases) == {"starting", "training", "evaluating", "finished"}
    assert "1,000 test digits" in reports[-2].message  # Both test sets: normal and inverted.
    trained = [p for p in reports if p.phase == "training"]
    steps = steps_per_epoch(config)
    assert trained[-1].batches_done == trained[-1].total_batches == 2 * steps
    done = [point.batches_done for point in trained[-1].curve]
    assert done == sorted(set(done)) and done[0] == 1
    assert steps in done and 2 * steps in done  # The last batch of each epoch is never skipped.
    assert [log.epoch for log in reports[-1].history] == [1, 2]

    assert not run.stopped and run.label == describe(config)
    assert run.history["loss"] == [log.loss for log in reports[-1].history]
    assert 0.0 <= run.evaluation.test_accuracy <= 1.0
    assert run.evaluation.confusion.sum() == 500
    assert run.seconds > 0 and run.network.keras_model is not None


def test_a_stop_ends_at_the_next_batch_and_the_stopped_network_is_still_tested(small):
    reports: list[Progress] = []
    asked: list[int] = []

    def stop_after_three_batches() -> bool:
        asked.append(1)
        return len(asked) > 3  # Asked once before training, then after every batch.

    config = MnistConfig(**{**TINY.as_dict(), "train_size": 3_000})
    run = run_mnist(config, reports.append, stop_after_three_batches, data=small)
    assert run.stopped
    assert run.label == describe(config) + ", stopped after 3 batches"
    assert run.history == {}  # No epoch finished.
    assert run.evaluation is not None and run.evaluation.confusion.sum() == 500
    assert [p.phase for p in reports][-2:] == ["evaluating", "stopped"]
    assert reports[-2].message.startswith("Testing the stopped network")
    assert reports[-1].batches_done == 3


def test_a_stop_before_the_first_batch_leaves_no_run(small):
    reports: list[Progress] = []
    assert run_mnist(TINY, reports.append, lambda: True, data=small) is None
    assert reports and all(p.phase == "starting" for p in reports)  # Told, never trained.


def test_through_the_backend_a_stopped_job_returns_its_tested_run(small):
    backend = InProcessBackend(TrainingSlots(1))
    config = MnistConfig(**{**TINY.as_dict(), "train_size": 3_000})
    job = backend.submit(partial(run_mnist, data=small), config, queued=True)
    while not (job.progress().phase == "training" and job.progress().batches_done > 0):
        assert not job.done(), job.progress()
        time.sleep(0.005)
    job.stop()
    run = job.result(timeout=120)
    assert run.stopped and "stopped after" in run.label
    assert run.evaluation is not None
    assert job.progress().phase == "stopped"


def test_data_that_cannot_be_loaded_is_one_sentence(tmp_path, monkeypatch):
    monkeypatch.setenv("MNIST_DIR", str(tmp_path))  # A folder without the four files.
    with pytest.raises(TrainingFailed, match=r"^MNIST could not be loaded: .*is missing"):
        run_mnist(TINY, lambda progress: None, lambda: False)
