"""The board where trainings on a Ray cluster leave their progress and find their stop requests.

One small actor (no CPU of its own) per cluster, shared by every web server that sends
trainings there. A worker reports each `Progress` snapshot to it without waiting for an
answer, and asks it now and then whether the student pressed Stop; a web server looks at
all its jobs in one call several times a second. Because every web server registers its
jobs here, the board can also tell a waiting student their place in the cluster's queue.

This module holds a plain class: core.engine.jobs.ray_backend makes the actor from it, so it
imports no Ray and can be tested on its own.
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from typing import Any

from core.engine.progress import ENDED

FORGET_AFTER_S = 15.0  # A job nobody has looked at for this long belongs to a server that left.


@dataclass
class Entry:
    """One job as the board knows it."""

    queued: bool  # It asked for CPUs, so it may wait in the cluster's queue.
    registered: float
    touched: float
    started: bool = False
    pid: int = 0
    node: str = ""
    progress: Any = None
    version: int = 0
    stop: bool = False

    @property
    def running(self) -> bool:
        return self.started and not (self.progress is not None and self.progress.phase in ENDED)


@dataclass(frozen=True)
class Look:
    """What a web server learns about one job: the latest snapshot if it is new to it (else
    None), which worker process runs it, and while it waits, its place and the queue."""

    version: int
    progress: Any
    started: bool
    pid: int
    node: str
    place: int
    running: int


@dataclass
class JobBoard:
    """The cluster's table of training jobs (see the module's docstring)."""

    jobs: dict[str, Entry] = field(default_factory=dict)
    clock: Any = time.monotonic

    def register(self, job_id: str, queued: bool) -> None:
        now = self.clock()
        self.jobs[job_id] = Entry(queued=queued, registered=now, touched=now)

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

    def look(self, versions: dict[str, int]) -> dict[str, Look | None]:
        """For each job asked about (with the version the caller has): what is new; None for
        a job the board does not know (its entry was lost)."""
        now = self.clock()
        for job_id in [j for j, e in self.jobs.items() if now - e.touched > FORGET_AFTER_S]:
            del self.jobs[job_id]
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
            )
        return looks
