"""What one user's session holds, in one place, so that pages agree on the keys.

Everything here lives in `st.session_state`: it belongs to one browser session, other
users never see it, and it is freed when the session ends.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

MNIST_RUNS = "mnist_runs"  # list[core.mnist_training.MnistRun], oldest first
MNIST_SELECTED = "mnist_selected_run"  # index into MNIST_RUNS of the model the Draw page uses
TEACHER_MODEL = "mnist_teacher_model"  # a model loaded from a file named by a setting
LATEST_DRAWING = "draw_latest_image"  # RGBA uint8 array of the user's latest drawing, or None
IRIS_RESULT = "iris_result"  # core.iris_model.IrisResult of the latest Iris training


def mnist_runs() -> list:
    """This session's MNIST trainings, oldest first."""
    return st.session_state.setdefault(MNIST_RUNS, [])


def current_mnist_model() -> tuple[Any, str] | None:
    """(model, label) the Draw and Inside-the-CNN pages should use, or None before training.

    The user's chosen run wins; otherwise their latest run; otherwise a teacher's model.
    """
    runs = [run for run in mnist_runs() if run.model is not None]
    if runs:
        index = st.session_state.get(MNIST_SELECTED)
        if index is None or not 0 <= index < len(mnist_runs()) or mnist_runs()[index].model is None:
            run = runs[-1]
        else:
            run = mnist_runs()[index]
        return run.model, run.label
    teacher = st.session_state.get(TEACHER_MODEL)
    if teacher is not None:
        return teacher
    return None


def latest_drawing():
    """The RGBA array of the user's latest drawing on the Draw page, or None."""
    return st.session_state.get(LATEST_DRAWING)
