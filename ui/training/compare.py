"""Comparing a page's kept runs: which runs and which measure, one chart, and its caption.

Iris and MNIST both keep their last few runs with their curves (`history`, and for an MNIST
run its batch-by-batch `curve`); core.basics.run_curves turns them into lines on one axis of
epochs trained and says in words what they show.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

import streamlit as st

from core.basics.run_curves import MEASURES, RunCurve, compare_caption, run_curve
from ui.charts.run_overlay import overlay_svg
from ui.state.kept_settings import LESSON_SETTING, OWN_CHOICE


def _number(run: Any, index: int) -> int:
    """The run's style number: from its "Run N:" label, so it keeps its look as runs go."""
    head = run.label.split(":", 1)[0].split()
    if len(head) == 2 and head[0] == "Run" and head[1].isdigit():
        return int(head[1]) - 1
    return index


def curves_of(
    runs: Sequence[Any], measure: str, batches_per_epoch: Callable[[Any], int]
) -> tuple[list[RunCurve], list[int], list[str]]:
    """(the runs' lines, their style numbers, the labels of runs without this measure)."""
    curves, numbers, missing = [], [], []
    for index, run in enumerate(runs):
        if measure in ("loss", "accuracy"):
            points = [(p.batches_done, getattr(p, measure)) for p in getattr(run, "curve", ())]
        else:
            points = []  # The batch curve is the training data's only.
        curve = run_curve(
            run.label,
            run.history,
            measure,
            run.config.epochs,
            points,
            batches_per_epoch(run.config),
        )
        if curve is None:
            missing.append(run.label)
        else:
            curves.append(curve)
            numbers.append(_number(run, index))
    return curves, numbers, missing


def compare_runs(
    runs: Sequence[Any],
    runs_key: str,
    measure_key: str,
    batches_per_epoch: Callable[[Any], int],
) -> None:
    """The runs to overlay, the measure, the chart and its caption."""
    labels = [run.label for run in runs]
    chosen = st.multiselect(
        "Runs on the chart",
        labels,
        default=None if runs_key in st.session_state else labels,
        key=runs_key,
        **OWN_CHOICE,
        help="Each run you train joins the chart; take a run off here.",
    )
    shown = [run for run in runs if run.label in chosen]
    # The measures some run has a curve of; all of them while none has (untrained networks),
    # so the setting is always one of them, never empty.
    measures = [m for m in MEASURES if curves_of(runs, m, batches_per_epoch)[0]] or list(MEASURES)
    measure = st.radio(
        "Measure",
        measures,
        format_func=lambda m: MEASURES[m].capitalize(),
        horizontal=True,
        key=measure_key,
        **LESSON_SETTING,
    )
    if not shown or measure is None:
        st.caption("Choose at least one run to see its curve.")
        return
    curves, numbers, missing = curves_of(shown, measure, batches_per_epoch)
    if curves:
        st.html(overlay_svg(curves, measure, numbers))
    st.caption(compare_caption(curves, measure, missing))
