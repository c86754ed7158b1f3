"""Saving and loading `.keras` files, with checks that turn every bad file into a clear message."""

from __future__ import annotations

import io
import os
import tempfile
import zipfile
from pathlib import Path

import keras
import numpy as np

import core.engine.tf_threads  # noqa: F401  (before any TensorFlow operation: see its docstring)


class ModelFileError(ValueError):
    """A model file that cannot be used here; the message says why, in one line."""


def load_checked_model(
    source: str | os.PathLike | bytes,
    input_shape: tuple[int, ...],
    classes: int,
) -> keras.Model:
    """Load a `.keras` file and check that it fits the page that will use it.

    `safe_mode=True` refuses Lambda layers, whose saved Python code would run on the
    server; such a file is rejected with a message rather than trusted.
    """
    if isinstance(source, bytes):
        return _load_from_bytes(source, input_shape, classes)
    path = Path(source)
    if not path.is_file():
        raise ModelFileError(f"model file not found: {path}")
    if not zipfile.is_zipfile(path):
        raise ModelFileError(f"{path.name} is not a .keras model file (not a zip archive)")
    try:
        model = keras.models.load_model(path, compile=False, safe_mode=True)
    except Exception as error:  # Keras raises many kinds for bad files.
        raise ModelFileError(f"{path.name} could not be loaded: {_short(error)}") from None
    _check_shape(model, input_shape, classes, path.name)
    return model


def _load_from_bytes(data: bytes, input_shape: tuple[int, ...], classes: int) -> keras.Model:
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise ModelFileError("the upload is not a .keras model file (not a zip archive)")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "upload.keras"
        path.write_bytes(data)
        return load_checked_model(path, input_shape, classes)


def _check_shape(model: keras.Model, input_shape: tuple[int, ...], classes: int, name: str) -> None:
    if (
        len(getattr(model, "inputs", []) or []) != 1
        or len(getattr(model, "outputs", []) or []) != 1
    ):
        raise ModelFileError(f"{name} must have exactly one input and one output")
    try:
        got_in = tuple(model.inputs[0].shape[1:])
        got_out = tuple(model.outputs[0].shape[1:])
    except (AttributeError, IndexError, TypeError, ValueError):
        raise ModelFileError(f"{name} has no fixed input and output shape") from None
    if got_in != tuple(input_shape):
        raise ModelFileError(
            f"{name} expects inputs of shape {got_in}, but this page gives {tuple(input_shape)}"
        )
    if got_out != (classes,):
        raise ModelFileError(
            f"{name} has outputs of shape {got_out}, but {classes} classes are needed"
        )
    # A trial answer on a blank input catches what shapes cannot (custom wiring, bad weights).
    try:
        probe = np.asarray(model(np.zeros((1, *input_shape), dtype=np.float32), training=False))
    except Exception as error:
        raise ModelFileError(f"{name} fails on a test input: {_short(error)}") from None
    if probe.shape != (1, classes) or not np.all(np.isfinite(probe)):
        raise ModelFileError(f"{name} gives no usable answer on a test input")


def _short(error: Exception) -> str:
    text = " ".join(str(error).split())
    if "lambda" in text.lower():
        return "it contains a Lambda layer (custom code), which is not loaded for safety"
    return text[:200] if text else type(error).__name__


def model_to_bytes(model: keras.Model) -> bytes:
    """The model as the bytes of a `.keras` file, for a download button."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "model.keras"
        model.save(path)
        return path.read_bytes()


def save_model(model: keras.Model, path: str | os.PathLike) -> None:
    """Save atomically: a crash mid-write never leaves a half-written model under `path`."""
    target = Path(path)
    if target.suffix != ".keras":
        raise ModelFileError(f"the output file must end in .keras, got {target.name}")
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial.keras")
    model.save(partial)
    os.replace(partial, target)
