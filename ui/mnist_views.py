"""Pieces of the MNIST training page: the live progress display and a run's results."""

from __future__ import annotations

import time

import numpy as np
import streamlit as st

from core.mnist.config import MnistConfig
from ui.charts import TRAIN_COLOUR, confusion_figure, curves_figure
from ui.mnist_lessons import show_verdict
from ui.svg_lines import Line, lines_svg, side_by_side

DIGITS = [str(d) for d in range(10)]


class LiveProgress:
    """A progress bar with examples/s and time left, and curves that grow during training.

    Updates are throttled: a browser does not need 400 redraws per epoch, and each one
    costs the training time.
    """

    def __init__(self, config: MnistConfig, steps: int) -> None:
        self.config, self.steps = config, steps
        self.started = time.perf_counter()
        self.last_shown = 0.0
        self.epoch = 1
        self.batch = 0
        self.history: dict[str, list[float]] = {}
        self.curve: dict[str, list[float]] = {"batches": [], "loss": [], "accuracy": []}
        self.bar = st.progress(0.0, text="Starting ...")
        self.chart = st.empty()

    @property
    def batches_done(self) -> int:
        return (self.epoch - 1) * self.steps + self.batch

    def on_batch_end(self, batch: int, logs: dict[str, float]) -> None:
        self.batch = batch
        now = time.perf_counter()
        if now - self.last_shown < 0.5 and batch != self.steps:
            return
        self.last_shown = now
        total = self.config.epochs * self.steps
        done = self.batches_done
        rate = done * self.config.batch_size / max(now - self.started, 1e-9)
        left = (total - done) * self.config.batch_size / max(rate, 1e-9)
        self.bar.progress(
            min(done / total, 1.0),
            text=(
                f"Epoch {self.epoch}/{self.config.epochs}, batch {batch}/{self.steps}: "
                f"loss {logs['loss']:.3f}, accuracy {logs['accuracy']:.1%} · "
                f"{rate:,.0f} examples/s · about {left:.0f} s left"
            ),
        )
        self.curve["batches"].append(done)
        self.curve["loss"].append(logs["loss"])
        self.curve["accuracy"].append(logs["accuracy"])
        self.chart.html(batch_curves(self.curve, total))

    def on_epoch_end(self, epoch: int, logs: dict[str, float]) -> None:
        for name, value in logs.items():
            self.history.setdefault(name, []).append(value)
        self.epoch = epoch + 1
        self.batch = 0

    def clear(self) -> None:
        self.bar.empty()
        self.chart.empty()


def batch_curves(curve: dict[str, list[float]], total_batches: int) -> str:
    """Running loss and accuracy as training goes (averages since the epoch began, as Keras
    reports them), on an x axis as long as the whole training: the curves grow across."""
    batches = curve["batches"]
    chart = {"x_title": "batches trained", "x_range": (0, max(total_batches, 1)), "markers": False}
    loss = lines_svg(
        [Line("loss", TRAIN_COLOUR, batches, curve["loss"])],
        title="Loss so far",
        y_title="loss",
        **chart,
    )
    accuracy = lines_svg(
        [Line("accuracy", TRAIN_COLOUR, batches, curve["accuracy"])],
        title="Accuracy so far",
        y_title="accuracy",
        y_range=(0.0, 1.0),
        percent=True,
        **chart,
    )
    return side_by_side(loss, accuracy)


def show_results(run, test_images: np.ndarray, key: str) -> None:
    """Both test accuracies, the curves, the confusion matrix and the misclassified digits."""
    evaluation = run.evaluation
    first, second, third = st.columns(3)
    first.metric("Test accuracy (normal digits)", f"{evaluation.test_accuracy:.2%}")
    second.metric("Test accuracy (inverted digits)", f"{evaluation.test_accuracy_inverted:.2%}")
    third.metric("Training time", f"{run.seconds:.0f} s")
    show_verdict(run)  # What the two accuracies show, with or without inverted copies.
    if run.stopped:
        st.warning("This training was stopped early; these results are for the model so far.")
    left, right = st.columns(2)
    if len(run.history.get("loss", [])) > 1:
        left.plotly_chart(curves_figure(run.history, "loss", "Loss per epoch"), key=f"{key}_loss")
    left.plotly_chart(
        confusion_figure(evaluation.confusion, DIGITS, "Confusion matrix (normal test digits)"),
        key=f"{key}_confusion",
    )
    with right:
        st.markdown("**Misclassified test digits**, the most confident mistakes first")
        show_gallery(run, test_images)


def show_gallery(run, test_images: np.ndarray, per_row: int = 6, rows: int = 3) -> None:
    mistakes = run.evaluation.misclassified
    for inverted in (False, True):
        chosen = [m for m in mistakes if m.inverted == inverted][: per_row * rows]
        if not chosen:
            continue
        st.caption("Inverted test digits" if inverted else "Normal test digits")
        columns = st.columns(per_row)
        for i, mistake in enumerate(chosen):
            image = test_images[mistake.index]
            if inverted:
                image = 255 - image
            said = f"said {mistake.predicted} ({mistake.confidence:.0%})"
            columns[i % per_row].image(image, caption=f"true {mistake.truth}, {said}", width=72)
