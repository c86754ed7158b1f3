"""The server's one training backend, seen from a page, and model files checked through it.

The backend (core.engine.jobs.default) runs trainings in worker processes of this server or
on a Ray cluster; its queue is shared by every session of the server.
"""

from __future__ import annotations

from core.engine.jobs.base import TrainingBackend
from core.engine.jobs.default import server_backend, warm_server_backend
from core.iris import training as iris_training
from core.mnist import training as mnist_training
from core.mnist.model_file import CheckedFile, ModelFile, check_model_file

# What a training worker does before it says it is ready: TensorFlow, Keras and MNIST.
WARM_UPS = (iris_training.warm_up, mnist_training.warm_up)
CHECK_TIMEOUT_S = 120.0  # Checking a model file takes seconds, even on a busy cluster.


def training_backend() -> TrainingBackend:
    """The server's one training backend: its queue is everyone's.

    Raises TrainingFailed (one sentence) when the Ray cluster it names cannot be reached.
    """
    return server_backend(WARM_UPS)


def checked_model_file(file: ModelFile) -> CheckedFile:
    """Check a `.keras` file where the trainings run (a Ray worker has Keras; this server may
    not). A network NumPy cannot run comes back without its Keras model from a cluster:
    then, and only then, this server loads Keras to check it itself.

    Raises TrainingFailed (one sentence) if the check could not run at all.
    """
    job = training_backend().submit(check_model_file, file, queued=False)
    checked = job.result(timeout=CHECK_TIMEOUT_S)
    if checked.needs_keras:
        checked = check_model_file(file, lambda progress: None, lambda: False)
    return checked


def start_training_workers() -> None:
    """Called on every run of the app: the first one starts the warm training worker."""
    warm_server_backend(WARM_UPS)
