"""Trainings on a real local Ray cluster (two CPUs): results, waiting, Stop, lost workers.

Every job here is a real flow in a real worker process: small MNIST and Iris trainings on
the real data, and a few tiny flows (tests/core/engine/jobs/ray_flows.py) for what a real
training rarely does (ignore a stop, fail). Times (connect, first progress, snapshots a
second, stop to freed CPUs, kill to message) are measured by devtools/bench/ray_backend.py,
not asserted here: these tests give generous deadlines and check what happened.
"""

from __future__ import annotations

import os
import signal
import time

import numpy as np
import pytest

from core.engine.jobs.base import TrainingFailed, follow
from core.engine.jobs.default import default_backend
from core.engine.models.numpy_network import NumpyNetwork
from core.iris.config import IrisConfig
from core.iris.training import run_iris
from core.mnist.config import MnistConfig
from core.mnist.training import run_mnist
from tests.core.engine.jobs.ray_flows import crashes, fails, ignores_stop, says_when_it_ran

pytestmark = pytest.mark.ray

SMALL_MNIST = MnistConfig(train_size=1_000, batch_size=32, filters=(4, 8), dense_units=16)
# Minutes of training on two cores: always stopped (or its worker killed) by the test.
LONG_MNIST = MnistConfig(train_size=60_000, epochs=10, batch_size=32, filters=(4, 8))


def wait_until(condition, timeout: float = 120.0, what: str = "the condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout} s")
        time.sleep(0.02)


def training(job) -> bool:
    assert not job.done() or job.progress().phase != "failed", job.progress()
    return job.progress().phase == "training" and job.progress().batches_done > 0


def cluster_cpus_free() -> float:
    import ray

    return ray.available_resources().get("CPU", 0.0)


def one_training_fills_the_cluster(ray_address, monkeypatch, seconds: float):
    """A backend whose trainings ask for both CPUs, and one such training running `seconds`."""
    from core.engine.jobs.ray_backend import RayBackend

    monkeypatch.setenv("WORKSHOP_RAY_CPUS", "2")
    backend = RayBackend(ray_address)
    first = backend.submit(ignores_stop, seconds, queued=True)
    wait_until(lambda: first.progress().phase == "training", what="the training's start")
    return backend, first


@pytest.fixture
def backend(ray_address):
    backend = default_backend()
    assert not backend.in_process and ray_address in backend.where
    return backend


def test_an_iris_training_runs_in_a_worker_and_comes_back_without_keras(backend):
    seen = []
    job = backend.submit(run_iris, IrisConfig(epochs=3, steps_per_epoch=20), queued=False)
    result = follow(job, seen.append, interval_s=0.02)
    assert job.pid and job.pid != os.getpid()  # It ran in a worker process of the cluster.
    assert result.network.keras_model is None
    assert isinstance(result.network.numpy_copy, NumpyNetwork)
    assert result.network.keras_file[:2] == b"PK"  # A .keras file is a zip archive.
    assert result.confusion.sum() == 38 and 0 <= result.test_accuracy <= 1
    phases = [p.phase for p in seen]
    assert phases[0] == "starting" and phases[-1] == "finished" and "training" in phases
    assert [log.epoch for log in seen[-1].history] == [1, 2, 3]


def test_an_mnist_run_from_the_cluster_answers_like_its_keras_file(backend, tmp_path):
    job = backend.submit(run_mnist, SMALL_MNIST, queued=True)
    run = job.result(timeout=300)
    assert job.progress().phase == "finished"
    assert run.network.keras_model is None and not run.stopped
    assert run.evaluation.confusion.sum() == 10_000
    gallery = run.evaluation.misclassified
    assert gallery and all(m.image.shape == (28, 28) for m in gallery)
    # The .keras bytes the page offers are the network the page answers with.
    from core.engine.models.files import load_checked_model

    path = tmp_path / "run.keras"
    path.write_bytes(run.network.keras_bytes())
    model = load_checked_model(path, (28, 28, 1), 10)
    x = np.random.default_rng(0).random((4, 28, 28, 1), dtype=np.float32)
    np.testing.assert_allclose(
        run.network.probabilities(x), model(x, training=False), rtol=1e-4, atol=1e-5
    )


