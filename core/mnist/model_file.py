"""Checking a `.keras` file for the Draw page, as a job a training backend can run anywhere.

Checking a file needs Keras (core.engine.models.files), which a web server that sends its
trainings to a Ray cluster does not load: there the check runs on the cluster like a
training, and what comes back is the network as NumPy data with the note on it. On one
server the same flow runs in a thread of this process and also keeps the Keras model.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from core.engine.models.numpy_network import NumpyNetwork
from core.engine.progress import Report, ShouldStop


@dataclass(frozen=True)
class ModelFile:
    """A file to check: its bytes, and its name as the user knows it (for the messages)."""

    data: bytes
    name: str

    @classmethod
    def read(cls, path: str) -> ModelFile | str:
        """The file at `path`, or the one sentence that says why it cannot be read."""
        file = Path(path)
        if not file.is_file():
            return f"model file not found: {path}."
        try:
            return cls(file.read_bytes(), file.name)
        except OSError as error:
            return f"{file.name} cannot be read: {(error.strerror or 'error').lower()}."


@dataclass
class CheckedFile:
    """What checking a file found: a usable network and a note, or why it is refused.

    `model` is the Keras model in the process that checked the file (None once sent
    elsewhere); `portable` the same network as NumPy data, None if NumPy cannot run its
    layers (then only a process with Keras can use it: `needs_keras`).
    """

    model: Any | None = None
    portable: NumpyNetwork | None = None
    note: str = ""
    refusal: str = ""
    needs_keras: bool = False

    @property
    def usable(self) -> Any | None:
        """What the pages answer with: the NumPy copy if there is one, else the Keras model."""
        return self.portable if self.portable is not None else self.model

    def for_another_process(self) -> CheckedFile:
        """For another process: the Keras model stays behind."""
        if self.model is None:
            return self
        return dataclasses.replace(self, model=None, needs_keras=self.portable is None)


def check_model_file(file: ModelFile, report: Report, should_stop: ShouldStop) -> CheckedFile:
    """Load and check `file` for the Draw page (28x28 in, 10 probabilities out).

    A file that cannot be used is no failure of the job: its one-sentence reason comes
    back as `refusal`.
    """
    from core.engine.models.files import ModelFileError, open_model_file
    from core.engine.models.keras_to_numpy import numpy_copy
    from core.mnist.shapes import CLASSES, INPUT_SHAPE

    try:
        checked = open_model_file(file.data, INPUT_SHAPE, CLASSES, file.name)
    except ModelFileError as error:
        return CheckedFile(refusal=str(error))
    return CheckedFile(checked.model, numpy_copy(checked.model), checked.note)
