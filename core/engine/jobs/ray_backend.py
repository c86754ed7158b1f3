"""Trainings on a Ray cluster, behind the same `TrainingJob` as trainings in this process.

How a training runs (the web server needs no TensorFlow for any of it):

    page --submit--> RayBackend --task (num_cpus=WORKSHOP_RAY_CPUS)--> worker process
      ^                  |  ^                                             |
      |  progress()      |  | one look per POLL_S for all its jobs        | report, should_stop
      +---- RayJob <-----+  +------------- JobBoard actor (0 CPUs) <------+

Ray's scheduler is the queue: a task waits until the cluster has the CPUs it asks for. Until its
worker says it has started, the job is "waiting" (if the cluster's trainings fill it; the board
tells the place in line) or "starting". Small jobs (`queued=False`: Iris, checking a model file)
ask for half a CPU, testing a stopped network for none; every task asks for a worker's memory,
so a node runs no more at once than its cores and memory hold. Stop: the flow ends after its
current batch and hands back its testing, so the task ends and frees its CPUs; a task that has
not ended STOP_GRACE_S after the click is cancelled (KeyboardInterrupt), and killed
FORCE_AFTER_S after it. A worker that dies (killed, out of memory) fails the job with one
sentence; the next job gets a new one.
"""

from __future__ import annotations

import contextlib
import dataclasses
import logging
import threading
import time
import uuid
from typing import Any

import ray
from ray import exceptions as ray_errors

from core.engine.jobs.base import CANCELLED, Flow, JobOutcome, TrainingFailed, one_sentence
from core.engine.jobs.ray_board import Look
from core.engine.jobs.ray_cluster import (
    NAMESPACE,
    TASK_MEMORY,
    connect,
    cpus_asked,
    cpus_per_training,
)
from core.engine.jobs.ray_worker import DONE, BoardActor, run_flow
from core.engine.progress import Progress

log = logging.getLogger(__name__)
BOARD_NAME = "workshop_job_board_v1"
POLL_S = 0.1  # How often the backend looks at its jobs' progress (one call for all).
STOP_GRACE_S = 1.2  # After a Stop, the task may finish its batch and hand back this long.
FORCE_AFTER_S = 1.8
LIMIT_REFRESH_S = 10.0
WORKER_LOST = (
    "The training ended because the cluster lost the worker running it (it may have run "
    "out of memory); press Train to try again."
)
SENDING = "Sending the training to the cluster ..."
BOARD_LOST = "The cluster lost track of this training; press Train to try again."


def _waiting_sentence(look: Look, limit: int, waited: float) -> str:
    return (
        f"The cluster is busy: {look.running} trainings are running on it, {limit} at a "
        f"time. You are number {look.place} in the queue; your training starts by itself "
        f"(waiting {waited:.0f} s)."
    )


