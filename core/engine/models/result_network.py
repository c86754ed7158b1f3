"""What a finished training carries of its network, for MNIST runs and Iris results alike.

A training that ran in this process holds its Keras model; one that ran elsewhere (a Ray
worker) comes back with a NumPy copy (`portable`) and the `.keras` file's bytes instead, so
a web server can answer, look inside and offer the download without importing TensorFlow.
"""

from __future__ import annotations

import dataclasses
from typing import Any, Self


class CarriedModel:
    """Mixed into a dataclass with the fields `model`, `portable` and `keras_file`."""

    model: Any
    portable: Any
    keras_file: bytes | None

    @property
    def usable(self) -> Any | None:
        """What the pages answer with: the NumPy copy (made now from the Keras model if the
        training came back without one), else the Keras model itself (layers NumPy cannot
        run)."""
        if self.portable is None and self.model is not None:
            from core.engine.models.keras_to_numpy import numpy_copy  # Keras is loaded.

            self.portable = numpy_copy(self.model)
        return self.portable if self.portable is not None else self.model

    def keras_bytes(self) -> bytes:
        """The model as a `.keras` file (made now from the Keras model, if this process has it)."""
        if self.keras_file is not None:
            return self.keras_file
        if self.model is None:
            raise ValueError("this training kept no model to save")
        from core.engine.models.files import (
            model_to_bytes,  # Needs Keras, which `model` has loaded.
        )

        return model_to_bytes(self.model)

    def for_another_process(self) -> Self:
        """The training for another process: the Keras model replaced by its `.keras` bytes."""
        if self.model is None:
            return self
        return dataclasses.replace(self, model=None, keras_file=self.keras_bytes())
