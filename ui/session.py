"""What one user's session holds, in one place, so that pages agree on the keys.

Everything here lives in `st.session_state`: it belongs to one browser session, other
users never see it, and it is freed when the session ends. The one exception is the
teacher's class model, loaded once per server and shared read-only (behind a lock).
"""

from __future__ import annotations

import os
from typing import Any

import streamlit as st

MNIST_RUNS = "mnist_runs"  # list[core.mnist.training.MnistRun], oldest first
MNIST_SELECTED = "mnist_selected_run"  # index into MNIST_RUNS of the model the Draw page uses
UPLOADED_MODELS = "mnist_uploaded_models"  # list[(label, keras.Model)] uploaded by the user
UPLOADED_NOTES = "mnist_uploaded_notes"  # {label: note from checking the upload, or ""}
LATEST_DRAWING = "draw_latest_image"  # RGBA uint8 array of the user's latest drawing, or None
IRIS_RESULT = "iris_result"  # core.iris.model.IrisResult of the latest Iris training
TEACHER_MODEL_ENV = "WORKSHOP_MNIST_MODEL"  # path of a pre-trained .keras model for the class


def mnist_runs() -> list:
    """This session's MNIST trainings, oldest first."""
    return st.session_state.setdefault(MNIST_RUNS, [])


@st.cache_resource(show_spinner="Loading the class model ...")
def _teacher_model(path: str) -> tuple[Any, str]:
    """The teacher's model, once per server: (model, note) when it loads, the note saying
    e.g. that a softmax was added ("" if nothing to say); (None, reason) when it cannot."""
    from core.engine.model_io import ModelFileError, open_model_file
    from core.engine.shared_model import LockedModel
    from core.mnist.model import CLASSES, INPUT_SHAPE

    try:
        checked = open_model_file(path, INPUT_SHAPE, CLASSES)
    except ModelFileError as error:
        return None, str(error)
    return LockedModel(checked.model), checked.note


def teacher_model() -> tuple[Any, str] | None:
    """(model, note) or (None, reason) for the file named by WORKSHOP_MNIST_MODEL; None if
    unset."""
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


@st.cache_resource
def training_slots():
    """The server's one training queue (WORKSHOP_MAX_TRAININGS at once, default 2)."""
    from core.engine.training_slots import TrainingSlots

    try:
        limit = max(1, int(os.environ.get("WORKSHOP_MAX_TRAININGS", "2")))
    except ValueError:
        limit = 2
    return TrainingSlots(limit)
