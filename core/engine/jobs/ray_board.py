"""The board where trainings on a Ray cluster leave their progress and find their stop requests.

One small actor (no CPU of its own) per cluster, shared by every web server that sends
trainings there. A worker reports each `Progress` snapshot to it without waiting for an
answer, and asks it now and then whether the student pressed Stop; a web server looks at
all its jobs in one call several times a second. Because every web server registers its
jobs here, the board can also tell a waiting student their place in the cluster's queue.

The board is also that queue's door. Ray runs the tasks it is given with no priority between
them, and a class's MNIST tasks, all sent at once, stood in Ray's queue beside the Iris
trainings of the students who came later (docs/deploying.md, "Iris before the MNIST queue",
has the class before and after). So a training that
may wait (`queued`) is sent to Ray only once the board admits it: in the order they came, no
more at once than the cluster trains (the `capacity` a web server passes), and none while a
small job (Iris, checking a model file) is waiting for its CPUs. Ray then holds only the
trainings that run and the small jobs, and a CPU a training frees goes to a small one first.

This module holds a plain class: core.engine.jobs.ray_backend makes the actor from it, so it
imports no Ray and can be tested on its own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from core.engine.progress import ENDED

FORGET_AFTER_S = 15.0  # A job nobody has looked at for this long belongs to a server that left.
# A small job that has not started after this long waits for something other than the queue's
# CPUs (a node's memory): it no longer holds the trainings back.
SMALL_FIRST_S = 60.0


@dataclass
class Entry:
    """One job as the board knows it."""

    queued: bool  # It asked for CPUs, so it may wait in the cluster's queue.
    registered: float
    touched: float
    admitted: bool = False  # Its web server may send it to Ray (small jobs: at once).
    started: bool = False
    pid: int = 0
    node: str = ""
    progress: Any = None
    version: int = 0
    stop: bool = False

    @property
    def ended(self) -> bool:
        return self.progress is not None and self.progress.phase in ENDED

    @property
    def running(self) -> bool:
        return self.started and not self.ended


@dataclass(frozen=True)
class Look:
    """What a web server learns about one job: the latest snapshot if it is new to it (else
    None), which worker process runs it, while it waits its place and the queue, and whether
    it may be sent to Ray."""

    version: int
    progress: Any
    started: bool
    pid: int
    node: str
    place: int
    running: int
    admitted: bool = True


@dataclass
class JobBoard:
    """The cluster's table of training jobs (see the module's docstring)."""

    jobs: dict[str, Entry] = field(default_factory=dict)
    clock: Any = time.monotonic

    def register(self, job_id: str, queued: bool) -> None:
        now = self.clock()
        self.jobs[job_id] = Entry(queued=queued, registered=now, touched=now, admitted=not queued)

    def started(self, job_id: str, pid: int, node: str) -> None:
        entry = self.jobs.get(job_id)
        if entry is not None:
            entry.started, entry.pid, entry.node = True, pid, node
            entry.version += 1
            entry.touched = self.clock()

    def report(self, job_id: str, progress: Any) -> None:
        entry = self.jobs.get(job_id)
        if entry is not None:
            entry.progress = progress
            entry.version += 1
            entry.touched = self.clock()

    def ask_stop(self, job_id: str) -> None:
        entry = self.jobs.get(job_id)
        if entry is not None:
            entry.stop = True

    def should_stop(self, job_id: str) -> bool:
        """Asked by the worker; a job the board no longer knows has nobody watching: stop."""
        entry = self.jobs.get(job_id)
        return entry is None or entry.stop

    def forget(self, job_id: str) -> None:
        self.jobs.pop(job_id, None)

    def look(self, versions: dict[str, int], capacity: int = 0) -> dict[str, Look | None]:
        """For each job asked about (with the version the caller has): what is new; None for
        a job the board does not know (its entry was lost). `capacity`: how many trainings
        the cluster runs at once (0: unknown, every training is admitted)."""
        now = self.clock()
        for job_id in [j for j, e in self.jobs.items() if now - e.touched > FORGET_AFTER_S]:
            del self.jobs[job_id]
        self._admit(now, capacity)
        waiting = sorted(
            (e.registered, j) for j, e in self.jobs.items() if e.queued and not e.started
        )
        places = {job_id: place for place, (_, job_id) in enumerate(waiting, start=1)}
        running = sum(1 for e in self.jobs.values() if e.queued and e.running)
        looks: dict[str, Look | None] = {}
        for job_id, known in versions.items():
            entry = self.jobs.get(job_id)
            if entry is None:
                looks[job_id] = None
                continue
            entry.touched = now
            news = entry.progress if entry.version != known else None
            looks[job_id] = Look(
                entry.version,
                news,
                entry.started,
                entry.pid,
                entry.node,
                places.get(job_id, 0),
                running,
                entry.admitted,
            )
        return looks

    def _admit(self, now: float, capacity: int) -> None:
        """Let trainings through to Ray in the order they came (see the module's docstring)."""
        held = sorted(
            (e.registered, j) for j, e in self.jobs.items() if e.queued and not e.admitted
        )
        if not held:
            return
        if capacity > 0:
            small_waiting = any(
                not e.queued and not e.started and now - e.registered < SMALL_FIRST_S
                for e in self.jobs.values()
            )
            if small_waiting:
                return
            active = sum(1 for e in self.jobs.values() if e.queued and e.admitted and not e.ended)
            held = held[: max(0, capacity - active)]
        for _, job_id in held:
            self.jobs[job_id].admitted = True
