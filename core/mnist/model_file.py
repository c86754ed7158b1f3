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

from core.engine.models.trained_network import TrainedNetwork
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
    """What checking a file found: a network and a note, or why it is refused.

    Sent to another process it keeps only the NumPy copy; a network NumPy cannot run comes
    back without one (`needs_keras`: only a process with Keras can use it).
    """

    network: TrainedNetwork | None = None
    note: str = ""
    refusal: str = ""
    needs_keras: bool = False

    def for_another_process(self) -> CheckedFile:
        if self.network is None or self.network.keras_model is None:
            return self
        copy = self.network.numpy_copy
        sent = TrainedNetwork(copy) if copy is not None else None
        return dataclasses.replace(self, network=sent, needs_keras=copy is None)


def check_model_file(file: ModelFile, report: Report, should_stop: ShouldStop) -> CheckedFile:
    """Load and check `file` for the Draw page (28x28 in, 10 probabilities out).

    A file that cannot be used is no failure of the job: its one-sentence reason comes
    back as `refusal`.
    """
    from core.engine.models.files import ModelFileError, open_model_file
    from core.mnist.shapes import CLASSES, INPUT_SHAPE

    try:
        checked = open_model_file(file.data, INPUT_SHAPE, CLASSES, file.name)
    except ModelFileError as error:
        return CheckedFile(refusal=str(error))
    return CheckedFile(TrainedNetwork.from_keras(checked.model), checked.note)