def test_live_snapshots_reach_this_process_while_the_worker_trains(backend):
    job = backend.submit(run_mnist, LONG_MNIST, queued=True)
    try:
        wait_until(lambda: training(job), what="the training")
        seen = [job.progress()]
        wait_until(lambda: job.progress().curve != seen[-1].curve, 60, "a second snapshot")
        wait_until(lambda: len(job.progress().curve) >= 3, 60, "a third point on the curves")
        done = [point.batches_done for point in job.progress().curve]
        assert done == sorted(set(done)) and job.progress().examples_per_s > 0
    finally:
        job.stop()
        job.result(timeout=120)


def test_stop_ends_the_task_frees_its_cpu_and_still_tests_the_stopped_network(backend, monkeypatch):
    import ray

    from core.engine.jobs import ray_job

    # A host busy with other work can hold up a batch for seconds; here the training must
    # hand back its network (cancelling is tested below), so it gets all the time it needs.
    monkeypatch.setattr(ray_job, "STOP_GRACE_S", 60.0)
    monkeypatch.setattr(ray_job, "FORCE_AFTER_S", 90.0)
    job = backend.submit(run_mnist, LONG_MNIST, queued=True)
    wait_until(lambda: training(job), what="the training")
    assert cluster_cpus_free() == 1.0
    task = job.marker
    job.stop()
    ready, _ = ray.wait([task], timeout=60, fetch_local=False)
    assert ready, "the training task still runs 60 s after Stop"
    wait_until(lambda: cluster_cpus_free() == 2.0, 30, "the CPU's release")
    run = job.result(timeout=120)
    assert run.stopped and "stopped after" in run.label
    assert run.evaluation.confusion.sum() == 10_000  # Tested in a step of its own.
    assert job.progress().phase == "stopped"


def test_a_job_that_ignores_stop_is_cancelled(backend):
    job = backend.submit(ignores_stop, 600.0, queued=True)
    wait_until(lambda: job.progress().phase == "training", what="the flow's start")
    job.stop()
    assert job.result(timeout=30) is None
    assert job.progress().phase == "stopped"
    wait_until(lambda: cluster_cpus_free() == 2.0, 30, "the CPU's release")


def test_a_waiting_job_says_the_cluster_is_busy_and_leaves_the_queue_on_stop(
    ray_address, monkeypatch
):
    backend, first = one_training_fills_the_cluster(ray_address, monkeypatch, 600.0)
    second = backend.submit(run_mnist, SMALL_MNIST, queued=True)
    wait_until(lambda: second.progress().phase == "waiting", 30, "the second job's wait")
    waiting = second.progress()
    assert (waiting.queue_place, waiting.running, waiting.limit) == (1, 1, 1)
    assert waiting.message.startswith("The cluster is busy: 1 trainings are running on it")
    second.stop()
    assert second.result(timeout=30) is None
    assert second.progress().message == "Left the queue before training began."
    first.stop()
    assert first.result(timeout=30) is None


def test_a_class_training_at_once_gets_no_more_workers_than_the_memory_holds(backend):
    """Small jobs ask for no CPU; each asks for a worker's memory, so a node starts no more
    workers at once than its memory holds (the test head's: SMALL_JOBS_AT_ONCE)."""
    from tests.conftest import SMALL_JOBS_AT_ONCE

    jobs = [backend.submit(ignores_stop, 2.0, queued=False) for _ in range(SMALL_JOBS_AT_ONCE + 2)]
    most = 0
    while not all(job.done() for job in jobs):
        most = max(most, sum(job.progress().phase == "training" and not job.done() for job in jobs))
        time.sleep(0.05)
    assert [job.result(timeout=60) for job in jobs] == ["ran to the end"] * len(jobs)
    assert 1 < most <= SMALL_JOBS_AT_ONCE


