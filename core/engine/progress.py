"""Training progress: one clock for rate, time left and throttling, and one snapshot type.

The training loop reports through plain callbacks (`BatchCallback`, `EpochCallback`), so no
model code knows the UI. A flow turns those calls into frozen `Progress` snapshots with a
`ProgressTracker`; the page draws the latest one, the command line prints it. Snapshots hold
plain data only (numbers, strings, tuples), so they can be pickled and sent between
processes. Nobody else computes a rate or an ETA: callers only format what they are given.
"""

from __future__ import annotations

import dataclasses
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Literal

EpochCallback = Callable[[int, dict[str, float]], None]
BatchCallback = Callable[[int, dict[str, float]], None]

Phase = Literal["waiting", "starting", "training", "evaluating", "finished", "stopped", "failed"]
ENDED: frozenset[str] = frozenset({"finished", "stopped", "failed"})


@dataclass(frozen=True)
class CurvePoint:
    """One point of the live curves: running loss and accuracy after `batches_done` batches."""

    batches_done: int
    loss: float
    accuracy: float


@dataclass(frozen=True)
class EpochLog:
    """What one finished epoch measured (validation only for trainings that validate)."""

    epoch: int
    loss: float
    accuracy: float
    val_loss: float | None = None
    val_accuracy: float | None = None

    def as_dict(self) -> dict[str, float]:
        """The figures under the training loop's names, in its order, without the missing."""
        names = ("loss", "accuracy", "val_loss", "val_accuracy")
        return {name: getattr(self, name) for name in names if getattr(self, name) is not None}


@dataclass(frozen=True)
class Progress:
    """Where a training stands, as one immutable snapshot of plain data.

    While `phase` is "waiting", `queue_place` (1 is next), `running` and `limit` describe the
    queue. While "training", the counters, the rate and the time left describe the run;
    `curve` holds the points reported so far and `history` each finished epoch.
    """

    phase: Phase = "starting"
    message: str = ""
    queue_place: int = 0
    running: int = 0
    limit: int = 0
    seconds_waiting: float = 0.0
    epoch: int = 0
    epochs: int = 0
    batch: int = 0
    batches_per_epoch: int = 0
    batches_done: int = 0
    total_batches: int = 0
    examples_per_s: float = 0.0
    seconds_left: float = 0.0
    loss: float | None = None
    accuracy: float | None = None
    curve: tuple[CurvePoint, ...] = ()
    history: tuple[EpochLog, ...] = ()

    @property
    def fraction(self) -> float:
        """Share of all batches done, in [0, 1]."""
        return min(self.batches_done / self.total_batches, 1.0) if self.total_batches else 0.0

    @property
    def ended(self) -> bool:
        return self.phase in ENDED

    def history_lists(self) -> dict[str, list[float]]:
        """{"loss": [per epoch], "accuracy": [...], ...}: the shape the charts take."""
        lists: dict[str, list[float]] = {}
        for log in self.history:
            for name, value in log.as_dict().items():
                lists.setdefault(name, []).append(value)
        return lists


class ProgressClock:
    """Decides when a training reports, and measures its rate and time left.

    A browser does not need 400 redraws per epoch, and each one costs the training time: a
    report is due at most every `min_interval_s`, and always on the last batch of an epoch
    (so the final figures are never skipped). The rate counts whole batches since `start()`.
    """

    def __init__(
        self,
        total_batches: int,
        batch_size: int,
        min_interval_s: float = 0.5,
        batches_per_epoch: int | None = None,
        now: Callable[[], float] = time.perf_counter,
    ) -> None:
        if total_batches < 1 or batch_size < 1 or min_interval_s < 0:
            raise ValueError("a clock needs at least one batch of at least one example")
        self.total_batches, self.batch_size = total_batches, batch_size
        self.min_interval_s = min_interval_s
        self.batches_per_epoch = batches_per_epoch or total_batches
        self._now = now
        self.started = now()
        self._last_report: float | None = None
        self.examples_per_s = 0.0
        self.seconds_left = 0.0

    def start(self) -> None:
        """Count from now (when the first batch begins, not when the clock was made)."""
        self.started = self._now()
        self._last_report = None

    def tick(self, batches_done: int) -> bool:
        """After a batch: True if a report is due now (then the rate and time left are fresh)."""
        now = self._now()
        last_of_epoch = batches_done % self.batches_per_epoch == 0
        last = last_of_epoch or batches_done >= self.total_batches
        recent = self._last_report is not None and now - self._last_report < self.min_interval_s
        if recent and not last:
            return False
        self._last_report = now
        elapsed = max(now - self.started, 1e-9)
        self.examples_per_s = batches_done * self.batch_size / elapsed
        remaining = max(self.total_batches - batches_done, 0) * self.batch_size
        self.seconds_left = remaining / max(self.examples_per_s, 1e-9)
        return True


