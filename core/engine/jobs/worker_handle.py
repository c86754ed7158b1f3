"""The server's handle on one training worker: its process, its socket, what it has done.

The worker pool (core.engine.jobs.worker_pool) decides when to start and retire workers;
this starts one, waits for it to say it is ready, runs one flow at a time on it (relaying
the worker's snapshots and the student's Stop) and says in one sentence how it ended if it
died. The child's side is core.engine.jobs.worker_process.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from multiprocessing.connection import Connection
from pathlib import Path
from typing import Any, Protocol

from core.engine.jobs.base import Flow, TrainingFailed
from core.engine.progress import Report, ShouldStop

READY_TIMEOUT_S = 120.0  # Importing TensorFlow on a busy two-core server.
STATS_TIMEOUT_S = 60.0  # Collecting a training's garbage, on a busy server.
ROOT = Path(__file__).resolve().parents[3]  # The folder that holds `core`.
WarmUp = Callable[[], object]  # A module-level function a worker calls before it is ready.
WORKER_DIED = (
    "The training stopped because its worker process ended ({why}); press Train to try again."
)


class PoolSide(Protocol):
    """What a worker asks of its pool."""

    warm_ups: tuple[WarmUp, ...]
    decisions: dict[tuple, Any]

    def changed(self) -> None: ...

    def learn(self, decisions: dict) -> None: ...


class Worker:
    """One child process and the server's end of its socket."""

    def __init__(self, pool: PoolSide) -> None:
        self.pool = pool
        parent, child = socket.socketpair()
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "core.engine.jobs.worker_process",
                str(child.fileno()),
                str(os.getpid()),  # The worker ends when this process does, even mid-warm-up.
            ],
            pass_fds=(child.fileno(),),
            cwd=ROOT,  # `python -m` finds `core` here, as it imports from the working folder.
            stdin=subprocess.DEVNULL,
        )
        child.close()
        self.connection = Connection(parent.detach())
        self.connection.send(("warm_up", pool.warm_ups))  # Pickled: by reference.
        self.ready = threading.Event()
        self.broken = ""
        self.settled_mb = 0.0  # After its first training.
        self.rss_mb = 0.0
        self.trainings = 0
        self.idle_since = time.monotonic()
        self.retiring = False
        self.entry: Flow | None = None  # The flow it runs now or ran last.
        threading.Thread(target=self._wait_ready, name="worker-start", daemon=True).start()

    def _wait_ready(self) -> None:
        try:
            if not self.connection.poll(READY_TIMEOUT_S):
                raise EOFError("it did not start in time")
            message = self.connection.recv()
        except (EOFError, OSError) as error:
            message = ("broken", str(error) or "it ended while starting")
        if message[0] != "ready":
            self.broken = message[1]
            self.retire()
        self.ready.set()
        self.pool.changed()

    def run(self, entry: Flow, config: Any, report: Report, should_stop: ShouldStop) -> Any:
        """Run one flow here, relaying snapshots and Stop; its result, or TrainingFailed."""
        self.entry = entry
        self.connection.send(("run", entry, config, self.pool.decisions))
        stop_sent = False
        while True:
            try:
                if not self.connection.poll(0.05):
                    if should_stop() and not stop_sent:
                        self.connection.send(("stop",))
                        stop_sent = True
                    if self.process.poll() is not None:
                        raise EOFError
                    continue
                message = self.connection.recv()
            except (EOFError, OSError):
                self.retire()
                raise TrainingFailed(WORKER_DIED.format(why=self._death())) from None
            if message[0] == "progress":
                report(message[1])
                continue
            self.trainings += 1
            if message[0] == "failed":
                raise TrainingFailed(message[1])
            return message[1]

    def wind_down(self) -> None:
        """After a job: read what the worker says once it has collected its garbage (its size,
        the variants it timed). The student has the result by then; this runs beside them."""
        try:
            if self.retiring or not self.connection.poll(STATS_TIMEOUT_S):
                raise EOFError
            _, stats = self.connection.recv()
        except (EOFError, OSError, ValueError):
            self.retire()
            return
        self.rss_mb = stats["rss_mb"]
        self.pool.learn(stats["decisions"])
        if self.trainings == 1:
            self.settled_mb = self.rss_mb

    def _death(self) -> str:
        try:
            code = self.process.wait(timeout=2)
        except subprocess.TimeoutExpired:
            return "it stopped answering"
        if code == -9:
            return "it was killed, perhaps because the server ran out of memory"
        return f"exit code {code}"

    def grown_mb(self) -> float:
        """How much more it holds than after its first training."""
        return self.rss_mb - self.settled_mb if self.trainings else 0.0

    def retire(self) -> None:
        """Ask the worker to leave, and make sure it does (in the background)."""
        if self.retiring:
            return
        self.retiring = True

        def leave() -> None:
            with contextlib.suppress(OSError):
                self.connection.send(("quit",))
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
            self.connection.close()

        threading.Thread(target=leave, name="worker-retire", daemon=True).start()
