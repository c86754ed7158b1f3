"""A session's MNIST runs as it keeps them, and its latest drawing.

Each run's network is a TrainedNetwork (core.engine.models.trained_network), answering in
NumPy wherever it can. The networks a page draws with: ui/mnist/runs.py.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.state import keys
from ui.state.compare_choice import include_new_run
from ui.state.kept_work import keep_run
from ui.state.run_limits import MNIST_RUNS_KEPT

MAX_RUNS = MNIST_RUNS_KEPT


def keep_mnist_run(run: Any) -> None:
    """Number and keep a finished run (the latest MAX_RUNS), and select it everywhere."""
    runs = st.session_state.setdefault(keys.MNIST_RUNS, [])
    number = st.session_state.get(keys.MNIST_RUN_COUNT, len(runs)) + 1
    st.session_state[keys.MNIST_RUN_COUNT] = number
    run.label = f"Run {number}: {run.label}"
    runs.append(run)
    del runs[:-MAX_RUNS]
    st.session_state[keys.MNIST_SELECTED] = len(runs) - 1
    include_new_run(keys.MNIST_COMPARE, run.label)
    # The rerun that a Stop click starts brings the radio's old choice along: ask the page
    # to select the new run when it draws the radio.
    st.session_state[keys.MNIST_SELECT_LATEST] = True
    keep_run("mnist", run)  # Kept in the store: a reload or a restart brings it back.


def chosen_run() -> Any | None:
    """The run chosen on the MNIST page, as kept so far (a training still being stopped is
    not waited for): for pages that only mention it."""
    runs = st.session_state.get(keys.MNIST_RUNS) or []
    index = st.session_state.get(keys.MNIST_SELECTED)
    if isinstance(index, int) and 0 <= index < len(runs):
        return runs[index]
    return runs[-1] if runs else None


def latest_drawing():
    """The RGBA array of the user's latest drawing on the Draw page, or None."""
    return st.session_state.get(keys.LATEST_DRAWING)
