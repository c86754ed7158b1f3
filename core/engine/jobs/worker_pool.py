"""Trainings in worker processes that are replaced before they grow: the server's memory stays flat.

Every training leaves memory behind in the process that ran it (TensorFlow's, beyond
`clear_session()`): a server that trains in its own process grows for good with each one.
`WorkerPoolBackend` runs each flow in a worker process (core.engine.jobs.worker_process),
and retires a worker after RECYCLE_AFTER trainings or once it holds GROWTH_MB more than
after its first, so each stays within a few trainings' worth of where it began. One warm
worker (TensorFlow imported, MNIST read) is always kept ready, so no student waits for that.
A worker killed mid-training (out of memory, SIGKILL) fails that job with one sentence; the
next job gets a new worker, and no other session notices.

The queue is the in-process backend's (core.engine.jobs.in_process): a job's thread waits for
a slot when it is queued, then hands its flow to a worker and relays the worker's snapshots.
Results come back ready for another process (NumPy and `.keras` bytes), as from Ray: the
server needs no TensorFlow for them.
"""

from __future__ import annotations

import contextlib
import logging
import subprocess
import threading
import time
from functools import partial
from typing import Any

from core.engine.jobs.base import Flow, TrainingFailed
from core.engine.jobs.in_process import InProcessJob, max_trainings
from core.engine.jobs.slots import TrainingSlots
from core.engine.jobs.worker_handle import WarmUp, Worker
from core.engine.progress import Progress, Report, ShouldStop
from core.engine.training.variant_decisions import CHOICES

log = logging.getLogger(__name__)

RECYCLE_AFTER = 8  # Trainings before a worker is replaced, whatever it holds.
# A worker holding this much more than after its first training is replaced (the first one
# settles TensorFlow's caches, which every later training reuses).
GROWTH_MB = 40.0
IDLE_RETIRE_S = 60.0  # A spare beyond the one warm worker leaves after this long unused.


