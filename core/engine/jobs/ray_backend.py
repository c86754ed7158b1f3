"""Trainings on a Ray cluster, behind the same `TrainingJob` as trainings in this process.

How a training runs (the web server needs no TensorFlow for any of it):

    page --submit--> RayBackend --task (num_cpus=WORKSHOP_RAY_CPUS)--> worker process
      ^                  |  ^                                             |
      |  progress()      |  | one look per POLL_S for all its jobs        | report, should_stop
      +---- RayJob <-----+  +------------- JobBoard actor (0 CPUs) <------+

The board is the trainings' queue: a training (`queued=True`) is sent to Ray once the board
admits it, in the order they came and after the small jobs waiting (core/engine/jobs/ray_board.py
says why); Ray then starts a task when the cluster has the CPUs it asks for. Until its worker
says it has started, the job is "waiting" (held by the board, or the cluster's trainings fill
it; the board tells the place in line) or "starting". Small jobs (`queued=False`: Iris,
checking a model file) are sent at once and ask for half a CPU, testing a stopped network for
none; every task asks for a worker's memory, so a node runs no more at once than its cores and
memory hold. Stop: the flow ends after its current batch and hands back its testing, so the
task ends and frees its CPUs; a task that has not ended STOP_GRACE_S after the click is
cancelled (KeyboardInterrupt), and killed FORCE_AFTER_S after it (core/engine/jobs/ray_job.py).
A worker that dies (killed, out of memory) fails the job with one sentence; the next job gets a
new one.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any

import ray
from ray import exceptions as ray_errors

from core.engine.jobs.base import Flow, TrainingFailed, one_sentence
from core.engine.jobs.ray_cluster import NAMESPACE, connect, cpus_per_training
from core.engine.jobs.ray_job import BOARD_LOST, RayJob
from core.engine.jobs.ray_worker import BoardActor

log = logging.getLogger(__name__)
BOARD_NAME = "workshop_job_board_v2"  # v2: the board admits trainings (`look`'s capacity).
POLL_S = 0.1  # How often the backend looks at its jobs' progress (one call for all).
LIMIT_REFRESH_S = 10.0


class RayBackend:
    """Runs jobs as Ray tasks; one monitor thread looks at all of this process's jobs."""

    in_process = False

    def __init__(self, address: str) -> None:
        self.address = address
        self.where = f"the Ray cluster at {address}"
        self.cpus = cpus_per_training()
        self._lock = threading.Lock()
        self._jobs: dict[str, RayJob] = {}
        self._board: Any = None
        self._limit, self._limit_at = 0, float("-inf")
        self._wake = threading.Event()
        threading.Thread(target=self._monitor, name="ray-jobs", daemon=True).start()

    def board(self) -> Any:
        with self._lock:
            if self._board is None:
                actor = ray.remote(BoardActor).options(
                    name=BOARD_NAME,
                    namespace=NAMESPACE,
                    lifetime="detached",  # Shared by every web server of the cluster.
                    get_if_exists=True,
                    num_cpus=0,
                )
                self._board = actor.remote()
            return self._board

    def submit(self, entry: Flow, config: Any, *, queued: bool) -> RayJob:
        """Start `entry` on the cluster, asking for the CPUs of `cpus_asked`.

        Raises TrainingFailed (one sentence) if the cluster cannot take it.
        """
        try:
            job = RayJob(self, entry, config, queued)
        except ray_errors.RayActorError:  # The board is gone: make it again, once.
            with self._lock:
                self._board = None
            try:
                job = RayJob(self, entry, config, queued)
            except ray_errors.RayError as error:
                raise TrainingFailed(BOARD_LOST) from error
        except ray_errors.RayError as error:
            raise TrainingFailed(one_sentence(error)) from error
        with self._lock:
            self._jobs[job.id] = job
        self._wake.set()
        return job

    def limit(self) -> int:
        """How many queued trainings the cluster runs at once (refreshed every few seconds)."""
        now = time.perf_counter()
        if now - self._limit_at > LIMIT_REFRESH_S:
            self._limit = int(ray.cluster_resources().get("CPU", 0) // self.cpus)
            self._limit_at = now
        return self._limit

    def _monitor(self) -> None:
        while True:
            with self._lock:
                jobs = list(self._jobs.values())
            if not jobs:
                self._wake.wait(1.0)
                self._wake.clear()
                continue
            try:
                self._look_at(jobs)
            except Exception:  # The monitor must outlive any one bad look.
                log.exception("looking at the cluster's training jobs failed")
            with self._lock:
                for job in jobs:
                    if job.done():
                        self._jobs.pop(job.id, None)
            time.sleep(POLL_S)

    def _look_at(self, jobs: list[RayJob]) -> None:
        limit = self.limit()
        versions = {j.id: j.version for j in jobs}
        try:
            looks = ray.get(self.board().look.remote(versions, limit), timeout=5)
        except ray_errors.GetTimeoutError:
            return  # A slow board: look again next time.
        except ray_errors.RayActorError:
            with self._lock:
                self._board = None  # Made again for the next job.
            looks = dict.fromkeys((j.id for j in jobs), None)
        for job in jobs:
            job.seen(looks.get(job.id), limit)
        live = [job for job in jobs if not job.done() and job.marker is not None]
        if live:
            markers = [job.marker for job in live]
            ready, _ = ray.wait(markers, num_returns=len(markers), timeout=0, fetch_local=False)
            for job in live:
                if job.marker in ready:
                    job.task_ended()
                else:
                    job.escalate_stop()


def connect_backend(address: str) -> RayBackend:
    """This process's backend for the cluster at `address` (TrainingFailed if unreachable)."""
    connect(address)
    return RayBackend(address)
