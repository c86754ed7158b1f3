"""The Iris page's training: its curves growing epoch by epoch, and where its result is kept.

The steps (submit, watch, keep) are every page's (ui/training/page_training.py).
An Iris training takes seconds of sub-millisecond batches, so it needs no training slot,
and a training a click interrupted leaves no result: only a finished one becomes the
session's Iris result, and joins the last few kept to compare.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.engine.progress import Progress
from core.iris.result import describe
from core.iris.training import run_iris  # Light: TensorFlow loads where the job runs.
from ui.charts import live
from ui.state import keys
from ui.state.compare_choice import include_new_run
from ui.state.kept_work import keep_run
from ui.state.run_limits import IRIS_RUNS_KEPT
from ui.training.page_training import PageTraining


class EpochCurves:
    """A progress bar and the loss and accuracy curves, one point per finished epoch."""

    def __init__(self) -> None:
        self.bar = st.progress(0.0, text="Starting TensorFlow ...")
        self.loss_chart, self.accuracy_chart = (column.empty() for column in st.columns(2))
        self.epochs_drawn = 0

    def draw(self, progress: Progress) -> None:
        if not progress.history:
            self.bar.progress(0.0, text=progress.message or "Starting ...")
            return
        if len(progress.history) == self.epochs_drawn:
            return
        self.epochs_drawn = len(progress.history)
        last = progress.history[-1]
        self.bar.progress(
            progress.fraction,
            text=f"Epoch {last.epoch}/{progress.epochs}: test accuracy {last.val_accuracy:.0%}",
        )
        history = progress.history_lists()
        live.epoch_curves(self.loss_chart, history, "loss", progress.epochs)
        live.epoch_curves(self.accuracy_chart, history, "accuracy", progress.epochs)

    def clear(self) -> None:
        for place in (self.bar, self.loss_chart, self.accuracy_chart):
            place.empty()


MAX_RUNS = IRIS_RUNS_KEPT


def _keep_finished(result: Any) -> None:
    """Number a finished result, keep it with the latest few, and show it first."""
    if result.stopped:
        return
    runs = st.session_state.setdefault(keys.IRIS_RUNS, [])
    number = st.session_state.get(keys.IRIS_RUN_COUNT, len(runs)) + 1
    st.session_state[keys.IRIS_RUN_COUNT] = number
    result.label = f"Run {number}: {describe(result.config)}"
    runs.append(result)
    del runs[:-MAX_RUNS]
    st.session_state[keys.IRIS_RESULT] = result
    include_new_run(keys.IRIS_COMPARE, result.label)
    keep_run("iris", result)  # Kept in the store: a reload or a restart brings it back.


IRIS_TRAINING = PageTraining(
    flow=run_iris,
    job_key=keys.IRIS_JOB,
    queued=False,
    redraw_s=0.1,  # An epoch takes a fraction of a second: look often, draw only new epochs.
    keep=_keep_finished,
    keep_stopped=False,
)
