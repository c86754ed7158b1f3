"""One drawing or photo in, ten digit probabilities out: the same path for page and CLI.

A `NumpyNetwork` (core.engine.models.numpy_network) answers in NumPy and needs no TensorFlow, so
importing this module loads none: a page that draws with a network trained elsewhere (Ray)
stays light. A Keras model (an upload NumPy cannot run) loads Keras when first asked.
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from core.digits.preprocess import Preprocessed, preprocess_drawing, to_model_batch
from core.engine.models.checks import clip_probabilities
from core.engine.models.numpy_network import NumpyNetwork
from core.engine.models.trained_network import TrainedNetwork

UNSURE_BELOW = 0.6  # Below this confidence the page says the network is unsure.


@dataclass(frozen=True)
class DigitPrediction:
    """What the network saw (`pre`) and what it answered (`probabilities`, None if empty)."""

    pre: Preprocessed
    probabilities: np.ndarray | None

    @property
    def digit(self) -> int | None:
        return None if self.probabilities is None else int(self.probabilities.argmax())

    @property
    def confidence(self) -> float:
        return 0.0 if self.probabilities is None else float(self.probabilities.max())

    @property
    def unsure(self) -> bool:
        return self.probabilities is not None and self.confidence < UNSURE_BELOW


class _Forwards:
    """One compiled forward pass per model, made on first use and dropped with the model.

    A Keras model called eagerly walks its layers in Python for every image; the same call
    traced once into a TensorFlow graph is several times faster (docs/performance.md,
    "Answers never wait for a training").
    """

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._by_model: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()

    def get(self, model: Any) -> Callable[[np.ndarray], np.ndarray]:
        with self._lock:
            forward = self._by_model.get(model)
            if forward is None:
                import tensorflow as tf

                shape = (None, *model.inputs[0].shape[1:])
                spec = [tf.TensorSpec(shape, tf.float32)]
                forward = tf.function(
                    lambda x: model(x, training=False), input_signature=spec, autograph=False
                )
                self._by_model[model] = forward
            return forward


_forwards = _Forwards()


def forward(model: Any, batch: np.ndarray) -> np.ndarray:
    """Probabilities for a batch: in NumPy on this thread when the model's layers allow
    (a NumpyNetwork, or a Keras model core.engine.models.keras_to_numpy can copy), else through the
    model's compiled TensorFlow forward pass.

    A class model shared by many sessions
    (core.engine.models.locked_keras.LockedModel) is called under
    its lock, one session at a time; a NumpyNetwork is read-only and needs none.
    """
    x = np.asarray(batch, dtype=np.float32)
    if isinstance(model, TrainedNetwork):  # What the pages hold: its NumPy copy, or Keras.
        if model.numpy_copy is not None:
            return clip_probabilities(model.probabilities(x))
        model = model.keras_model
    if isinstance(model, NumpyNetwork):
        return clip_probabilities(model(x))  # Never shown above 100%, whatever the model.
    import core.engine.runtime.tf_threads  # noqa: F401  (before any TensorFlow operation)
    from core.engine.models.keras_to_numpy import numpy_copy
    from core.engine.models.locked_keras import LockedModel

    inner = model.model if isinstance(model, LockedModel) else model
    guard = model._lock if isinstance(model, LockedModel) else contextlib.nullcontext()
    with guard:
        in_numpy = numpy_copy(inner)  # Reads the weights as they are now.
        answers = in_numpy(x) if in_numpy is not None else _forwards.get(inner)(x)
    return clip_probabilities(answers)  # Never shown above 100%, whatever the model.


def predict_drawing(
    model: Any, image: np.ndarray, paper: str = "auto", centre: bool = True
) -> DigitPrediction:
    """Preprocess like MNIST, then one forward pass.

    A compiled forward pass (not `model.predict`) keeps one image at a few milliseconds.
    An empty drawing gets no prediction at all rather than a confident guess.
    """
    pre = preprocess_drawing(image, paper=paper, centre=centre)
    if pre.empty:
        return DigitPrediction(pre, None)
    probabilities = forward(model, to_model_batch(pre))[0]
    return DigitPrediction(pre, probabilities)