class StopTraining(Exception):
    """Raised from a batch callback when a stop was asked: the loop ends with the weights so far."""


@dataclass(frozen=True)
class Trained:
    """How a flow's training went: its time (training only) and whether a stop ended it."""

    seconds: float
    stopped: bool


Report = Callable[[Progress], None]
ShouldStop = Callable[[], bool]


class ProgressTracker:
    """Turns the training loop's callbacks into `Progress` reports through one clock.

    Its `on_batch_end` also asks `should_stop()` after every batch and raises `StopTraining`
    when it says yes, so a flow stops at the next batch and keeps the model as it is.
    """

    def __init__(
        self,
        report: Report,
        should_stop: ShouldStop,
        *,
        epochs: int,
        batches_per_epoch: int,
        batch_size: int,
        min_interval_s: float = 0.5,
        keep_curve: bool = True,
    ) -> None:
        self._report, self.should_stop = report, should_stop
        self.keep_curve = keep_curve
        self.clock = ProgressClock(
            epochs * batches_per_epoch, batch_size, min_interval_s, batches_per_epoch
        )
        self.snapshot = Progress(
            epochs=epochs,
            epoch=1,
            batches_per_epoch=batches_per_epoch,
            total_batches=epochs * batches_per_epoch,
        )

    def show(self, phase: Phase, message: str = "") -> None:
        """Report the counters so far under a new phase and message."""
        self._send(phase=phase, message=message)

    def start_training(self) -> None:
        self.clock.start()
        self.show("training")

    def train(self, fit: Callable[[BatchCallback, EpochCallback], object]) -> Trained:
        """Run `fit(on_batch_end, on_epoch_end)` timed, as every chapter's flow does.

        A stop asked for ends it after the current batch, and the network stays as far as it
        got: `stopped` says so, and the flow still tests it.
        """
        self.start_training()
        started = time.perf_counter()
        try:
            fit(self.on_batch_end, self.on_epoch_end)
            stopped = False
        except StopTraining:
            stopped = True
        return Trained(seconds=time.perf_counter() - started, stopped=stopped)

    @property
    def batches_done(self) -> int:
        return self.snapshot.batches_done

    @property
    def history(self) -> dict[str, list[float]]:
        return self.snapshot.history_lists()

    def on_batch_end(self, batch: int, logs: dict[str, float]) -> None:
        now = self.snapshot
        done = (now.epoch - 1) * now.batches_per_epoch + batch
        loss, accuracy = logs["loss"], logs["accuracy"]
        changes: dict = {"batch": batch, "batches_done": done, "loss": loss, "accuracy": accuracy}
        if self.clock.tick(done):
            if self.keep_curve:
                changes["curve"] = (*now.curve, CurvePoint(done, loss, accuracy))
            self._send(
                phase="training",
                examples_per_s=self.clock.examples_per_s,
                seconds_left=self.clock.seconds_left,
                **changes,
            )
        else:
            # Counted, not reported: the next report carries it.
            self.snapshot = dataclasses.replace(now, **changes)
        if self.should_stop():
            raise StopTraining

    def on_epoch_end(self, epoch: int, logs: dict[str, float]) -> None:
        now = self.snapshot
        entry = EpochLog(epoch=epoch, **{k: v for k, v in logs.items() if k in _EPOCH_FIELDS})
        following = epoch + 1 if epoch < now.epochs else epoch
        self._send(
            phase="training",
            history=(*now.history, entry),
            epoch=following,
            batch=0 if following != epoch else now.batch,
        )

    def _send(self, **changes) -> None:
        self.snapshot = dataclasses.replace(self.snapshot, **changes)
        self._report(self.snapshot)


_EPOCH_FIELDS = frozenset({"loss", "accuracy", "val_loss", "val_accuracy"})
