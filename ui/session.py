"""What one user's session holds, in one place, so that pages agree on the keys.

Everything here lives in `st.session_state`: it belongs to one browser session, other
users never see it, and it is freed when the session ends. The exceptions are the teacher's
class model, loaded once per server and shared read-only, and the server's one training
backend with its queue (core.engine.jobs.base: in this process, or a Ray cluster).

The networks the pages draw with are NumPy copies (core.engine.models.numpy_copy) wherever
possible: they need no TensorFlow, which a server sending its trainings to Ray never loads.

A widget's own key (`key="iris_epochs"`) belongs to its page; every other key the app
keeps in the session state is named here (tests/ui/test_session_keys.py checks it).
"""

from __future__ import annotations

import os
import time
from typing import Any

import streamlit as st

from core.engine.jobs.base import CANCELLED, TrainingFailed
from core.engine.jobs.default import default_backend
from core.mnist.model_file import MODEL_FILE_FLOW, CheckedFile, ModelFile, check_model_file

MNIST_RUNS = "mnist_runs"  # list[core.mnist.training.MnistRun], oldest first
MNIST_RUN_COUNT = "mnist_run_count"  # how many runs were filed: the next one's number
MNIST_SELECTED = "mnist_selected_run"  # index into MNIST_RUNS of the model the Draw page uses
MNIST_CHOICE = "mnist_choice"  # the MNIST page's radio of runs (set by code for a new run)
MNIST_SELECT_LATEST = "mnist_select_latest"  # True: the radio must show the newest run
MNIST_JOB = "mnist_job"  # core.engine.jobs.base.TrainingJob of an MNIST training not yet filed
UPLOADED_MODELS = "mnist_uploaded_models"  # list[(label, network)] uploaded by the user
UPLOADED_NOTES = "mnist_uploaded_notes"  # {label: note from checking the upload, or ""}
LATEST_DRAWING = "draw_latest_image"  # RGBA uint8 array of the user's latest drawing, or None
DRAW_CLEARS = "draw_clears"  # how often Clear was pressed: part of the canvas's blank drawing
IRIS_RESULT = "iris_result"  # core.iris.model.IrisResult of the latest Iris training
IRIS_JOB = "iris_job"  # core.engine.jobs.base.TrainingJob of the Iris training under way
GD_PATH = "gd_path"  # list[float]: the gradient-descent page's weights since its last reset
TEACHER_MODEL_ENV = "WORKSHOP_MNIST_MODEL"  # path of a pre-trained .keras model for the class
MAX_RUNS = 5  # Each run keeps a model (~1 MB of weights); older ones are let go.
CHECK_TIMEOUT_S = 120.0  # Checking a model file takes seconds, even on a busy cluster.


def training_backend():
    """The server's one training backend (core.engine.jobs.base): its queue is everyone's.

    Raises TrainingFailed (one sentence) when the Ray cluster it names cannot be reached.
    """
    return default_backend()


def checked_model_file(file: ModelFile) -> CheckedFile:
    """Check a `.keras` file where the trainings run (a Ray worker has Keras; this server may
    not). A network NumPy cannot run comes back without its Keras model from a cluster:
    then, and only then, this server loads Keras to check it itself.

    Raises TrainingFailed (one sentence) if the check could not run at all.
    """
    job = training_backend().submit(MODEL_FILE_FLOW, file, queued=False)
    checked = job.result(timeout=CHECK_TIMEOUT_S)
    if checked.needs_keras:
        checked = check_model_file(file, lambda progress: None, lambda: False)
    return checked


