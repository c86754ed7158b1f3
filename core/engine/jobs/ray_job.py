"""One training on a Ray cluster, seen from the web server that sent it: what the page's
`TrainingJob` asks of it (progress, stop, the result), from what the job board says.

core/engine/jobs/ray_backend.py's docstring draws the whole path; RayBackend's monitor thread
calls `seen`, `escalate_stop` and `task_ended` for every job of its process.
"""

from __future__ import annotations

import contextlib
import dataclasses
import threading
import time
import uuid
from typing import Any, Protocol

import ray
from ray import exceptions as ray_errors

from core.engine.jobs.base import CANCELLED, Flow, JobOutcome, TrainingFailed, one_sentence
from core.engine.jobs.ray_board import Look
from core.engine.jobs.ray_cluster import TASK_MEMORY, cpus_asked
from core.engine.jobs.ray_worker import DONE, run_flow
from core.engine.progress import Progress

STOP_GRACE_S = 1.2  # After a Stop, the task may finish its batch and hand back this long.
FORCE_AFTER_S = 1.8
WORKER_LOST = (
    "The training ended because the cluster lost the worker running it (it may have run "
    "out of memory); press Train to try again."
)
SENDING = "Sending the training to the cluster ..."
BOARD_LOST = "The cluster lost track of this training; press Train to try again."
LEFT_QUEUE = "Left the queue before training began."


class Backend(Protocol):
    """What a job needs of the RayBackend that sent it."""

    cpus: float

    def board(self) -> Any: ...


def _waiting_sentence(look: Look, limit: int, waited: float) -> str:
    busy = (
        f"The cluster is busy: {look.running} trainings are running on it, {limit} at a time."
        if look.running >= limit
        else f"The cluster runs short trainings (Iris) first; {look.running} of its {limit} "
        "training places are taken."
    )
    return (
        f"{busy} You are number {look.place} in the queue; your training starts by itself "
        f"(waiting {waited:.0f} s)."
    )


class RayJob(JobOutcome):
    """One training on the cluster, seen from this process (core/engine/jobs/ray_backend.py's
    docstring draws its path)."""

    def __init__(self, backend: Backend, entry: Flow, config: Any, queued: bool) -> None:
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
        self._flow: tuple[Flow, Any] | None = (entry, config)  # Until it is sent.
        self._sending = threading.Lock()  # Sent by the monitor; left by a Stop.
        self.marker: Any = None
        self.payload: Any = None
        board = backend.board()
        ray.get(board.register.remote(self.id, self.queued))  # Before the worker can report.
        if not queued:
            self._send()

    def _send(self) -> None:
        """Give the flow to Ray (once; a training when the board admits it)."""
        assert self._flow is not None
        entry, config = self._flow
        self._flow = None
        task = run_flow.options(
            num_cpus=cpus_asked(self.queued, self.backend.cpus), memory=TASK_MEMORY
        )
        board = self.backend.board()
        self.marker, self.payload = task.remote(entry, config, board, self.id, True)

    def progress(self) -> Progress:
        return self._progress

    def stop(self) -> None:
        if self.stop_asked is not None or self.done() or self.finishing:
            return
        with self._sending:
            self.stop_asked = time.perf_counter()
            held = self.marker is None
        if held:  # The board had not admitted it: nothing was sent to Ray.
            self._end(phase="stopped", message=LEFT_QUEUE)
            return
        self.backend.board().ask_stop.remote(self.id)
        if not self.started:
            # Still in the queue: it leaves it at once. (Killed, if it started a moment ago:
            # interrupting a worker importing TensorFlow could break it for the next job.)
            ray.cancel(self.marker, force=True)

    # --- Called by the backend's monitor thread --------------------------------------------

    def seen(self, look: Look | None, limit: int) -> None:
        """Take in what the board says: send a training it admitted; the flow's own snapshot
        once there is one, else "waiting" (held back, or the cluster's trainings fill it) or
        "starting"."""
        if look is None:
            self._end(error=TrainingFailed(BOARD_LOST))
            return
        if look.admitted and self.marker is None:
            with self._sending:
                if self.stop_asked is None and not self.done():
                    try:
                        self._send()
                    except ray_errors.RayError as error:
                        self._end(error=TrainingFailed(one_sentence(error)))
                        return
        self.version, self.pid, self.started = look.version, look.pid, look.started
        if look.progress is not None:
            self._progress, self._flow_reported = look.progress, True
            return
        if self._flow_reported:
            return
        if look.started:
            new = Progress(phase="starting", message="Starting TensorFlow on the cluster ...")
        elif self.queued and limit and (not look.admitted or look.running >= limit):
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
            new = Progress(phase="starting", message=SENDING)  # Admitted, or Iris: on its way.
        if new != self._progress:
            self._progress = new

    def escalate_stop(self) -> None:
        """A stopped task that has not ended is cancelled, then killed (see the docstring)."""
        if self.stop_asked is None or self.finishing or self.done() or self.marker is None:
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
                return {"phase": "stopped", "message": LEFT_QUEUE}
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
