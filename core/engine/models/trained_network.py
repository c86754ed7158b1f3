"""One trained network, wherever it is: what a page asks of it, in NumPy where it can.

Where it was trained or loaded it also holds the Keras model; sent to another process it
keeps its NumPy copy and its `.keras` file's bytes, so a web server answers, looks inside
and offers the download without TensorFlow (docs/architecture.md, "How the parts fit").
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from core.engine.models.numpy_network import NumpyNetwork


@dataclass(eq=False)
class TrainedNetwork:
    """A network and the two or three things a page asks of it.

    `numpy_copy` is None when NumPy cannot run its layers (an upload of another design);
    `keras_model` is None in a process it was sent to; `keras_file` is set once it is sent.
    """

    numpy_copy: NumpyNetwork | None = None
    keras_model: Any | None = field(default=None, repr=False)
    keras_file: bytes | None = field(default=None, repr=False)

    @classmethod
    def from_keras(cls, model: Any) -> TrainedNetwork:
        """The model with its NumPy copy, made now (weights as they are now)."""
        from core.engine.models.keras_to_numpy import numpy_copy  # Keras is loaded already.

        return cls(numpy_copy(model), model)

    def probabilities(self, x: np.ndarray) -> np.ndarray:
        """The network's outputs for the batch `x`: in NumPy, else through Keras."""
        if self.numpy_copy is not None:
            return self.numpy_copy(x)
        if self.keras_model is None:
            raise ValueError("this network was sent without a way to run it")
        return np.asarray(self.keras_model(np.asarray(x, dtype=np.float32), training=False))

    def layer_outputs(self, x: np.ndarray, names: Iterable[str]) -> dict[str, np.ndarray]:
        """What each named layer outputs for the batch `x` (Inside the CNN)."""
        if self.numpy_copy is None:
            raise ValueError("this network has layers the app cannot look into")
        return self.numpy_copy.outputs(x, names)

    def keras_bytes(self) -> bytes:
        """The network as a `.keras` file (made now from the Keras model, if need be)."""
        if self.keras_file is not None:
            return self.keras_file
        if self.keras_model is None:
            raise ValueError("this network kept no model to save")
        from core.engine.models.files import model_to_bytes  # Keras is loaded already.

        return model_to_bytes(self.keras_model)

    def for_another_process(self) -> TrainedNetwork:
        """The network to send: its `.keras` bytes in place of the Keras object."""
        if self.keras_model is None:
            return self
        return TrainedNetwork(self.numpy_copy, None, self.keras_bytes())