# The settings a student chooses, page by page: ui/remembered.py keeps them for the whole
# session, where Streamlit would forget a widget's value as soon as its page is left.
# Setting widgets only (sliders, select sliders, number inputs, radios, toggles, check
# boxes, select boxes, multiselects, text inputs): never a button, an uploader, the canvas
# or a table, whose values Streamlit refuses to be set or which must start afresh.
# tests/pages/test_settings_remembered.py walks every page and holds this list to that.
REMEMBERED_SETTINGS: frozenset[str] = frozenset(
    {
        # Neurons and networks
        *(f"neurons_{name}{i}" for name in "xw" for i in (1, 2, 3)),
        "neurons_bias",
        "neurons_activation",
        "neurons_inputs",
        "neurons_hidden_layers",
        "neurons_per_layer",
        "neurons_outputs",
        # Training by gradient descent
        "gd_learning_rate",
        "gd_start_weight",
        # Training and test data
        "overfitting_degree",
        "overfitting_seed",
        # Iris flowers (up to three hidden layers; four measurements of a flower)
        "iris_x_feature",
        "iris_y_feature",
        "iris_test_fraction",
        "iris_layers",
        *(f"iris_neurons_{i}" for i in (1, 2, 3)),
        "iris_epochs",
        "iris_steps",
        "iris_batch",
        "iris_learning_rate",
        "iris_seed",
        *(f"iris_measure_{i}" for i in range(4)),
        # Kernel convolution (kernels up to 5x5)
        "conv_source",
        "conv_digit",
        "conv_patch_row",
        "conv_patch_col",
        "conv_preset",
        "conv_size",
        "conv_padding",
        *(f"conv_k_{r}_{c}" for r in range(5) for c in range(5)),
        "conv_display",
        "conv_pixel_row",
        "conv_pixel_col",
        # MNIST training
        "mnist_filters1",
        "mnist_filters2",
        "mnist_kernel",
        "mnist_dense",
        "mnist_dropout",
        "mnist_epochs",
        "mnist_train_size",
        "mnist_batch",
        "mnist_seed",
        "mnist_invert",
        "mnist_choice",
        # Draw a digit
        "draw_model",
        "draw_centre",
        "draw_paper",
        "draw_pen",
        "draw_compare",
        # Inside the CNN
        "cnn_source",
        "cnn_digit",
        "cnn_layer",
    }
)
# The Draw page's choices of network start from the run chosen on the MNIST page: when that
# choice changes (a new training, another run picked), they are forgotten and start from it.
FOLLOW_MNIST_CHOICE: frozenset[str] = frozenset({"draw_model", "draw_compare"})
REMEMBERED_MNIST_CHOICE = "remembered_mnist_choice"  # label of that run when last seen, or None


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
    elif job.progress().message == CANCELLED:  # The student would otherwise see nothing.
        st.warning(CANCELLED)


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
    """The teacher's model, once per server: (network, note) when it loads, the note saying
    e.g. that a softmax was added ("" if nothing to say); (None, reason) when it cannot.
    A cluster that cannot be reached raises (TrainingFailed), and is asked again next time."""
    from core.engine.models.locked_keras import LockedModel

    file = ModelFile.read(path)
    if isinstance(file, str):
        return None, file
    checked = checked_model_file(file)
    if checked.refusal:
        return None, checked.refusal
    if checked.portable is None:  # A Keras model, shared by every session: one at a time.
        return LockedModel(checked.model), checked.note
    return checked.portable, checked.note


def teacher_model() -> tuple[Any, str] | None:
    """(network, note) or (None, reason) for the file named by WORKSHOP_MNIST_MODEL; None if
    unset."""
    path = os.environ.get(TEACHER_MODEL_ENV, "").strip()
    if not path:
        return None
    try:
        return _teacher_model(path)
    except TrainingFailed as error:
        return None, str(error)


def run_network(run: Any) -> Any | None:
    """The network a run answers with: its NumPy copy where there is one (MnistRun.usable),
    else its Keras model; None for a run that kept none."""
    usable = getattr(run, "usable", None)
    return usable if usable is not None else getattr(run, "model", None)


def mnist_models() -> list[tuple[str, Any]]:
    """Every MNIST model this user may draw with: their runs, their uploads, the class model."""
    models = [(run.label, run_network(run)) for run in mnist_runs() if run_network(run) is not None]
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
    if index is not None and 0 <= index < len(runs) and run_network(runs[index]) is not None:
        return run_network(runs[index]), runs[index].label
    trained = [run for run in runs if run_network(run) is not None]
    if trained:
        return run_network(trained[-1]), trained[-1].label
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
