"""The Ray backend's job board as plain Python: places in the queue, which trainings go to Ray,
stops, forgotten jobs."""

from __future__ import annotations

from core.engine.jobs.ray_board import FORGET_AFTER_S, SMALL_FIRST_S, JobBoard
from core.engine.progress import Progress


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def board() -> tuple[JobBoard, Clock]:
    clock = Clock()
    return JobBoard(clock=clock), clock


def test_waiting_jobs_get_their_place_in_the_order_they_came():
    jobs, clock = board()
    for name in ("a", "b", "c", "iris"):
        jobs.register(name, queued=name != "iris")
        clock.now += 1
    jobs.started("a", pid=11, node="n")
    looks = jobs.look({"a": 0, "b": 0, "c": 0, "iris": 0})
    assert (looks["a"].started, looks["a"].pid, looks["a"].place) == (True, 11, 0)
    assert (looks["b"].place, looks["c"].place) == (1, 2)
    assert looks["iris"].place == 0  # Asks for no CPUs: never in the queue.
    assert looks["b"].running == 1
    jobs.started("b", pid=12, node="n")
    assert jobs.look({"c": 0})["c"].place == 1
    assert jobs.look({"c": 0})["c"].running == 2


def test_a_snapshot_comes_once_per_version_and_ended_jobs_stop_counting_as_running():
    jobs, _ = board()
    jobs.register("a", queued=True)
    jobs.started("a", pid=1, node="n")
    jobs.report("a", Progress(phase="training", batches_done=3))
    first = jobs.look({"a": 0})["a"]
    assert first.progress.batches_done == 3 and first.running == 1
    again = jobs.look({"a": first.version})["a"]
    assert again.progress is None and again.version == first.version
    jobs.report("a", Progress(phase="finished"))
    assert jobs.look({"a": first.version})["a"].running == 0


def test_stop_is_asked_by_the_worker_and_an_unknown_job_stops():
    jobs, _ = board()
    jobs.register("a", queued=True)
    assert not jobs.should_stop("a")
    jobs.ask_stop("a")
    assert jobs.should_stop("a")
    assert jobs.should_stop("never-registered")  # Nobody watches it any more.


def test_jobs_nobody_looks_at_are_forgotten_and_no_longer_hold_a_place():
    jobs, clock = board()
    jobs.register("left", queued=True)  # Its web server went away.
    clock.now += 1
    jobs.register("mine", queued=True)
    for _ in range(3):
        clock.now += FORGET_AFTER_S / 2
        looks = jobs.look({"mine": 0})  # Only "mine" is still looked at.
    assert "left" not in jobs.jobs and looks["mine"].place == 1
    assert jobs.look({"left": 0})["left"] is None
    jobs.forget("mine")
    assert jobs.jobs == {}


def test_trainings_are_admitted_in_order_no_more_than_the_cluster_trains():
    jobs, clock = board()
    for name in ("a", "b", "c"):
        jobs.register(name, queued=True)
        clock.now += 1
    looks = jobs.look({"a": 0, "b": 0, "c": 0}, capacity=2)
    assert [looks[j].admitted for j in "abc"] == [True, True, False]
    assert looks["c"].place == 3  # Admitted but not started: still in the line.
    jobs.started("a", pid=1, node="n")
    assert not jobs.look({"c": 0}, capacity=2)["c"].admitted  # "a" still trains.
    jobs.report("a", Progress(phase="finished"))
    assert jobs.look({"c": 0}, capacity=2)["c"].admitted  # Its place is free.


def test_a_small_job_waiting_holds_the_trainings_back_until_it_starts():
    jobs, _ = board()
    jobs.register("mnist", queued=True)
    jobs.register("iris", queued=False)
    looks = jobs.look({"mnist": 0, "iris": 0}, capacity=2)
    assert looks["iris"].admitted and not looks["mnist"].admitted
    jobs.started("iris", pid=2, node="n")
    assert jobs.look({"mnist": 0}, capacity=2)["mnist"].admitted


def test_a_small_job_that_never_starts_holds_nothing_back_for_long():
    jobs, clock = board()
    jobs.register("iris", queued=False)  # No node has the memory for it, say.
    jobs.register("mnist", queued=True)
    assert not jobs.look({"mnist": 0}, capacity=1)["mnist"].admitted
    while clock.now < 100 + SMALL_FIRST_S:  # Both still looked at by their web servers.
        clock.now += FORGET_AFTER_S / 2
        looks = jobs.look({"mnist": 0, "iris": 0}, capacity=1)
    assert looks["mnist"].admitted


def test_without_a_capacity_every_training_is_admitted():
    jobs, _ = board()
    jobs.register("iris", queued=False)
    for name in ("a", "b"):
        jobs.register(name, queued=True)
    looks = jobs.look({"a": 0, "b": 0})
    assert looks["a"].admitted and looks["b"].admitted
