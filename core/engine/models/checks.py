"""Checks of a `.keras` file before and after Keras loads it, each failure one plain sentence.

A student's upload is untrusted. Before Keras sees it: the zip's directory (how many files,
how large unpacked), its config.json, and how many weights the config would create,
counted without allocating them (a config can ask for a 300 GB layer in a few bytes).
After loading: the outputs must be probabilities, because the pages show them as
percentages; a model that ends in raw scores (logits) gets a softmax, and says so.
Keras's own errors become sentences that name the student's file, never a class path.
"""

from __future__ import annotations

import json
import logging
import math
import zipfile
from typing import IO

import numpy as np
from numpy.typing import ArrayLike, DTypeLike

MAX_ENTRIES = 100  # A Keras 3 file holds three (config, metadata, weights), plus assets.
MAX_UNPACKED_BYTES = 128 * 2**20
MAX_CONFIG_BYTES = 4 * 2**20
MAX_WEIGHT_BYTES = 64 * 2**20  # 16 million float32 weights; the app's largest CNN has 3.3.
LOGITS_NOTE = (
    "ends in raw scores (logits), so the app adds a softmax to turn them into probabilities"
)
_UNKNOWN_HINTS = (
    "could not locate",
    "deserializ",
    "unknown layer",
    "kerassaveable",
    "safe_mode",
    "expected 'config'",
    "register_keras_serializable",
)
_log = logging.getLogger(__name__)


class ModelFileError(ValueError):
    """A model file that cannot be used here; the message says why, in one sentence."""


def refuse(name: str, what: str) -> ModelFileError:
    """The error for `name`: one line, ending in a full stop."""
    text = " ".join(f"{name} {what}".split())
    return ModelFileError(text if text.endswith(".") else text + ".")


def read_config(archive_file: IO[bytes], name: str) -> dict:
    """The model's config.json from the zip's directory, after bounding what it unpacks to."""
    try:
        with zipfile.ZipFile(archive_file) as archive:
            entries = archive.infolist()
            if len(entries) > MAX_ENTRIES:
                raise refuse(name, f"holds {len(entries):,} files, which no Keras model does")
            unpacked = sum(entry.file_size for entry in entries)
            if unpacked > MAX_UNPACKED_BYTES:
                raise refuse(
                    name,
                    f"unpacks to {unpacked / 2**20:,.0f} MB, more than the "
                    f"{MAX_UNPACKED_BYTES // 2**20} MB allowed",
                )
            names = {entry.filename: entry for entry in entries}
            if "config.json" not in names:
                raise refuse(name, "is a zip archive but not a Keras model (it has no config.json)")
            if not any(n in names for n in ("model.weights.h5", "model.weights.npz")):
                raise refuse(name, "has no weights (model.weights.h5 is missing)")
            if names["config.json"].file_size > MAX_CONFIG_BYTES:
                raise refuse(name, "has a config.json far too large for a model description")
            raw = archive.read("config.json")
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, RuntimeError):
        raise refuse(name, "is damaged: its zip archive cannot be read") from None
    except (NotImplementedError, ValueError) as error:  # Unsupported compression, bad entries.
        if isinstance(error, ModelFileError):
            raise
        raise refuse(name, "is damaged: its zip archive cannot be read") from None
    try:
        config = json.loads(raw)
    except (UnicodeDecodeError, json.JSONDecodeError, RecursionError):
        raise refuse(name, "has a damaged config.json (it is not valid JSON)") from None
    if not isinstance(config, dict) or "class_name" not in config:
        raise refuse(name, "has a config.json that does not describe a Keras model")
    return config


def declared_weight_bytes(config: dict) -> int | None:
    """Bytes of the weights the config would create, counted without allocating them.

    Keras 3 defers initialising variables made in a `StatelessScope`; with
    `initialize_variables=False` they are never filled, and the list of pending variables
    is put back as it was. None when a layer cannot be built that way (then Keras's own
    loading is the only check). Raises what deserialisation raises (unknown layers, Lambda).
    """
    import keras
    from keras.src.backend.common import global_state

    config = {k: v for k, v in config.items() if k != "compile_config"}  # No optimiser.
    pending = list(global_state.get_global_attribute("uninitialized_variables", []) or [])
    try:
        with keras.StatelessScope(initialize_variables=False):
            model = keras.saving.deserialize_keras_object(config, safe_mode=True)
        weights = list(getattr(model, "weights", []))
    except ValueError as error:
        if "stateless scope" in str(error):
            return None
        raise
    finally:
        global_state.set_global_attribute("uninitialized_variables", pending)
    return sum(math.prod(w.shape) * np.dtype(w.dtype).itemsize for w in weights)


