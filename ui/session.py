"""What one user's session holds, in one place, so that pages agree on the keys.

Everything here lives in `st.session_state`: it belongs to one browser session, other
users never see it, and it is freed when the session ends. The exceptions are the teacher's
class model, loaded once per server and shared read-only (behind a lock), and the server's
one training backend with its queue.

A widget's own key (`key="iris_epochs"`) belongs to its page; every other key the app
keeps in the session state is named here (tests/ui/test_session_keys.py checks it).
"""

from __future__ import annotations

import os
import time
from typing import Any

import streamlit as st

from core.engine.jobs import TrainingFailed, default_backend

MNIST_RUNS = "mnist_runs"  # list[core.mnist.training.MnistRun], oldest first
MNIST_RUN_COUNT = "mnist_run_count"  # how many runs were filed: the next one's number
MNIST_SELECTED = "mnist_selected_run"  # index into MNIST_RUNS of the model the Draw page uses
MNIST_CHOICE = "mnist_choice"  # the MNIST page's radio of runs (set by code for a new run)
MNIST_SELECT_LATEST = "mnist_select_latest"  # True: the radio must show the newest run
MNIST_JOB = "mnist_job"  # core.engine.jobs.TrainingJob of an MNIST training not yet filed
UPLOADED_MODELS = "mnist_uploaded_models"  # list[(label, keras.Model)] uploaded by the user
LATEST_DRAWING = "draw_latest_image"  # RGBA uint8 array of the user's latest drawing, or None
DRAW_CLEARS = "draw_clears"  # how often Clear was pressed: part of the canvas's blank drawing
IRIS_RESULT = "iris_result"  # core.iris.model.IrisResult of the latest Iris training
IRIS_JOB = "iris_job"  # core.engine.jobs.TrainingJob of the Iris training under way
GD_PATH = "gd_path"  # list[float]: the gradient-descent page's weights since its last reset
TEACHER_MODEL_ENV = "WORKSHOP_MNIST_MODEL"  # path of a pre-trained .keras model for the class
MAX_RUNS = 5  # Each run keeps a model (~1 MB of weights); older ones are let go.


def training_backend():
    """The server's one training backend (core.engine.jobs): its queue is everyone's."""
    return default_backend()


def mnist_runs() -> list:
    """This session's MNIST trainings, oldest first.

    A training that a click interrupted (Stop, another page) is still being tested: it
    joins the list here, on whichever page asks first.
    """
    collect_mnist_job()
    return st.session_state.setdefault(MNIST_RUNS, [])


def collect_mnist_job() -> None:
    """File the session's ended MNIST training, waiting for it if it is still stopping.

    Its run joins the list (the newest selected); a failure is shown as one sentence.
    """
    job = st.session_state.get(MNIST_JOB)
    if job is None:
        return
    if not job.done():
        # Only a stopped training is left behind by an earlier run: it ends by itself.
        stopping = "Testing the stopped network ..."
        if job.progress().phase not in ("training", "evaluating"):
            stopping = "Stopping the training ..."
        with st.spinner(stopping):
            while not job.done():
                time.sleep(0.1)
    del st.session_state[MNIST_JOB]
    try:
        run = job.result()
    except TrainingFailed as error:
        st.error(str(error))
        return
    if run is not None:
        file_mnist_run(run)


def file_mnist_run(run) -> None:
    """Number and keep a finished run (the latest MAX_RUNS), and select it everywhere."""
    runs = st.session_state.setdefault(MNIST_RUNS, [])
    number = st.session_state.get(MNIST_RUN_COUNT, len(runs)) + 1
    st.session_state[MNIST_RUN_COUNT] = number
    run.label = f"Run {number}: {run.label}"
    runs.append(run)
    del runs[:-MAX_RUNS]
    st.session_state[MNIST_SELECTED] = len(runs) - 1
    # The rerun that a Stop click starts brings the radio's old choice along: ask the page
    # to select the new run when it draws the radio.
    st.session_state[MNIST_SELECT_LATEST] = True


@st.cache_resource(show_spinner="Loading the class model ...")
def _teacher_model(path: str) -> tuple[Any, str]:
    """The teacher's model, once per server; (None, reason) when the file is unusable."""
    from core.engine.model_io import ModelFileError, load_checked_model
    from core.engine.shared_model import LockedModel
    from core.mnist.model import CLASSES, INPUT_SHAPE

    try:
        return LockedModel(load_checked_model(path, INPUT_SHAPE, CLASSES)), ""
    except ModelFileError as error:
        return None, str(error)


def teacher_model() -> tuple[Any, str] | None:
    """(model or None, error) for the file named by WORKSHOP_MNIST_MODEL, or None if unset."""
    path = os.environ.get(TEACHER_MODEL_ENV, "").strip()
    return _teacher_model(path) if path else None


def mnist_models() -> list[tuple[str, Any]]:
    """Every MNIST model this user may draw with: their runs, their uploads, the class model."""
    models = [(run.label, run.model) for run in mnist_runs() if run.model is not None]
    models += st.session_state.get(UPLOADED_MODELS, [])
    teacher = teacher_model()
    if teacher is not None and teacher[0] is not None:
        models.append(("The class model (prepared by your teacher)", teacher[0]))
    return models


def current_mnist_model() -> tuple[Any, str] | None:
    """(model, label) the Draw and Inside-the-CNN pages should use, or None before training.

    The run chosen on the MNIST page wins; otherwise the latest run, an upload, or the
    teacher's class model.
    """
    runs = mnist_runs()
    index = st.session_state.get(MNIST_SELECTED)
    if index is not None and 0 <= index < len(runs) and runs[index].model is not None:
        return runs[index].model, runs[index].label
    trained = [run for run in runs if run.model is not None]
    if trained:
        return trained[-1].model, trained[-1].label
    uploads = st.session_state.get(UPLOADED_MODELS, [])
    if uploads:
        label, model = uploads[-1]
        return model, label
    teacher = teacher_model()
    if teacher is not None and teacher[0] is not None:
        return teacher[0], "The class model (prepared by your teacher)"
    return None


def latest_drawing():
    """The RGBA array of the user's latest drawing on the Draw page, or None."""
    return st.session_state.get(LATEST_DRAWING)
