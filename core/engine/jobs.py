"""Trainings as jobs: submitted to a backend, watched through progress snapshots, stopped.

The page and the command line never call a training flow directly. They submit it to a
`TrainingBackend` and get a `TrainingJob` back: they poll `progress()`, may `stop()`, and
collect `result()`. The engine knows no lesson: a flow is any function
`entry(config, report, should_stop)` (or its dotted name, "package.module:function", which a
worker in another process can import), and the config is whatever that flow takes.

`InProcessBackend` runs each job in a daemon thread of this process. Jobs submitted with
`queued=True` first wait for a slot of the server's `TrainingSlots` queue, reporting their
place. `default_backend()` gives that one unless `WORKSHOP_RAY_ADDRESS` names a Ray
cluster: then core.engine.ray_backend runs the same flows there, behind the same two
protocols (Ray is imported only then).
"""

from __future__ import annotations

import dataclasses
import importlib
import logging
import os
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Protocol

from core.engine.progress import Progress, Report, ShouldStop
from core.engine.training_slots import TrainingSlots

log = logging.getLogger(__name__)

Flow = Callable[[Any, Report, ShouldStop], Any]
MAX_TRAININGS_VARIABLE = "WORKSHOP_MAX_TRAININGS"
RAY_ADDRESS_VARIABLE = "WORKSHOP_RAY_ADDRESS"  # `auto`, `host:port` or `ray://host:port`.
DEFAULT_MAX_TRAININGS = 2
QUEUE_POLL_S = 0.1  # How often a waiting job looks for a free slot (and for a stop).
# A stopped job whose training had to be cancelled (Ray) ends with this, and no result.
CANCELLED = "Stopped; the training did not end in time to keep its network."


class TrainingFailed(ValueError):
    """A training could not run or finish; the message is one plain sentence for the user."""


class TrainingJob(Protocol):
    """One submitted training, seen from the page or the command line."""

    def progress(self) -> Progress:
        """The latest snapshot, at once (it never waits for the training)."""
        ...

    def stop(self) -> None:
        """Ask the training to end. Safe to call twice, and after it has ended.

        A job still waiting leaves the queue; a running one stops after its current batch
        and keeps its model as far as it got (a flow still tests it).
        """
        ...

    def done(self) -> bool: ...

    def result(self, timeout: float | None = None) -> Any:
        """What the flow returned: None if it was stopped before it began to train.

        Raises TrainingFailed (one sentence) if it failed, TimeoutError if `timeout`
        seconds pass first.
        """
        ...


class TrainingBackend(Protocol):
    in_process: bool  # True: jobs run in this process (and data loaded here is theirs).
    where: str  # Where jobs run, for a message: "this server", "the Ray cluster at ...".

    def submit(self, entry: Flow | str, config: Any, *, queued: bool) -> TrainingJob: ...


@dataclass(frozen=True)
class FinishLater:
    """A stopped flow's last step, handed back to the backend instead of done in place.

    Testing a stopped MNIST network takes seconds of CPU. A backend that must give a
    stopped training's CPUs back at once (Ray) asks for this by passing a `should_stop`
    whose `defer_finish` is true (see `defers_finish`); it then runs `entry(state, report,
    should_stop)` as a step of its own, which returns the result. Everyone else gets the
    finished result from the flow, as before.
    """

    entry: str
    state: Any

    def detached(self) -> FinishLater:
        return FinishLater(self.entry, detached(self.state))


def defers_finish(should_stop: ShouldStop) -> bool:
    """True if the caller wants a stopped flow's last step back as a `FinishLater`."""
    return bool(getattr(should_stop, "defer_finish", False))


def detached(value: Any) -> Any:
    """A flow's result ready for another process: what its `detached()` gives, if it has one
    (a run swaps its Keras model for the model's `.keras` bytes), else the value itself."""
    method = getattr(value, "detached", None)
    return method() if callable(method) else value


def resolve_entry(entry: Flow | str) -> Flow:
    """A flow, or the function a dotted name "package.module:function" names."""
    if callable(entry):
        return entry
    module_name, _, function = entry.partition(":")
    if not module_name or not function:
        raise ValueError(f"a flow's name looks like 'package.module:function', got {entry!r}")
    return getattr(importlib.import_module(module_name), function)


def one_sentence(error: BaseException) -> str:
    """The error's message on one line: what a user reads instead of a traceback."""
    text = " ".join(str(error).split())
    if isinstance(error, TrainingFailed) and text:
        return text
    return f"The training failed: {text or type(error).__name__}."