class RayJob(JobOutcome):
    """One training on the cluster, seen from this process (see the module's docstring)."""

    def __init__(self, backend: RayBackend, entry: Flow, config: Any, queued: bool) -> None:
        super().__init__()
        self.id = uuid.uuid4().hex
        self.backend, self.queued = backend, queued
        self.submitted = time.perf_counter()
        self.version, self.pid, self.started = 0, 0, False
        self.finishing = False  # Running a stopped flow's last step (it needs no Stop).
        self.stop_asked: float | None = None
        self._flow_reported = False
        self._cancels = 0
        self._progress = Progress(phase="starting", message=SENDING)
        board = backend.board()
        ray.get(board.register.remote(self.id, self.queued))  # Before the worker can report.
        task = run_flow.options(num_cpus=cpus_asked(queued, backend.cpus), memory=TASK_MEMORY)
        self.marker, self.payload = task.remote(entry, config, board, self.id, True)

    def progress(self) -> Progress:
        return self._progress

    def stop(self) -> None:
        if self.stop_asked is not None or self.done() or self.finishing:
            return
        self.stop_asked = time.perf_counter()
        self.backend.board().ask_stop.remote(self.id)
        if not self.started:
            # Still in the queue: it leaves it at once. (Killed, if it started a moment ago:
            # interrupting a worker importing TensorFlow could break it for the next job.)
            ray.cancel(self.marker, force=True)

    # --- Called by the backend's monitor thread --------------------------------------------

    def seen(self, look: Look | None, limit: int) -> None:
        """Take in what the board says: the flow's own snapshot once there is one, else
        "waiting" (the cluster's trainings fill it) or "starting"."""
        if look is None:
            self._end(error=TrainingFailed(BOARD_LOST))
            return
        self.version, self.pid, self.started = look.version, look.pid, look.started
        if look.progress is not None:
            self._progress, self._flow_reported = look.progress, True
            return
        if self._flow_reported:
            return
        if look.started:
            new = Progress(phase="starting", message="Starting TensorFlow on the cluster ...")
        elif self.queued and limit and look.running >= limit:
            waited = time.perf_counter() - self.submitted
            new = Progress(
                phase="waiting",
                message=_waiting_sentence(look, limit, waited),
                queue_place=look.place,
                running=look.running,
                limit=limit,
                seconds_waiting=float(round(waited)),
            )
        else:
            return
        if new != self._progress:
            self._progress = new

    def escalate_stop(self) -> None:
        """A stopped task that has not ended is cancelled, then killed (see the docstring)."""
        if self.stop_asked is None or self.finishing or self.done():
            return
        if self._progress.phase == "evaluating":
            return  # Past training: it is handing back, or testing a finished network.
        waited = time.perf_counter() - self.stop_asked
        if self._cancels == 0 and waited >= STOP_GRACE_S:
            # Interrupting a worker that is still importing TensorFlow could leave it broken
            # for the next training: only a training is interrupted gently.
            ray.cancel(self.marker, force=self._progress.phase != "training")
            self._cancels = 1
        elif self._cancels == 1 and waited >= FORCE_AFTER_S:
            ray.cancel(self.marker, force=True)
            self._cancels = 2

    def task_ended(self) -> None:
        try:
            marker = ray.get(self.marker)
        except ray_errors.RayError as error:
            self._end(**self._failure(error))
            with contextlib.suppress(ray_errors.RayError):
                ray.get(self.payload)  # The same error: fetched, so Ray does not log it again.
            return
        if marker != DONE:  # A stopped flow's testing: a task of its own, asking no CPUs.
            self.finishing = True
            task = run_flow.options(num_cpus=0, memory=TASK_MEMORY)
            board = self.backend.board()
            self.marker, self.payload = task.remote(marker, self.payload, board, self.id, False)
            return
        result = ray.get(self.payload)
        phase = "stopped" if result is None or self.stop_asked is not None else "finished"
        if self._progress.phase not in ("finished", "stopped"):  # The last report is late.
            self._end(phase=phase, message="", result=result)
        else:
            self._end(result=result)

    def _failure(self, error: BaseException) -> dict[str, Any]:
        """How a task that raised ends the job: stopped if we cancelled it, else one sentence."""
        cancelled = (ray_errors.TaskCancelledError, ray_errors.WorkerCrashedError)
        if isinstance(error, cancelled) and self.stop_asked is not None and not self.finishing:
            if not self.started:
                return {"phase": "stopped", "message": "Left the queue before training began."}
            if self._progress.phase == "training":
                return {"phase": "stopped", "message": CANCELLED}
            return {"phase": "stopped", "message": "Stopped before training began."}
        if isinstance(error, ray_errors.RayTaskError) and not isinstance(error, cancelled):
            cause = error.cause if isinstance(error.cause, BaseException) else error
            return {"error": TrainingFailed(one_sentence(cause))}
        return {"error": TrainingFailed(WORKER_LOST)}

    def _end(
        self,
        phase: str | None = None,
        message: str = "",
        error: TrainingFailed | None = None,
        result: Any = None,
    ) -> None:
        if error is not None:
            phase, message = "failed", str(error)
        if phase is not None:
            self._progress = dataclasses.replace(self._progress, phase=phase, message=message)
        self.backend.board().forget.remote(self.id)
        self._settle(result, error)


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
        try:
            looks = ray.get(self.board().look.remote({j.id: j.version for j in jobs}), timeout=5)
        except ray_errors.GetTimeoutError:
            return  # A slow board: look again next time.
        except ray_errors.RayActorError:
            with self._lock:
                self._board = None  # Made again for the next job.
            looks = dict.fromkeys((j.id for j in jobs), None)
        limit = self.limit()
        for job in jobs:
            job.seen(looks.get(job.id), limit)
        live = [job for job in jobs if not job.done()]
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
