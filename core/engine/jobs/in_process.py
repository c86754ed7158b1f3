"""Trainings in daemon threads of this process, behind the server's training queue.

`InProcessBackend` runs each job in a thread of its own. Jobs submitted with `queued=True`
first wait for a slot of the server's `TrainingSlots` queue (WORKSHOP_MAX_TRAININGS at
once), reporting their place; small trainings (Iris) start at once.
"""

from __future__ import annotations

import dataclasses
import logging
import os
import threading
import time
from typing import Any

from core.engine.jobs.base import Flow, JobOutcome, TrainingFailed, one_sentence
from core.engine.jobs.slots import TrainingSlots
from core.engine.progress import Progress

log = logging.getLogger(__name__)

MAX_TRAININGS_VARIABLE = "WORKSHOP_MAX_TRAININGS"
DEFAULT_MAX_TRAININGS = 2
QUEUE_POLL_S = 0.1  # How often a waiting job looks for a free slot (and for a stop).


class InProcessJob(JobOutcome):
    """A training in a daemon thread of this process (see `InProcessBackend`)."""

    def __init__(
        self, entry: Flow, config: Any, slots: TrainingSlots | None, started: Progress
    ) -> None:
        super().__init__()
        self._entry, self._config, self._slots = entry, config, slots
        self._lock = threading.Lock()
        self._progress = started
        self._stop = threading.Event()
        self._ticket = slots.join() if slots is not None else None
        self._queued_at = time.perf_counter()
        self._thread = threading.Thread(target=self._run, name="training-job", daemon=True)
        if self._ticket is not None:
            self._wait_for_slot_once()  # The first answer comes before submit() returns.
        self._thread.start()

    def progress(self) -> Progress:
        with self._lock:
            return self._progress

    def stop(self) -> None:
        self._stop.set()

    # --- In the job's thread ---------------------------------------------------------------

    def _report(self, progress: Progress) -> None:
        with self._lock:
            self._progress = progress

    def _wait_for_slot_once(self) -> bool:
        """Try to take a slot; report the place in the queue if there is none yet."""
        assert self._slots is not None and self._ticket is not None
        started, place = self._slots.try_start(self._ticket)
        if not started:
            self._report(
                dataclasses.replace(
                    self.progress(),
                    phase="waiting",
                    message="",  # The page says it from the numbers below.
                    queue_place=place,
                    running=self._slots.running,
                    limit=self._slots.limit,
                    seconds_waiting=time.perf_counter() - self._queued_at,
                )
            )
        return started

    def _run(self) -> None:
        result: Any = None
        error: TrainingFailed | None = None
        try:
            result = self._train()
        except BaseException as raised:  # Anything: the page must get a sentence, not a hang.
            if not isinstance(raised, TrainingFailed):
                log.exception("training job failed")
            error = TrainingFailed(one_sentence(raised))
            error.__cause__ = raised
            self._end("failed", str(error))
        finally:
            if self._ticket is not None:
                self._slots.leave(self._ticket)  # type: ignore[union-attr]
            self._settle(result, error)

    def _train(self) -> Any:
        """Wait for a slot if queued, run the flow, and say how it ended if the flow did not."""
        if self._ticket is not None:
            while not self._wait_for_slot_once():
                if self._stop.wait(QUEUE_POLL_S):
                    self._end("stopped", "Left the queue before training began.")
                    return None
            self._report(dataclasses.replace(self.progress(), phase="starting", queue_place=0))
        if self._stop.is_set():
            self._end("stopped", "Stopped before training began.")
            return None
        result = self._entry(self._config, self._report, self._stop.is_set)
        if self.progress().phase not in ("finished", "stopped"):  # The flow did not say.
            self._end("stopped" if result is None else "finished", "")
        return result

    def _end(self, phase: str, message: str) -> None:
        self._report(dataclasses.replace(self.progress(), phase=phase, message=message))


class InProcessBackend:
    """Runs jobs in daemon threads of this process; `queued` ones share `slots`."""

    in_process = True
    where = "this server"

    def __init__(self, slots: TrainingSlots | None = None) -> None:
        self.slots = slots or TrainingSlots(max_trainings())

    def submit(self, entry: Flow, config: Any, *, queued: bool) -> InProcessJob:
        """Start `entry(config, report, should_stop)`; `queued` jobs wait for a slot first.

        Small trainings (Iris: a few seconds of sub-millisecond batches) need no slot; the
        queue is for trainings that hold both cores for a minute or more (MNIST).
        """
        first = Progress(phase="starting", message="Starting TensorFlow ...")
        return InProcessJob(entry, config, self.slots if queued else None, first)


def max_trainings() -> int:
    """WORKSHOP_MAX_TRAININGS, or 2 when it is unset or not a whole number of 1 or more (the
    page says so: core.engine.jobs.teacher_settings)."""
    value = os.environ.get(MAX_TRAININGS_VARIABLE, "").strip()
    return (
        int(value)
        if value.isdigit() and 0 < len(value) < 10 and int(value) >= 1
        else DEFAULT_MAX_TRAININGS
    )
