"""One thread per store that applies the queued writes, in order, off the page's thread.

A page never waits for a disk or a database: it queues a write and goes on. The queue is
bounded (in writes and in bytes), so a store that is down cannot fill the server's memory:
a write that does not fit is dropped and the store says so. A write that fails for a reason
that may pass (a full disk, a lock, a server away) is tried again later, and the writes
behind it wait, so their order holds.
"""

from __future__ import annotations

import collections
import logging
import threading
import time
from collections.abc import Callable

import core.engine.store.faults as faults
from core.engine.store.operations import Write

MAX_WRITES = 1_000
MAX_BYTES = 200_000_000  # About forty MNIST runs waiting at once.
FIRST_RETRY_S = 0.5

log = logging.getLogger(__name__)


class Writer:
    """Applies each write with `apply` (one transaction), retrying transient faults."""

    def __init__(
        self,
        apply: Callable[[Write], None],
        report: Callable[[str | None], None],
        retry_s: float,
        after: Callable[[], None] = lambda: None,
    ) -> None:
        self._apply, self._report, self._after = apply, report, after
        self._retry_s = retry_s
        self._queue: collections.deque[Write] = collections.deque()
        self._bytes = 0
        self._busy = False
        self._closing = False
        self._changed = threading.Condition()
        self._thread = threading.Thread(target=self._run, name="workshop-store", daemon=True)
        self._thread.start()

    def submit(self, write: Write, always: bool = False) -> bool:
        """Queue `write`; False (and nothing queued) when the queue is full or closed.

        `always` queues it even past the bound (a student's "start afresh" must not be lost).
        """
        with self._changed:
            full = len(self._queue) >= MAX_WRITES or self._bytes + write.size > MAX_BYTES
            if self._closing or (full and not always):
                return False
            self._queue.append(write)
            self._bytes += write.size
            self._changed.notify_all()
            return True

    def flush(self, timeout: float) -> bool:
        """Wait until every queued write is applied (or dropped); False after `timeout`."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while self._queue or self._busy:
                left = deadline - time.monotonic()
                if left <= 0 or not self._thread.is_alive():
                    return False
                self._changed.wait(left)
            return True

    def close(self, timeout: float) -> None:
        """Finish what is queued within `timeout`, then stop."""
        self.flush(timeout)
        with self._changed:
            self._closing = True
            self._changed.notify_all()
        self._thread.join(timeout=1.0)

    def _run(self) -> None:
        failures, last_said = 0, None
        while True:
            with self._changed:
                while not self._queue and not self._closing:
                    self._changed.wait()
                if not self._queue:
                    return
                write = self._queue[0]
                self._busy = True
            try:
                self._apply(write)
            except Exception as error:
                transient = faults.is_transient(error)
                said = faults.sentence(error)
                if said != last_said:  # Once per fault, not once per retry.
                    log.warning("%s (%s: %s)", said, type(write).__name__, error)
                    last_said = said
                self._report(said)
                if transient:
                    failures += 1
                    delay = min(self._retry_s, FIRST_RETRY_S * 2 ** min(failures - 1, 10))
                    with self._changed:
                        self._busy = False
                        self._changed.notify_all()
                        if self._closing or self._changed.wait_for(lambda: self._closing, delay):
                            return
                    continue
            else:
                failures, last_said = 0, None
                self._report(None)
                self._after_safely()
            with self._changed:
                self._queue.popleft()
                self._bytes -= write.size
                self._busy = False
                self._changed.notify_all()

    def _after_safely(self) -> None:
        try:
            self._after()
        except Exception as error:  # The hourly expiry: a fault here waits for the next hour.
            log.warning("store expiry failed: %s", error)
            self._report(faults.sentence(error))
