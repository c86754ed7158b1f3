"""A first-come, first-served queue that limits how many trainings run at once.

Thirty students on a two-core server cannot all train an MNIST network at the same time:
each training would crawl and memory would run out. So a server allows a few at once
(default two) and everyone else waits their turn, seeing their place in the queue.
"""

from __future__ import annotations

import itertools
import threading
from collections import deque


class TrainingSlots:
    """At most `limit` holders at once; the others wait in order of arrival.

    A page calls `join()` for a ticket, polls `try_start(ticket)` (which also tells its
    place in the queue), and always calls `leave(ticket)` in a `finally`, whether the
    training finished, failed, or the student cancelled while waiting.
    """

    def __init__(self, limit: int = 2) -> None:
        if limit < 1:
            raise ValueError("at least one training must be allowed")
        self.limit = limit
        self._lock = threading.Lock()
        self._tickets = itertools.count(1)
        self._waiting: deque[int] = deque()
        self._running: set[int] = set()

    def join(self) -> int:
        """Queue up; returns a ticket."""
        with self._lock:
            ticket = next(self._tickets)
            self._waiting.append(ticket)
            return ticket

    def try_start(self, ticket: int) -> tuple[bool, int]:
        """(True, 0) if this ticket may train now; otherwise (False, place in the queue).

        Place 1 means "next". Only the head of the queue may start, so nobody jumps ahead.
        """
        with self._lock:
            if ticket in self._running:
                return True, 0
            if ticket not in self._waiting:
                raise ValueError(f"ticket {ticket} is not in the queue")
            if self._waiting[0] == ticket and len(self._running) < self.limit:
                self._waiting.popleft()
                self._running.add(ticket)
                return True, 0
            return False, self._waiting.index(ticket) + 1

    def leave(self, ticket: int) -> None:
        """Give up the slot or the place in the queue. Safe to call twice."""
        with self._lock:
            self._running.discard(ticket)
            if ticket in self._waiting:
                self._waiting.remove(ticket)

    @property
    def running(self) -> int:
        with self._lock:
            return len(self._running)

    @property
    def waiting(self) -> int:
        with self._lock:
            return len(self._waiting)