def plain_reason(error: BaseException, name: str) -> ModelFileError:
    """Keras's error for a file it could not load, as one sentence naming the file."""
    text = " ".join(str(error).split())
    lower = text.lower()
    _log.info("Keras could not load %s: %s: %s", name, type(error).__name__, text[:500])
    if "lambda" in lower:
        return refuse(
            name, "contains a Lambda layer (custom Python code), which is not loaded for safety"
        )
    head = lower[:300]  # Keras's reason comes first; the config it quotes after may say anything.
    if any(hint in head for hint in _UNKNOWN_HINTS):
        return refuse(name, "uses a layer or function this app does not know, so it is not loaded")
    if "shape" in head or ("variables" in head and ("expected" in head or "received" in head)):
        return refuse(
            name, "has weights that do not fit its layers (the file was damaged or edited)"
        )
    if isinstance(error, OSError) or "file signature" in head or "h5" in head:
        return refuse(name, "has a damaged weights file (model.weights.h5)")
    return refuse(name, "could not be loaded: Keras 3 cannot read it (damaged, or another format)")


def last_activation(model) -> str:
    """Name of the activation the model's output passes through last ("linear" if none)."""
    import keras

    if isinstance(model, keras.Sequential) and model.layers:
        layer = model.layers[-1]
    else:
        history = getattr(model.outputs[0], "_keras_history", None)
        layer = getattr(history, "operation", None) or (history[0] if history else None)
    if isinstance(layer, keras.layers.Softmax):
        return "softmax"
    return getattr(getattr(layer, "activation", None), "__name__", "linear") or "linear"


def _probe(model, input_shape: tuple[int, ...]) -> np.ndarray:
    """Answers to a few inputs: blank, grey, white, random in [0, 1] and in [0, 10]."""
    rng = np.random.default_rng(0)
    batch = [
        np.zeros(input_shape),
        np.full(input_shape, 0.5),
        np.ones(input_shape),
        rng.uniform(0, 1, input_shape),
        rng.uniform(0, 10, input_shape),
    ]
    return np.asarray(model(np.stack(batch).astype(np.float32), training=False), dtype=np.float64)


def _are_probabilities(answers: np.ndarray) -> bool:
    return bool(
        np.all(answers >= -1e-6)
        and np.all(answers <= 1 + 1e-6)
        and np.allclose(answers.sum(axis=-1), 1.0, atol=1e-3)
    )


def _with_softmax(model):
    """The model with a softmax on its output; a last Dense layer simply gets it as its
    activation, which the NumPy forward pass (core.engine.models.numpy_network) computes too."""
    import keras

    last = model.layers[-1] if isinstance(model, keras.Sequential) and model.layers else None
    if isinstance(last, keras.layers.Dense):
        last.activation = keras.activations.softmax
        return model
    return keras.Model(model.inputs[0], keras.layers.Softmax()(model.outputs[0]))


def ensure_probabilities(model, input_shape: tuple[int, ...], name: str) -> tuple[object, str]:
    """(model, note): the model if its outputs are probabilities; with a softmax added (and a
    note saying so) if it ends in raw scores; otherwise a ModelFileError that says why."""
    try:
        answers = _probe(model, input_shape)
    except Exception as error:
        raise refuse(name, "fails on a test input, so it cannot answer here") from error
    if not np.all(np.isfinite(answers)):
        raise refuse(name, "gives no usable answer on a test input (not a number)")
    if _are_probabilities(answers):
        return model, ""
    activation = last_activation(model)
    if activation != "linear":
        problem = (
            "do not add up to 1"
            if np.all((answers >= 0) & (answers <= 1))
            else "are not between 0 and 1"
        )
        raise refuse(
            name,
            f"does not give probabilities: its outputs {problem} (its last layer uses "
            f"{activation}, where softmax is needed)",
        )
    wrapped = _with_softmax(model)
    if not _are_probabilities(_probe(wrapped, input_shape)):  # pragma: no cover - defensive
        raise refuse(name, "does not give probabilities, even with a softmax added")
    return wrapped, f"{name} {LOGITS_NOTE}."


def clip_probabilities(rows: ArrayLike, dtype: DTypeLike = np.float32) -> np.ndarray:
    """Probabilities as the pages show them: finite and within [0, 1], so never above 100%."""
    return np.clip(np.nan_to_num(np.asarray(rows, dtype=dtype), nan=0.0), 0.0, 1.0)