class InProcessJob:
    """A training in a daemon thread of this process (see `InProcessBackend`)."""

    def __init__(
        self, entry: Flow | str, config: Any, slots: TrainingSlots | None, started: Progress
    ) -> None:
        self._entry, self._config, self._slots = entry, config, slots
        self._lock = threading.Lock()
        self._progress = started
        self._stop = threading.Event()
        self._done = threading.Event()
        self._result: Any = None
        self._error: TrainingFailed | None = None
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

    def done(self) -> bool:
        return self._done.is_set()

    def result(self, timeout: float | None = None) -> Any:
        if not self._done.wait(timeout):
            raise TimeoutError(f"the training did not end within {timeout} s")
        if self._error is not None:
            raise self._error
        return self._result

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
        try:
            if self._ticket is not None:
                while not self._wait_for_slot_once():
                    if self._stop.wait(QUEUE_POLL_S):
                        self._end("stopped", "Left the queue before training began.")
                        return
                self._report(dataclasses.replace(self.progress(), phase="starting", queue_place=0))
            if self._stop.is_set():
                self._end("stopped", "Stopped before training began.")
                return
            flow = resolve_entry(self._entry)
            result = flow(self._config, self._report, self._stop.is_set)
            while isinstance(result, FinishLater):  # Only if a flow offers it unasked.
                result = resolve_entry(result.entry)(result.state, self._report, self._stop.is_set)
            self._result = result
            if self.progress().phase not in ("finished", "stopped"):  # The flow did not say.
                self._end("stopped" if self._result is None else "finished", "")
        except BaseException as error:  # Anything: the page must get a sentence, not a hang.
            if not isinstance(error, TrainingFailed):
                log.exception("training job failed")
            self._error = TrainingFailed(one_sentence(error))
            self._error.__cause__ = error
            self._end("failed", str(self._error))
        finally:
            if self._ticket is not None:
                self._slots.leave(self._ticket)  # type: ignore[union-attr]
            self._done.set()

    def _end(self, phase: str, message: str) -> None:
        self._report(dataclasses.replace(self.progress(), phase=phase, message=message))


class InProcessBackend:
    """Runs jobs in daemon threads of this process; `queued` ones share `slots`."""

    in_process = True
    where = "this server"

    def __init__(self, slots: TrainingSlots | None = None) -> None:
        self.slots = slots or TrainingSlots(max_trainings())

    def submit(self, entry: Flow | str, config: Any, *, queued: bool) -> InProcessJob:
        """Start `entry(config, report, should_stop)`; `queued` jobs wait for a slot first.

        Small trainings (Iris: a few seconds of sub-millisecond batches) need no slot; the
        queue is for trainings that hold both cores for a minute or more (MNIST).
        """
        first = Progress(phase="starting", message="Starting TensorFlow ...")
        return InProcessJob(entry, config, self.slots if queued else None, first)


def max_trainings() -> int:
    """WORKSHOP_MAX_TRAININGS (at least 1), or 2 when it is unset or not a number."""
    try:
        return max(1, int(os.environ.get(MAX_TRAININGS_VARIABLE, str(DEFAULT_MAX_TRAININGS))))
    except ValueError:
        return DEFAULT_MAX_TRAININGS


_backend_lock = threading.Lock()


@lru_cache(maxsize=4)
def _backend_for(ray_address: str) -> TrainingBackend:
    if not ray_address:
        return InProcessBackend()
    from core.engine.ray_backend import connect_backend  # Ray is imported only here.

    return connect_backend(ray_address)  # A failure raises, and is not kept: the next call retries.


def default_backend() -> TrainingBackend:
    """The process's one backend, so that every session shares one training queue.

    In-process unless `WORKSHOP_RAY_ADDRESS` names a Ray cluster; a cluster that cannot be
    reached raises TrainingFailed with one sentence, within seconds. Sessions run their
    scripts in threads of their own: the lock keeps two first callers from making two
    backends (two queues, or two connections).
    """
    address = os.environ.get(RAY_ADDRESS_VARIABLE, "").strip()
    with _backend_lock:
        return _backend_for(address)


def follow(job: TrainingJob, show: Callable[[Progress], None], interval_s: float = 0.5) -> Any:
    """Call `show` with each new snapshot until the job ends, then return its result.

    For callers that can block (the command line): Ctrl-C stops the job before it
    propagates, so no training is left running.
    """
    shown: Progress | None = None
    try:
        while True:
            finished = job.done()
            snapshot = job.progress()
            if snapshot is not shown:
                show(snapshot)
                shown = snapshot
            if finished:
                return job.result()
            time.sleep(interval_s)
    except KeyboardInterrupt:
        job.stop()
        raise
