"""A training flow as a Ray task: what runs in a worker process of the cluster.

The task gets the flow itself (Ray sends a module-level function by reference), reports
each snapshot to the job board without waiting, and hands the flow a `should_stop` that asks
the board at most every STOP_POLL_S and never blocks a batch. Once stopped, that
`should_stop` also takes over the flow's last step (`hand_over`, called by
core.engine.jobs.base.last_step): the task returns the untested network, and frees its
CPUs, right after the batch that saw the stop; the backend tests it in a second task that
asks for no CPU. Worker processes are reused from task to task, so a worker imports
TensorFlow and reads MNIST once (core.mnist.data caches it per process).

Ray starts its workers at nice 15 (its `worker_niceness`), below TensorFlow's own threads
(WORKSHOP_TF_NICE, 10: core.engine.runtime.tf_threads), so on a busy host the thread that feeds the
batches and sees Stop would wait behind everything else: a task moves its thread to
WORKSHOP_TF_NICE and SCHED_IDLE, as TensorFlow's (core.engine.runtime.priority), and the job board
runs at 0, since every job's progress and Stop pass through it. Both need the right to
raise a priority (root, CAP_SYS_NICE); without it they stay as Ray made them.

A task returns two objects: a small marker (DONE, or the step still to run) and the
payload (the result, without this process's Keras objects, or the step's state). The web
server reads only the marker before passing the payload on, so a stopped run's state goes
from worker to worker without passing through it.
"""

from __future__ import annotations

import gc
import os
import socket
import threading
import time
from dataclasses import dataclass
from typing import Any

import ray

from core.engine.jobs.base import Flow, for_another_process
from core.engine.jobs.ray_board import JobBoard
from core.engine.jobs.worker_pool import RECYCLE_AFTER
from core.engine.runtime.memory import keep_for_life
from core.engine.runtime.priority import at_nice, lower_calling_thread

STOP_POLL_S = 0.2  # How often a training asks whether Stop was pressed (never waiting).
DONE = "done"


class BoardActor(JobBoard):
    """The job board as the cluster runs it: answering at normal priority."""

    def __init__(self) -> None:
        super().__init__()
        at_nice(0)


@dataclass(frozen=True)
class HandedOver:
    """A stopped flow's last step, to run as a task of its own: `step(state, ...)`."""

    step: Flow
    state: Any


class StopFlag:
    """`should_stop` for a flow in a worker: the board's answer, fetched in the background."""

    def __init__(self, board: Any, job_id: str) -> None:
        self._board, self._job_id = board, job_id
        self._pending: Any = None
        self._asked_at = float("-inf")
        self._stopped = False

    def __call__(self) -> bool:
        if self._stopped:
            return True
        if self._pending is not None:
            ready, _ = ray.wait([self._pending], timeout=0)
            if ready:
                self._stopped = bool(ray.get(self._pending))
                self._pending = None
        now = time.monotonic()
        if self._pending is None and not self._stopped and now - self._asked_at >= STOP_POLL_S:
            self._pending = self._board.should_stop.remote(self._job_id)
            self._asked_at = now
        return self._stopped

    def hand_over(self, step: Flow, state: Any) -> HandedOver:
        """A stopped flow's last step back to the backend, so this task frees its CPUs now."""
        return HandedOver(step, state)


def _collect_in_background() -> None:
    """Collect the training's garbage now, in a thread of its own, not in the next training.

    A stopped training leaves its tf.data iterator to the garbage collector, and destroying
    it waits for the iterator's autotuning thread to wake up by itself: seconds, during the
    next training in this worker, which then neither trained nor saw its Stop
    (docs/performance.md, "Training on a Ray cluster"). Collected here, only this
    short-lived thread waits.
    """
    threading.Thread(target=_collect, name="collect-after-training", daemon=True).start()


_FROZEN: list[bool] = []  # Once the first training's imports are in: kept for life.


def _collect() -> None:
    """After the worker's first training, what it imported is kept out of later collections
    (core.engine.runtime.memory.keep_for_life); after the others, their garbage is collected."""
    if _FROZEN:
        gc.collect()
        return
    _FROZEN.append(True)
    keep_for_life()


def _flow_task() -> Any:
    """The remote function below, made so that Ray keeps its `max_calls`.

    Every training leaves memory behind in its process, and Ray reuses its workers: each is
    to end after RECYCLE_AFTER tasks, as the server's own workers are replaced
    (core.engine.jobs.worker_pool). But Ray ignores `max_calls` for a function its workers
    can import from their own code (this app's `code_search_path`; see
    ray/_private/function_manager.py, `_load_function_from_local`). A function defined in
    here cannot be imported by name, so Ray ships it, with its `max_calls`.
    """

    @ray.remote(num_returns=2, max_retries=0, max_calls=RECYCLE_AFTER)
    def run_flow(entry: Flow, config: Any, board: Any, job_id: str, first: bool) -> tuple[Any, Any]:
        """Run `entry(config, report, should_stop)` here; (marker, payload) as described in
        the module's docstring. `first` is False for a stopped flow's last step: the job has
        long since started."""
        lower_calling_thread()
        if first:
            board.started.remote(job_id, os.getpid(), socket.gethostname())

        def report(progress: Any) -> None:
            board.report.remote(job_id, progress)

        try:
            result = entry(config, report, StopFlag(board, job_id))
        finally:
            _collect_in_background()
        if isinstance(result, HandedOver):
            return result.step, for_another_process(result.state)
        return DONE, for_another_process(result)

    return run_flow


run_flow = _flow_task()
