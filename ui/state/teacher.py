"""The teacher's class model (WORKSHOP_MNIST_MODEL): loaded once per server, shared read-only.

A class can draw at once, before anyone trains. It is the one network every session shares,
so a Keras model (one NumPy cannot run) is called one session at a time.
"""

from __future__ import annotations

import os
from typing import Any

import streamlit as st

from core.engine.jobs.base import TrainingFailed
from core.engine.models.trained_network import TrainedNetwork
from core.mnist.model_file import ModelFile
from ui.state.backend import checked_model_file

TEACHER_MODEL_ENV = "WORKSHOP_MNIST_MODEL"  # path of a pre-trained .keras model for the class
TEACHER_LABEL = "The class model (prepared by your teacher)"


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
    copy = checked.network.numpy_copy
    if copy is None:  # A Keras model, shared by every session: one at a time.
        return TrainedNetwork(keras_model=LockedModel(checked.network.keras_model)), checked.note
    return TrainedNetwork(copy), checked.note


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