def test_a_small_job_takes_half_a_cpu_and_waits_for_one_beside_the_trainings(
    ray_address, monkeypatch
):
    """Iris on a cluster whose CPUs all train: it waits for half a CPU, not for the queue."""
    backend, first = one_training_fills_the_cluster(ray_address, monkeypatch, 3.0)
    small = backend.submit(ignores_stop, 0.1, queued=False)
    time.sleep(1.0)
    assert not small.started and not small.done()  # No CPU free: it has not begun.
    assert small.progress().phase == "starting"  # Not "waiting" in the trainings' queue.
    assert first.result(timeout=60) == small.result(timeout=60) == "ran to the end"


def test_a_small_job_goes_before_the_trainings_that_waited_longer(ray_address, monkeypatch):
    """A class's MNIST queue does not hold Iris back: two trainings fill the cluster, three
    more wait, and the small job sent after them starts before any of them (ray_board.py's
    door). The flows say when they ran: what the web server sees comes up to 0.1 s late."""
    from core.engine.jobs.ray_backend import RayBackend

    monkeypatch.setenv("WORKSHOP_RAY_CPUS", "1")
    backend = RayBackend(ray_address)
    running = [backend.submit(ignores_stop, 3.0, queued=True) for _ in range(2)]
    for job in running:
        wait_until(lambda job=job: job.progress().phase == "training", what="the trainings")
    waiting = [backend.submit(says_when_it_ran, 1.0, queued=True) for _ in range(3)]
    wait_until(lambda: waiting[-1].progress().phase == "waiting", 30, "the queue")
    small = backend.submit(says_when_it_ran, 0.5, queued=False)
    small_began, _ = small.result(timeout=120)
    began = [job.result(timeout=120)[0] for job in waiting]
    assert all(job.result(timeout=60) == "ran to the end" for job in running)
    assert small_began < min(began), "a training that waited went first"


def test_a_failing_flow_is_one_sentence(backend):
    with pytest.raises(TrainingFailed, match=r"^MNIST is on holiday\.$"):
        backend.submit(fails, "MNIST is on holiday.", queued=False).result(timeout=120)
    with pytest.raises(TrainingFailed, match=r"^The training failed: oops\.$"):
        backend.submit(crashes, "oops", queued=False).result(timeout=120)


def test_a_killed_worker_is_one_sentence_and_the_next_training_works(backend):
    job = backend.submit(run_mnist, LONG_MNIST, queued=True)
    wait_until(lambda: training(job), what="the training")
    os.kill(job.pid, signal.SIGKILL)
    with pytest.raises(TrainingFailed) as failure:
        job.result(timeout=60)
    assert str(failure.value).startswith("The training ended because the cluster lost the worker")
    assert job.progress().phase == "failed"
    wait_until(lambda: cluster_cpus_free() == 2.0, 30, "the CPU's release")
    run = backend.submit(run_mnist, SMALL_MNIST, queued=True).result(timeout=300)
    assert run.evaluation is not None and not run.stopped


def test_a_worker_ends_after_its_trainings_and_the_next_gets_a_new_one(backend):
    """Ray reuses its workers, and each training leaves memory in its worker: the training
    task ends its worker after RECYCLE_AFTER tasks (Ray's max_calls, which it would ignore
    for a task its workers import by name)."""
    from core.engine.jobs.worker_pool import RECYCLE_AFTER

    pids = []
    for _ in range(2 * RECYCLE_AFTER + 1):
        job = backend.submit(ignores_stop, 0.0, queued=True)
        job.result(timeout=120)
        pids.append(job.pid)
    assert max(pids.count(pid) for pid in set(pids)) <= RECYCLE_AFTER, pids
    assert len(set(pids)) >= 3, pids
