"""Trainings in worker processes: results as plain data, Stop, a killed worker, replacement.

Real workers (each imports TensorFlow and reads MNIST) on tiny trainings: slow, so the
quick suite leaves them out.
"""

from __future__ import annotations

import dataclasses
import os
import signal
import time
from functools import partial

import pytest

from core.engine.jobs.base import TrainingFailed, follow
from core.engine.jobs.worker_pool import WorkerPoolBackend
from core.engine.training.variant_choice import describe_train_variant
from core.iris import training as iris_training
from core.iris.config import IrisConfig
from core.mnist import training as mnist_training
from core.mnist.config import MnistConfig

pytestmark = pytest.mark.slow

TINY = MnistConfig(train_size=1_000, batch_size=32, filters=(4, 8), dense_units=16)


@pytest.fixture(scope="module")
def backend():
    made = WorkerPoolBackend(
        recycle_after=3, warm_ups=(iris_training.warm_up, mnist_training.warm_up)
    )
    yield made
    made.pool.close()


def _until(job, condition, timeout_s: float = 120.0) -> None:
    deadline = time.monotonic() + timeout_s
    while not condition(job.progress()):
        assert not job.done() and time.monotonic() < deadline, job.progress()
        time.sleep(0.01)


def test_a_training_comes_back_as_plain_data_with_its_test(backend) -> None:
    run = follow(backend.submit(mnist_training.run_mnist, TINY, queued=True), lambda p: None, 0.05)
    assert (
        run.network.keras_model is None and run.network.keras_bytes()
    )  # No Keras object crosses to the server.
    assert run.network.numpy_copy is not None and 0.0 <= run.evaluation.test_accuracy <= 1.0
    iris = follow(
        backend.submit(iris_training.run_iris, IrisConfig(epochs=2), queued=False), print, 0.05
    )
    assert iris.test_accuracy > 0.3
    assert describe_train_variant().startswith("Training variant: ")  # Told by the worker.
    assert backend.pool.decisions  # Kept for the next workers: no second trial.


def _imported_tensorflow_lean(config, report, should_stop) -> list[str]:
    """What the worker's Keras found of the optional libraries (core.engine.runtime.lean_import)."""
    import sys

    keras_modules = (
        ("pandas", "keras.src.trainers.data_adapters.array_slicing", "pandas"),
        ("IPython", "keras.src.saving.file_editor", "ipython"),
    )
    return [
        name
        for name, module, attribute in keras_modules
        if getattr(sys.modules[module], attribute) is not None
    ]


def test_a_worker_imports_tensorflow_without_the_libraries_it_never_uses(backend) -> None:
    job = backend.submit(_imported_tensorflow_lean, None, queued=False)
    assert follow(job, lambda p: None, 0.05) == []


def test_stop_ends_after_a_batch_and_the_network_is_still_tested(backend) -> None:
    job = backend.submit(mnist_training.run_mnist, dataclasses.replace(TINY, epochs=5), queued=True)
    _until(job, lambda p: p.phase == "training" and p.batches_done > 0)
    job.stop()
    run = job.result(timeout=120)
    assert run.stopped and run.evaluation is not None
    assert job.progress().phase == "stopped"


def test_a_failing_flow_is_one_sentence_and_the_worker_carries_on(backend) -> None:
    bad = partial(_raise_in_flow, "the data was odd")
    with pytest.raises(TrainingFailed, match="The training failed: the data was odd"):
        backend.submit(bad, None, queued=False).result(timeout=120)
    assert follow(
        backend.submit(iris_training.run_iris, IrisConfig(epochs=1), queued=False), print, 0.05
    )


def _raise_in_flow(message: str, config, report, should_stop):
    raise RuntimeError(message)


def test_a_worker_killed_mid_training_fails_one_job_and_the_next_works(backend) -> None:
    long = MnistConfig(train_size=5_000, epochs=3)
    other = backend.submit(
        iris_training.run_iris, IrisConfig(epochs=30), queued=False
    )  # Another student.
    job = backend.submit(mnist_training.run_mnist, long, queued=True)
    _until(job, lambda p: p.phase == "training" and p.batches_done > 0)
    victim_pid = _worker_of(backend, job)
    os.kill(victim_pid, signal.SIGKILL)
    with pytest.raises(TrainingFailed, match="killed"):
        job.result(timeout=60)
    assert job.progress().phase == "failed"
    assert other.result(timeout=120).test_accuracy > 0.3  # The other student's training.
    run = follow(backend.submit(mnist_training.run_mnist, TINY, queued=True), lambda p: None, 0.05)
    assert run.evaluation is not None
    assert victim_pid not in backend.pool.pids()


def _worker_of(backend, job) -> int:
    """The pid of the worker running the MNIST job: the one busy with a training."""
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        with backend.pool.lock:
            for worker in backend.pool.busy:
                if worker.entry == mnist_training.run_mnist:
                    return worker.process.pid
        time.sleep(0.01)
    raise AssertionError("no worker runs the MNIST job")


def test_workers_are_replaced_after_their_trainings(backend) -> None:
    before = backend.pool.retired
    for seed in range(7):  # More than twice 3: whichever workers take them, one is worn.
        follow(
            backend.submit(iris_training.run_iris, IrisConfig(epochs=1, seed=seed), queued=False),
            print,
            0,
        )
    backend.pool.settle()
    assert backend.pool.retired > before
    assert len(backend.pool.pids()) <= backend.pool.size


def test_a_job_waiting_for_a_busy_worker_is_told_why_and_how_many_wait() -> None:
    """Not "Starting TensorFlow ..." for minutes: every worker is busy with other students'."""
    from tests.core.engine.jobs.ray_flows import ignores_stop

    small = WorkerPoolBackend(size=1)
    try:
        first = small.submit(ignores_stop, 3.0, queued=False)
        _until(first, lambda p: p.phase == "training")
        second = small.submit(ignores_stop, 0.1, queued=False)
        _until(second, lambda p: "busy" in p.message, 10)
        assert second.progress().message == (
            "The training worker of this server is busy with other students' trainings: "
            "yours starts as soon as one is free ..."
        )
        third = small.submit(ignores_stop, 0.1, queued=False)
        _until(third, lambda p: "busy" in p.message, 10)
        _until(second, lambda p: "and 1 more waiting" in p.message, 10)
        for job in (first, second, third):
            assert follow(job, lambda p: None, 0.05) == "ran to the end"
    finally:
        small.pool.close()
