"""The Iris page's Train button: submit the training, grow its curves epoch by epoch.

The training is core's flow (core.iris.training.run_iris), run by the server's backend (a
thread of its own, or a Ray cluster); this page only draws the epochs it reports. A click
during the few seconds of training ends this script run and stops the job
(ui/training_watch.py); as before, an interrupted Iris training leaves no result.
"""

from __future__ import annotations

import streamlit as st

from core.engine.jobs.base import TrainingFailed
from core.engine.progress import Progress
from core.iris import IRIS_FLOW  # By name: TensorFlow loads where the job runs.
from core.iris.config import IrisConfig
from ui import live_charts, session
from ui.training_watch import watch

REDRAW_S = 0.1  # An epoch takes a fraction of a second: look often, draw only new epochs.


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
        live_charts.epoch_curves(self.loss_chart, history, "loss", progress.epochs)
        live_charts.epoch_curves(self.accuracy_chart, history, "accuracy", progress.epochs)

    def clear(self) -> None:
        for place in (self.bar, self.loss_chart, self.accuracy_chart):
            place.empty()


def train_from_page(config: IrisConfig) -> None:
    """Train with live curves; the new result replaces the session's Iris result."""
    try:
        # An Iris training takes seconds of sub-millisecond batches: it needs no training slot.
        job = session.training_backend().submit(IRIS_FLOW, config, queued=False)
    except TrainingFailed as error:  # A Ray cluster that cannot be reached: one sentence.
        st.error(str(error))
        return
    view = EpochCurves()
    st.session_state[session.IRIS_JOB] = job
    watch(job, view.draw, REDRAW_S)
    view.clear()
    del st.session_state[session.IRIS_JOB]
    try:
        result = job.result()
    except TrainingFailed as error:
        st.error(str(error))
        return
    if result is not None and not result.stopped:
        st.session_state[session.IRIS_RESULT] = result


def forget_interrupted_training() -> None:
    """An earlier run was interrupted while training: that run stopped the job; drop it."""
    st.session_state.pop(session.IRIS_JOB, None)
