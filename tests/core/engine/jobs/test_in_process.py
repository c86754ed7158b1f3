"""Training jobs on the in-process backend: progress, the queue, Stop, failures.

Every job here is a real training (the Iris flow, a few epochs of real TensorFlow); a job
that must hold the only slot for a while is a long Iris training, stopped when the test is
done with it.
"""

from __future__ import annotations

import logging
import pickle
import time

import pytest

from core.engine.jobs.base import TrainingFailed, follow, watch
from core.engine.jobs.default import default_backend
from core.engine.jobs.in_process import InProcessBackend, max_trainings
from core.engine.jobs.slots import TrainingSlots
from core.iris.config import IrisConfig
from core.iris.data import split_counts
from core.iris.training import run_iris
from core.mnist.training import run_mnist

TEST_FLOWERS = split_counts(IrisConfig().test_fraction)[1]  # The notebook's split: 38.

SMALL = IrisConfig(epochs=3, steps_per_epoch=20)
LONG = IrisConfig(epochs=100, steps_per_epoch=500)  # A minute or more: always stopped early.


def wait_until(condition, timeout: float = 60.0, what: str = "the condition") -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} did not happen within {timeout} s")
        time.sleep(0.01)


def training(job) -> bool:
    return job.progress().phase == "training" and job.progress().batches_done > 0


@pytest.fixture
def one_slot() -> InProcessBackend:
    return InProcessBackend(TrainingSlots(limit=1))


def test_a_job_reports_each_epoch_and_returns_its_result():
    job = InProcessBackend(TrainingSlots(1)).submit(run_iris, SMALL, queued=False)
    seen = []
    result = follow(job, seen.append, interval_s=0.01)
    assert job.done()
    assert result.config == SMALL and not result.stopped
    assert 0.0 <= result.test_accuracy <= 1.0 and result.confusion.sum() == TEST_FLOWERS
    last = job.progress()
    assert last.phase == "finished" and last.ended
    assert [log.epoch for log in last.history] == [1, 2, 3]
    assert last.history_lists()["val_accuracy"] == result.history["val_accuracy"]
    assert last.batches_done == last.total_batches == 60 and last.fraction == 1.0
    assert last.examples_per_s > 0
    assert seen[0].phase == "starting" and seen[-1] == last
    assert pickle.loads(pickle.dumps(last)) == last  # Plain data: another process can hold it.
    assert job.result(timeout=0) is result


def test_a_second_job_waits_for_the_only_slot_and_runs_after_the_first(one_slot):
    first = one_slot.submit(run_iris, LONG, queued=True)
    second = one_slot.submit(run_iris, SMALL, queued=True)
    # The place is known as soon as submit() returns.
    waiting = second.progress()
    assert (waiting.phase, waiting.queue_place, waiting.running, waiting.limit) == (
        "waiting", 1, 1, 1
    )  # fmt: skip
    wait_until(lambda: training(first), what="the first training")
    time.sleep(0.3)
    assert second.progress().phase == "waiting" and second.progress().seconds_waiting > 0.2
    first.stop()
    wait_until(lambda: second.progress().phase != "waiting", what="the second job's start")
    assert first.done()  # The slot was free only once the first job had ended.
    assert first.result().stopped
    assert not second.result(timeout=120).stopped
    assert one_slot.slots.running == 0 and one_slot.slots.waiting == 0


def test_stop_while_waiting_leaves_the_queue(one_slot):
    holder = one_slot.submit(run_iris, LONG, queued=True)
    leaving = one_slot.submit(run_iris, SMALL, queued=True)
    staying = one_slot.submit(run_iris, SMALL, queued=True)
    assert [leaving.progress().queue_place, staying.progress().queue_place] == [1, 2]
    leaving.stop()
    assert leaving.result(timeout=10) is None  # It never trained.
    assert leaving.progress().phase == "stopped"
    wait_until(lambda: staying.progress().queue_place == 1, 10, "moving up the queue")
    assert one_slot.slots.waiting == 1 and not holder.done()
    leaving.stop()  # Again: nothing happens.
    wait_until(lambda: training(holder), what="training")  # Stopped before: no network.
    holder.stop()
    assert staying.result(timeout=120) is not None
    assert holder.result().stopped


def test_stop_while_running_keeps_the_model_as_far_as_it_got_and_tests_it():
    job = InProcessBackend().submit(run_iris, LONG, queued=False)
    wait_until(lambda: training(job), what="training")
    job.stop()
    result = job.result(timeout=60)
    assert result.stopped
    assert job.progress().phase == "stopped"
    assert 0 < job.progress().batches_done < job.progress().total_batches
    assert 0.0 <= result.test_accuracy <= 1.0 and result.confusion.sum() == TEST_FLOWERS
    job.stop()  # After the end: harmless.
    assert job.result() is result


def test_missing_mnist_data_fails_with_one_sentence(tmp_path, monkeypatch):
    monkeypatch.setenv("MNIST_DIR", str(tmp_path / "nowhere"))
    job = InProcessBackend().submit(run_mnist, _tiny_mnist_config(), queued=True)
    with pytest.raises(TrainingFailed) as failure:
        job.result(timeout=120)
    message = str(failure.value)
    assert message.startswith("MNIST could not be loaded: ") and "nowhere" in message
    assert "\n" not in message and "Traceback" not in message
    assert job.progress().phase == "failed" and job.progress().message == message


def broken_flow(config, report, should_stop):
    raise LookupError("no_such_layer in the network")


def test_an_unexpected_error_is_one_sentence_and_logged_in_full(caplog):
    with caplog.at_level(logging.ERROR, logger="core.engine.jobs.in_process"):
        job = InProcessBackend().submit(broken_flow, SMALL, queued=True)
        with pytest.raises(TrainingFailed) as failure:
            job.result(timeout=120)
    assert str(failure.value).startswith("The training failed: ")
    assert "no_such_layer" in str(failure.value)
    assert "Traceback" in caplog.text  # The server log keeps what the user is spared.
    assert isinstance(failure.value, ValueError)


def test_follow_stops_the_job_when_the_user_presses_ctrl_c():
    job = InProcessBackend().submit(run_iris, LONG, queued=False)

    def impatient(progress) -> None:
        if progress.batches_done > 0:
            raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        follow(job, impatient, interval_s=0.01)
    assert job.result(timeout=60).stopped


class WatcherGone(Exception):
    """A page's session ending under its watch (Streamlit's StopException, at a reload)."""


def test_a_watcher_that_goes_away_leaves_the_job_running():
    job = InProcessBackend().submit(run_iris, LONG, queued=False)

    def gone(progress) -> None:
        if progress.batches_done > 0:
            raise WatcherGone

    with pytest.raises(WatcherGone):
        watch(job, gone, interval_s=0.01, leave_running_on=(WatcherGone,))
    time.sleep(0.5)  # A stop would have ended it after its current batch.
    assert not job.done() and job.progress().phase == "training"
    job.stop()
    assert job.result(timeout=60).stopped


def test_one_backend_per_process_with_the_configured_limit(monkeypatch):
    assert default_backend() is default_backend()
    for value, expected in (("3", 3), ("0", 2), ("-1", 2), ("many", 2), ("", 2)):
        monkeypatch.setenv("WORKSHOP_MAX_TRAININGS", value)
        assert max_trainings() == expected
    monkeypatch.delenv("WORKSHOP_MAX_TRAININGS")
    assert max_trainings() == 2


def _tiny_mnist_config():
    from core.mnist.config import MnistConfig

    return MnistConfig(train_size=200, filters=(4, 8), dense_units=16)
