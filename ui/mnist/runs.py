"""The MNIST page's training, and the networks a session draws with: its runs, its uploads
and the class model.

Each is a TrainedNetwork (core.engine.models.trained_network), answering in NumPy wherever
it can: no TensorFlow, which a server sending its trainings to Ray never loads.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.mnist.training import run_mnist
from ui.state import keys
from ui.state.networks import keep_mnist_run
from ui.state.teacher import TEACHER_LABEL, teacher_model
from ui.training.page_training import PageTraining, keep_ended_training

MNIST_TRAINING = PageTraining(
    flow=run_mnist,
    job_key=keys.MNIST_JOB,
    queued=True,
    redraw_s=0.25,  # Four looks a second; the flow reports a little over twice a second.
    keep=keep_mnist_run,
    keep_stopped=True,
)


def mnist_runs() -> list:
    """This session's MNIST trainings, oldest first.

    A training that a click interrupted (Stop, another page) is still being tested: it
    joins the list here, on whichever page asks first.
    """
    keep_ended_training(MNIST_TRAINING)
    return st.session_state.setdefault(keys.MNIST_RUNS, [])


def mnist_models() -> list[tuple[str, Any]]:
    """Every MNIST model this user may draw with: their runs, their uploads, the class model."""
    models = [(run.label, run.network) for run in mnist_runs() if run.network is not None]
    models += st.session_state.get(keys.UPLOADED_MODELS, [])
    teacher = teacher_model()
    if teacher is not None and teacher[0] is not None:
        models.append((TEACHER_LABEL, teacher[0]))
    return models


def current_mnist_model() -> tuple[Any, str] | None:
    """(model, label) the Draw and Inside-the-CNN pages should use, or None before training.

    The run chosen on the MNIST page wins; otherwise the latest run, an upload, or the
    teacher's class model.
    """
    runs = mnist_runs()
    index = st.session_state.get(keys.MNIST_SELECTED)
    if index is not None and 0 <= index < len(runs) and runs[index].network is not None:
        return runs[index].network, runs[index].label
    trained = [run for run in runs if run.network is not None]
    if trained:
        return trained[-1].network, trained[-1].label
    uploads = st.session_state.get(keys.UPLOADED_MODELS, [])
    if uploads:
        label, model = uploads[-1]
        return model, label
    teacher = teacher_model()
    if teacher is not None and teacher[0] is not None:
        return teacher[0], TEACHER_LABEL
    return None