class WorkerPool:
    """The server's workers: one warm and idle at all times, at most `size` in all."""

    def __init__(
        self, size: int, recycle_after: int = RECYCLE_AFTER, warm_ups: tuple[WarmUp, ...] = ()
    ) -> None:
        self.size, self.recycle_after, self.warm_ups = size, recycle_after, warm_ups
        self.lock = threading.Condition()
        self.idle: list[Worker] = []
        self.starting: list[Worker] = []
        self.busy: list[Worker] = []
        self.retired = 0
        self.leaving: list[Worker] = []  # Retired, perhaps not yet ended.
        self.decisions: dict[tuple, Any] = {}  # The training variants the workers decided.
        self.broken = ""  # Why the last worker could not start, until a job has heard it.
        self.waiting = 0  # Jobs waiting for a worker now.
        self._keep_one_warm()
        threading.Thread(target=self._tidy, name="worker-pool-tidy", daemon=True).start()

    def _tidy(self) -> None:
        """Now and then, let spares that nobody used for a while go."""
        while True:
            time.sleep(IDLE_RETIRE_S / 4)
            with self.lock:
                self._retire_spares()

    def learn(self, decisions: dict) -> None:
        """Keep the variants a worker decided: for the next workers, and the page's caption."""
        for key, decision in decisions.items():
            if key not in self.decisions:
                self.decisions[key] = decision
                CHOICES.record(key, decision)

    def changed(self) -> None:
        """A worker finished starting: file it, and wake whoever waits for one."""
        with self.lock:
            for worker in [w for w in self.starting if w.ready.is_set()]:
                self.starting.remove(worker)
                if not worker.broken:
                    worker.idle_since = time.monotonic()
                    self.idle.append(worker)
                else:
                    log.error("a training worker could not start: %s", worker.broken)
                    self.broken = worker.broken
            self.lock.notify_all()

    def _keep_one_warm(self) -> None:
        """With the lock held or at start: one worker idle or on its way, if there is room."""
        total = len(self.idle) + len(self.starting) + len(self.busy)
        if not self.idle and not self.starting and total < self.size:
            self.starting.append(Worker(self))

    def take(self, report: Report, should_stop: ShouldStop) -> Worker | None:
        """An idle worker (None if Stop came first); a new one is started to stay warm.

        While it waits, the student is told why: a worker starting, or every worker busy with
        other students' trainings (and how many others wait with it)."""
        shown = ""
        with self.lock:
            self.waiting += 1
            try:
                while not self.idle:
                    self._keep_one_warm()
                    if (message := self._wait_message()) != shown:
                        report(Progress(phase="starting", message=message))
                        shown = message
                    self.lock.wait(0.1)
                    if should_stop():
                        return None
                    if self.broken and not self.starting and not self.idle:
                        why, self.broken = self.broken, ""
                        raise TrainingFailed(f"The training could not start: {why}")
            finally:
                self.waiting -= 1
            worker = self.idle.pop()
            self.busy.append(worker)
            self._keep_one_warm()
            return worker

    def _wait_message(self) -> str:
        """With the lock held: why a job waits for a worker, in a sentence for the page."""
        if self.starting or len(self.busy) < self.size:
            return "Starting TensorFlow ..."
        others = self.waiting - 1
        queue = f", and {others} more waiting" if others else ""
        workers = f"All {self.size} training workers" if self.size > 1 else "The training worker"
        verb = "are" if self.size > 1 else "is"
        return (
            f"{workers} of this server {verb} busy with other students' trainings{queue}: "
            "yours starts as soon as one is free ..."
        )

    def give_back(self, worker: Worker) -> None:
        """A worker back from a job: idle again, or replaced if it has grown or died."""
        with self.lock:
            if worker not in self.busy:  # The pool was closed while the job ran: let it go.
                worker.retire()
                return
            self.busy.remove(worker)
            worn = worker.trainings >= self.recycle_after or worker.grown_mb() > GROWTH_MB
            if worker.retiring or worn:
                worker.retire()
                self.retired += 1
                self.leaving.append(worker)
            else:
                worker.idle_since = time.monotonic()
                self.idle.append(worker)
            self._retire_spares()
            self._keep_one_warm()
            self.lock.notify_all()

    def _retire_spares(self) -> None:
        now = time.monotonic()
        while len(self.idle) > 1 and now - self.idle[0].idle_since > IDLE_RETIRE_S:
            worker = self.idle.pop(0)
            worker.retire()
            self.leaving.append(worker)

    def run(self, entry: Flow, config: Any, report: Report, should_stop: ShouldStop) -> Any:
        """`entry(config, report, should_stop)` in a worker: what the job's thread calls."""
        worker = self.take(report, should_stop)
        if worker is None:
            return None
        try:
            return worker.run(entry, config, report, should_stop)
        finally:  # The result goes to the student now; the worker is tidied up beside.
            threading.Thread(
                target=self._after_job, args=(worker,), name="worker-wind-down", daemon=True
            ).start()

    def _after_job(self, worker: Worker) -> None:
        worker.wind_down()
        self.give_back(worker)

    def settle(self, timeout_s: float = 60.0) -> None:
        """Bring the pool to rest, as it is a while after a burst of trainings: workers back
        from their jobs and started, spares gone, retired workers ended. The soak benchmark
        reads memory then."""
        deadline = time.monotonic() + timeout_s
        with self.lock:
            while (self.starting or self.busy) and time.monotonic() < deadline:
                self.lock.wait(0.1)
            for worker in self.idle[:-1]:
                worker.retire()
                self.leaving.append(worker)
            del self.idle[:-1]
            leaving, self.leaving = self.leaving, []
        for worker in leaving:
            with contextlib.suppress(subprocess.TimeoutExpired):
                worker.process.wait(timeout=max(0.0, deadline - time.monotonic()))

    def pids(self) -> list[int]:
        """Every live worker's process id, for the soak benchmark's memory readings."""
        with self.lock:
            workers = self.idle + self.starting + self.busy
        return [w.process.pid for w in workers if w.process.poll() is None]

    def close(self) -> None:
        with self.lock:
            for worker in self.idle + self.starting + self.busy:
                worker.retire()
            self.idle, self.starting, self.busy = [], [], []


class WorkerPoolBackend:
    """Jobs behind the server's queue, each run in a worker process (see the docstring)."""

    in_process = False  # Results come back as plain data, as from Ray.
    where = "this server"

    def __init__(
        self,
        slots: TrainingSlots | None = None,
        size: int | None = None,
        recycle_after: int = RECYCLE_AFTER,
        warm_ups: tuple[WarmUp, ...] = (),
    ) -> None:
        """`warm_ups`: functions each worker calls before it says it is ready (the engine
        knows no lesson: the caller names what its trainings need first)."""
        self.slots = slots or TrainingSlots(max_trainings())
        # Every queued training at once, one small job (Iris, a model check) beside them, and
        # the warm one that replaces a worker as it retires.
        self.pool = WorkerPool(size or self.slots.limit + 2, recycle_after, warm_ups)

    def submit(self, entry: Flow, config: Any, *, queued: bool) -> InProcessJob:
        first = Progress(phase="starting", message="Starting the training ...")
        remote = partial(self.pool.run, entry)
        return InProcessJob(remote, config, self.slots if queued else None, first)
