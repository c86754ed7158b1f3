"""Tiny flows for the Ray backend's tests, sent by reference to the cluster's workers."""

from __future__ import annotations

import time

from core.engine.jobs.base import TrainingFailed
from core.engine.progress import Progress, Report, ShouldStop


def ignores_stop(seconds: float, report: Report, should_stop: ShouldStop) -> str:
    """A training that never asks whether to stop (stuck in one long step)."""
    report(Progress(phase="training", message="busy", batches_done=1, total_batches=2))
    time.sleep(seconds)
    return "ran to the end"


def says_when_it_ran(
    seconds: float, report: Report, should_stop: ShouldStop
) -> tuple[float, float]:
    """A training of `seconds` that hands back when it began and ended (one machine's clock)."""
    began = time.time()
    report(Progress(phase="training", message="busy", batches_done=1, total_batches=2))
    time.sleep(seconds)
    return began, time.time()


def fails(message: str, report: Report, should_stop: ShouldStop) -> None:
    raise TrainingFailed(message)


def crashes(message: str, report: Report, should_stop: ShouldStop) -> None:
    raise ZeroDivisionError(message)
