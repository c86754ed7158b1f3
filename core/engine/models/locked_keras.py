"""A model that many sessions use at once, one call at a time."""

from __future__ import annotations

import threading
from typing import Any


class LockedModel:
    """Wraps a Keras model so that concurrent callers take turns.

    Keras and TensorFlow do not promise that one model is safe to call from several
    threads; a class model used by thirty students is, with this lock. Everything other
    than calling it (layers, inputs, ...) is passed through to the model unchanged.
    """

    def __init__(self, model: Any) -> None:
        self.model = model
        self._lock = threading.Lock()

    def __call__(self, x: Any, training: bool = False) -> Any:
        with self._lock:
            return self.model(x, training=training)

    def __getattr__(self, name: str) -> Any:
        return getattr(self.model, name)
