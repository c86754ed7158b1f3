"""Section 3 of the Iris page once a network is trained: its scores, curves, confusion
matrix and the workshop's check flowers, then the kept runs compared on one chart."""

from __future__ import annotations

import streamlit as st

from core.basics.chart_text import confusion_cells, curves_text
from core.basics.confusion import confusion_reading
from core.iris.config import IrisConfig
from core.iris.data import CHECK_FLOWERS, SPECIES
from core.iris.result import IrisResult, predict_iris
from core.iris.sentences import score_sentence
from ui.charts.described import screen_reader_html
from ui.charts.figures import confusion_figure, curves_figure
from ui.iris.lessons import above_training_note, loss_lesson
from ui.iris.train import MAX_RUNS
from ui.state import keys
from ui.training.compare import compare_runs


def show_result(result: IrisResult, config: IrisConfig) -> None:
    """The latest network's scores and curves, and how it answers the three check flowers."""
    if result.config != config:
        st.warning(
            "The settings changed since this network was trained: press **Train** to retrain."
        )
    first, second, third = st.columns(3)
    first.metric("Test accuracy", f"{result.test_accuracy:.1%}")
    second.metric("Training accuracy (last epoch)", f"{result.history['accuracy'][-1]:.1%}")
    third.metric("Training time", f"{result.seconds:.1f} s")
    st.caption(score_sentence(result.confusion))
    above_training_note(result)  # Only when the test accuracy is the higher one.
    left, right = st.columns(2)
    left.plotly_chart(curves_figure(result.history, "loss", "Loss"), key="iris_loss")
    left.caption(curves_text(result.history, "loss"))
    loss_lesson(result.network, left)
    right.plotly_chart(curves_figure(result.history, "accuracy", "Accuracy"), key="iris_accuracy")
    right.caption(curves_text(result.history, "accuracy"))
    left, right = st.columns(2)
    left.plotly_chart(confusion_figure(result.confusion, SPECIES), key="iris_confusion")
    left.caption(
        confusion_reading(result.confusion, SPECIES, "test flowers")
        + screen_reader_html(" " + confusion_cells(result.confusion, SPECIES)),
        unsafe_allow_html=True,
    )
    with right:
        st.subheader("The workshop's three check flowers")
        checks = predict_iris(result.network, [flower for flower, _ in CHECK_FLOWERS])
        for (flower, truth), row in zip(CHECK_FLOWERS, checks, strict=True):
            guess = SPECIES[int(row.argmax())]
            mark = "✓" if guess == truth else "✗"
            st.markdown(
                f"{mark} `{list(flower)}` is **{truth}**: predicted {guess} ({row.max():.0%})"
            )


def compare_section() -> None:
    """The last few trainings' curves on one chart, to see what a changed setting did."""
    runs = st.session_state.get(keys.IRIS_RUNS) or []
    if not runs:
        return
    st.subheader("Compare your runs")
    st.caption(
        f"Your last {len(runs)} trainings (the page keeps up to {MAX_RUNS}). Change one "
        "setting and train again: each training joins the chart."
    )
    compare_runs(runs, keys.IRIS_COMPARE, "iris_compare_measure", _steps)


def _steps(config: IrisConfig) -> int:
    return config.steps_per_epoch
