"""What every training job shares, whichever backend runs it.

The page and the command line never call a training flow directly. They submit it to a
`TrainingBackend` and get a `TrainingJob` back: they poll `progress()`, may `stop()`, and
collect `result()`. The engine knows no lesson: a flow is any module-level function
`entry(config, report, should_stop)`, handed over itself (another process gets it by
reference, as pickle sends a function), and the config is whatever that flow takes.

The backends live beside this module: `in_process` (threads of this process, behind the
server's queue) and `ray_backend` (tasks on a Ray cluster); `default` picks one.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from typing import Any, Protocol

from core.engine.progress import Progress, Report, ShouldStop

Flow = Callable[[Any, Report, ShouldStop], Any]
RAY_ADDRESS_VARIABLE = "WORKSHOP_RAY_ADDRESS"  # `auto`, `host:port` or `ray://host:port`.
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

    def submit(self, entry: Flow, config: Any, *, queued: bool) -> TrainingJob: ...


def last_step(step: Flow, state: Any, report: Report, should_stop: ShouldStop) -> Any:
    """A flow's last step (testing what it trained): `step(state, report, should_stop)`.

    Called here, unless a stopped training's `should_stop` can `hand_over` that step: a Ray
    task does, to free its CPUs at once (core.engine.jobs.ray_worker).
    """
    hand_over = getattr(should_stop, "hand_over", None)
    if hand_over is not None and should_stop():
        return hand_over(step, state)
    return step(state, report, should_stop)


def for_another_process(value: Any) -> Any:
    """A flow's result ready to send: its `for_another_process()` if it has one (a network
    keeps its `.keras` bytes, not its Keras object), else the value itself."""
    method = getattr(value, "for_another_process", None)
    return method() if callable(method) else value


def one_sentence(error: BaseException) -> str:
    """The error's message on one line: what a user reads instead of a traceback."""
    text = " ".join(str(error).split())
    if isinstance(error, TrainingFailed) and text:
        return text
    return f"The training failed: {text or type(error).__name__}."


class JobOutcome:
    """How a job ends, for every backend: once, with a result or a `TrainingFailed`.

    The backend's own thread calls `_settle`; `done()` and `result()` are what callers see.
    """

    def __init__(self) -> None:
        self._done = threading.Event()
        self._result: Any = None
        self._error: TrainingFailed | None = None

    def done(self) -> bool:
        return self._done.is_set()

    def result(self, timeout: float | None = None) -> Any:
        if not self._done.wait(timeout):
            raise TimeoutError(f"the training did not end within {timeout} s")
        if self._error is not None:
            raise self._error
        return self._result

    def _settle(self, result: Any = None, error: TrainingFailed | None = None) -> None:
        """Record how the job ended, then let `done()` and `result()` answer."""
        self._result, self._error = result, error
        self._done.set()


def watch(
    job: TrainingJob,
    show: Callable[[Progress], None],
    interval_s: float,
    *,
    leave_running_on: tuple[type[BaseException], ...] = (),
) -> Progress:
    """Call `show` with each new snapshot until the job ends; return the last snapshot.

    Whatever ends the wait early (Ctrl-C on the command line; on a page, the click that ends
    the script run) stops the job before it propagates, so no training is left running
    unwatched: it ends after its current batch and still tests what it has. The exceptions
    in `leave_running_on` say the watcher went away, not the student's wish (a page whose
    session ends at a reload): the job goes on for whoever watches it next.
    """
    shown: Progress | None = None
    ended = False
    try:
        while True:
            finished = job.done()
            snapshot = job.progress()
            if snapshot is not shown:
                show(snapshot)
                shown = snapshot
            if finished:
                ended = True
                return snapshot
            time.sleep(interval_s)
    except leave_running_on:
        ended = True
        raise
    finally:
        if not ended:
            job.stop()


def follow(job: TrainingJob, show: Callable[[Progress], None], interval_s: float = 0.5) -> Any:
    """`watch` the job, then return its result (TrainingFailed if it failed). For the CLI."""
    watch(job, show, interval_s)
    return job.result()
