"""Reads a page waits for, bounded: an answer within a second, or an empty one.

A read runs in a small pool of threads and the page waits at most READ_TIMEOUT_S for it, so a
hung disk or database costs a page one second, not a frozen screen. After a failed read the
store answers empty at once until `retry_s` has passed, so a store that is down costs the
pages nothing at all.
"""

from __future__ import annotations

import concurrent.futures
import logging
import time
from collections.abc import Callable
from typing import TypeVar

import core.engine.store.faults as faults
from core.engine.store.tables import Database

READ_TIMEOUT_S = 1.0
THREADS = 4

T = TypeVar("T")
log = logging.getLogger(__name__)


class BoundedReads:
    """Runs each read against `db` within READ_TIMEOUT_S; `problem` holds the last fault."""

    def __init__(self, db: Database, retry_s: float) -> None:
        self._db = db
        self._retry_s = retry_s
        self._pool = concurrent.futures.ThreadPoolExecutor(THREADS, "workshop-store-read")
        self._resume = 0.0  # time.monotonic() after which a failed read is tried again.
        self._closed = False
        self.problem: str | None = None

    def __call__(self, read: Callable[[], T], empty: T) -> T:
        """`read()`, or `empty` (and a problem) on any fault, a timeout or after close()."""
        if self._closed or (self.problem is not None and time.monotonic() < self._resume):
            return empty

        def guarded() -> T:
            self._db.ensure()
            return read()

        try:
            result = self._pool.submit(guarded).result(timeout=READ_TIMEOUT_S)
        except Exception as error:
            if isinstance(error, concurrent.futures.TimeoutError):
                error = faults.ReadTimeout()
            else:
                self._db.reset()
            said = faults.sentence(error)
            if said != self.problem:  # Once per fault, not once per read.
                log.warning("%s (a read: %s)", said, error)
            self.problem = said
            self._resume = time.monotonic() + self._retry_s
            return empty
        self.problem = None
        return result

    def close(self) -> None:
        self._closed = True
        self._pool.shutdown(wait=False, cancel_futures=True)
