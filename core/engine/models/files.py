"""Saving and loading `.keras` files, with checks that turn every bad file into a clear message.

Every message names the file as the user knows it (an upload's own name, never the
temporary file it is loaded from) and says in one sentence what is wrong; the checks
themselves are in core.engine.models.checks.
"""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import keras

import core.engine.runtime.tf_threads  # noqa: F401  (before any TensorFlow operation: see its docstring)
from core.engine.models.checks import (
    MAX_WEIGHT_BYTES,
    ModelFileError,
    declared_weight_bytes,
    ensure_probabilities,
    plain_reason,
    read_config,
    refuse,
)
from core.engine.models.output_path import check_output_path, save_atomically

__all__ = [
    "CheckedModel",
    "ModelFileError",
    "check_output_path",
    "load_checked_model",
    "model_to_bytes",
    "open_model_file",
    "save_model",
]
_HDF5 = b"\x89HDF\r\n\x1a\n"


@dataclass(frozen=True)
class CheckedModel:
    """A model that fits the page, and a note for the user ("" if none), e.g. that the app
    added a softmax to a model ending in raw scores."""

    model: keras.Model
    note: str = ""


def open_model_file(
    source: str | os.PathLike | bytes,
    input_shape: tuple[int, ...],
    classes: int,
    name: str | None = None,
) -> CheckedModel:
    """Load a `.keras` file (a path, or an upload's bytes) and check it fits the page.

    `name` is what messages call the file: the upload's own name; by default the path's
    file name, or "the upload". `safe_mode=True` refuses Lambda layers, whose saved Python
    code would run on the server. Outputs must be probabilities (see ensure_probabilities).
    """
    if isinstance(source, bytes):
        name = name or "the upload"
        if source.startswith(_HDF5):
            raise refuse(name, "is an old Keras .h5 file; save the model again as .keras")
        if not zipfile.is_zipfile(io.BytesIO(source)):
            raise refuse(name, "is not a .keras model file (not a zip archive)")
        read_config(io.BytesIO(source), name)
        with tempfile.TemporaryDirectory() as folder:
            path = Path(folder) / "model.keras"
            path.write_bytes(source)
            return _load(path, input_shape, classes, name)
    path = Path(source)
    name = name or path.name
    if not path.is_file():
        raise refuse(f"model file not found: {path}", "")
    with path.open("rb") as file:
        head = file.read(len(_HDF5))
    if head == _HDF5:
        raise refuse(name, "is an old Keras .h5 file; save the model again as .keras")
    if not zipfile.is_zipfile(path):
        raise refuse(name, "is not a .keras model file (not a zip archive)")
    return _load(path, input_shape, classes, name)


def load_checked_model(
    source: str | os.PathLike | bytes,
    input_shape: tuple[int, ...],
    classes: int,
    name: str | None = None,
) -> keras.Model:
    """open_model_file(...).model, for callers that show no note."""
    return open_model_file(source, input_shape, classes, name).model


def _load(path: Path, input_shape: tuple[int, ...], classes: int, name: str) -> CheckedModel:
    with path.open("rb") as file:
        config = read_config(file, name)
    try:
        declared = declared_weight_bytes(config)
    except Exception as error:  # Deserialising untrusted config raises many kinds.
        raise plain_reason(error, name) from None
    if declared is not None and declared > MAX_WEIGHT_BYTES:
        raise refuse(
            name,
            f"would need {declared / 2**20:,.0f} MB of weights, more than the "
            f"{MAX_WEIGHT_BYTES // 2**20} MB one model may use here",
        )
    try:
        model = keras.models.load_model(path, compile=False, safe_mode=True)
    except Exception as error:  # Keras raises many kinds for bad files.
        raise plain_reason(error, name) from None
    _check_shape(model, input_shape, classes, name)
    model, note = ensure_probabilities(model, input_shape, name)
    return CheckedModel(model, note)


def _check_shape(model: keras.Model, input_shape: tuple[int, ...], classes: int, name: str) -> None:
    if (
        len(getattr(model, "inputs", []) or []) != 1
        or len(getattr(model, "outputs", []) or []) != 1
    ):
        raise refuse(name, "must have exactly one input and one output")
    try:
        got_in = tuple(model.inputs[0].shape[1:])
        got_out = tuple(model.outputs[0].shape[1:])
    except (AttributeError, IndexError, TypeError, ValueError):
        raise refuse(name, "has no fixed input and output shape") from None
    if got_in != tuple(input_shape):
        raise refuse(
            name, f"expects inputs of shape {got_in}, but this page gives {tuple(input_shape)}"
        )
    if got_out != (classes,):
        raise refuse(name, f"has outputs of shape {got_out}, but {classes} classes are needed")


def model_to_bytes(model: keras.Model) -> bytes:
    """The model as the bytes of a `.keras` file, for a download button."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.keras"
        model.save(path)
        return path.read_bytes()


def save_model(model: keras.Model, path: str | os.PathLike) -> None:
    """Save a model atomically, its errors naming `path` (output_path.save_atomically)."""
    save_atomically(path, model.save)
