"""Pieces of the MNIST training page: the live progress display and a run's results."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.basics.chart_text import confusion_cells, curves_text
from core.basics.confusion import confusion_reading
from core.engine.progress import Progress
from ui.charts import live
from ui.charts.described import screen_reader_html
from ui.charts.figures import confusion_figure, curves_figure
from ui.mnist.lessons import show_verdict

DIGITS = [str(d) for d in range(10)]


class LiveProgress:
    """A training as it goes: its place in the queue, then a progress bar with examples/s and
    time left, the curves growing, and the Stop button while there is something to stop.

    It only draws the snapshots the training reports (core.engine.progress.Progress).
    """

    def __init__(self) -> None:
        self.notice, self.cancel, self.stop = st.empty(), st.empty(), st.empty()
        self.bar, self.chart = st.empty(), st.empty()
        self.buttons: set[str] = set()
        self.points = -1

    def draw(self, progress: Progress) -> None:
        if progress.phase == "waiting":
            # A cluster says where it stands in its message; this server's queue in numbers.
            self.notice.info(
                f"⏳ {progress.message}"
                if progress.message
                else f"⏳ {progress.running} trainings are running on this server, which trains "
                f"{progress.limit} at a time. You are number {progress.queue_place} in the "
                "queue; your training starts by itself (waiting "
                f"{progress.seconds_waiting:.0f} s)."
            )
            # A click ends this script run; the page's `finally` takes the job off the queue.
            self._button_once(self.cancel, "Cancel waiting", "mnist_cancel_wait")
            return
        self.notice.empty()
        self.cancel.empty()
        if progress.phase in ("starting", "training"):
            self._button_once(
                self.stop, "Stop training", "mnist_stop", "Ends training now and keeps the model."
            )
        else:
            self.stop.empty()  # Testing or done: nothing left to stop.
        if progress.phase == "training" and progress.loss is not None:
            self.bar.progress(
                progress.fraction,
                text=(
                    f"Epoch {progress.epoch}/{progress.epochs}, batch {progress.batch}/"
                    f"{progress.batches_per_epoch}: loss {progress.loss:.3f}, accuracy "
                    f"{progress.accuracy:.1%} · {progress.examples_per_s:,.0f} examples/s · "
                    f"about {progress.seconds_left:.0f} s left"
                ),
            )
        else:
            self.bar.progress(progress.fraction, text=progress.message or "Starting ...")
        if len(progress.curve) != self.points:
            self.points = len(progress.curve)
            if progress.curve:
                live.batch_curves(self.chart, progress.curve, progress.total_batches)

    def _button_once(self, place, label: str, key: str, tip: str | None = None) -> None:
        if key not in self.buttons:
            self.buttons.add(key)
            place.button(label, key=key, help=tip)

    def clear(self) -> None:
        for place in (self.notice, self.cancel, self.stop, self.bar, self.chart):
            place.empty()


def show_run_table(runs: list) -> None:
    """One row per run of this session: settings, time and both test accuracies."""
    st.container(key="mnist_run_table").dataframe(
        pd.DataFrame(
            {
                "run": [r.label for r in runs],
                "invert": ["on" if r.config.invert else "off" for r in runs],
                "examples": [r.config.train_size for r in runs],
                "epochs": [r.config.epochs for r in runs],
                "seconds": [round(r.seconds) for r in runs],
                "test accuracy": [f"{r.evaluation.test_accuracy:.2%}" for r in runs],
                "inverted test accuracy": [
                    f"{r.evaluation.test_accuracy_inverted:.2%}" for r in runs
                ],
            }
        ),
        hide_index=True,
        key="mnist_runs_table",
    )


def show_results(run, key: str) -> None:
    """Both test accuracies, the curves, the confusion matrix and the misclassified digits."""
    evaluation = run.evaluation
    first, second, third = st.columns(3)
    first.metric("Test accuracy (normal digits)", f"{evaluation.test_accuracy:.2%}")
    second.metric("Test accuracy (inverted digits)", f"{evaluation.test_accuracy_inverted:.2%}")
    third.metric("Training time", f"{run.seconds:.0f} s")
    show_verdict(run)  # What the two accuracies show, with or without inverted copies.
    if run.stopped:
        st.warning("This training was stopped early; these results are for the model so far.")
    if len(run.history.get("loss", [])) > 1:  # Training and test digits, epoch by epoch.
        left, right = st.columns(2)
        left.plotly_chart(curves_figure(run.history, "loss", "Loss per epoch"), key=f"{key}_loss")
        left.caption(curves_text(run.history, "loss"))
        right.plotly_chart(
            curves_figure(run.history, "accuracy", "Accuracy per epoch"), key=f"{key}_accuracy"
        )
        right.caption(curves_text(run.history, "accuracy"))
    left, right = st.columns(2)
    left.plotly_chart(
        confusion_figure(evaluation.confusion, DIGITS, "Confusion matrix (normal test digits)"),
        key=f"{key}_confusion",
    )
    left.caption(
        confusion_reading(evaluation.confusion, DIGITS, "normal test digits")
        + screen_reader_html(" " + confusion_cells(evaluation.confusion, DIGITS)),
        unsafe_allow_html=True,
    )
    with right:
        st.markdown("**Misclassified test digits**, the most confident mistakes first")
        show_gallery(run)


def show_gallery(run, per_row: int = 6, rows: int = 3) -> None:
    """The mistakes' pictures come with the run (core.mnist.evaluation): no MNIST needed here."""
    mistakes = [m for m in run.evaluation.misclassified if m.image is not None]
    for inverted in (False, True):
        chosen = [m for m in mistakes if m.inverted == inverted][: per_row * rows]
        if not chosen:
            continue
        st.caption("Inverted test digits" if inverted else "Normal test digits")
        columns = st.columns(per_row)
        for i, mistake in enumerate(chosen):
            image = mistake.image
            said = f"said {mistake.predicted} ({mistake.confidence:.0%})"
            columns[i % per_row].image(
                image,
                caption=f"true {mistake.truth}, {said}",
                width=72,
                alt=f"A test digit {mistake.truth} that the network read as {said[5:]}",
            )
