"""The pages with their trainings on a Ray cluster (WORKSHOP_RAY_ADDRESS), through app.py.

A student's whole visit runs in a fresh process (devtools/web_tier_journey.py), which
must not import TensorFlow or Keras: the cluster trains, tests and checks files, and the
pages draw with the networks' NumPy copies. The other tests drive the router here.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time

import pytest
from streamlit.testing.v1 import AppTest

from core.mnist.config import MnistConfig
from core.mnist.training import run_mnist
from devtools.server import free_port
from tests.conftest import ROOT
from ui.state import backend, keys

pytestmark = pytest.mark.ray

APP = str(ROOT / "app.py")
LONG = MnistConfig(train_size=60_000, epochs=10, batch_size=32, filters=(4, 8))


def journey(address: str, *args: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-m", "devtools.web_tier_journey", *args],
        cwd=ROOT,
        env={**os.environ, "WORKSHOP_RAY_ADDRESS": address},
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout.splitlines()[-1])


def test_a_students_visit_imports_no_tensorflow_in_the_web_process(ray_head, tmp_path):
    from core.engine.models.files import save_model
    from core.mnist.model import build_mnist_model

    teacher = tmp_path / "class.keras"
    save_model(build_mnist_model(MnistConfig(filters=(4, 8), dense_units=16)), teacher)
    found = journey(ray_head.address, "journey", "--teacher-model", str(teacher))
    print(f"\nweb-tier journey with Ray: {found}")
    assert found["ray"] and not found["run_has_keras_model"]
    assert found["teacher"] == "NumpyNetwork"  # Checked on the cluster.
    assert not found["tensorflow"] and not found["keras"]


def test_an_unreachable_cluster_is_one_sentence_on_the_page():
    found = journey(f"127.0.0.1:{free_port()}", "unreachable")  # Nothing listens there.
    assert found["exception"] == []
    (error,) = found["errors"]
    assert error.startswith("The Ray cluster at 127.0.0.1:") and "cannot be reached" in error
    assert error.endswith("unset WORKSHOP_RAY_ADDRESS to train on this server.")


def test_the_iris_page_trains_on_the_cluster(ray_address):
    at = AppTest.from_file(APP, default_timeout=300).run()
    at.switch_page("app_pages/iris.py").run()
    at.slider(key="iris_epochs").set_value(4).run()
    at.button(key="iris_train").click().run()
    assert not at.exception
    result = at.session_state[keys.IRIS_RESULT]
    assert result.network.keras_model is None and result.network.numpy_copy is not None
    assert [len(v) for v in result.history.values()] == [4, 4, 4, 4]
    assert any(m.label == "Test accuracy" for m in at.metric)


def test_a_stopped_training_on_the_cluster_is_tested_and_filed(ray_address):
    at = AppTest.from_file(APP, default_timeout=300).run()
    job = backend.training_backend().submit(run_mnist, LONG, queued=True)
    while not (job.progress().phase == "training" and job.progress().batches_done > 0):
        assert not job.done(), job.progress()
        time.sleep(0.02)
    job.stop()  # As the interrupted script run's `finally` does.
    at.session_state[keys.MNIST_JOB] = job
    at.switch_page("app_pages/mnist_training.py").run()
    assert not at.exception
    (run,) = at.session_state[keys.MNIST_RUNS]
    assert run.stopped and run.evaluation is not None and run.network.keras_model is None
    assert any("stopped early" in w.value for w in at.warning)
    at.switch_page("app_pages/draw.py").run()
    assert not at.exception
    (network,) = [s for s in at.selectbox if s.key == "draw_model"]
    assert network.value.startswith("Run 1: ") and "stopped after" in network.value


def test_uploads_are_checked_on_the_cluster_and_here_only_when_numpy_cannot_run_them(
    ray_address, tmp_path
):
    import keras

    from core.engine.models.files import save_model
    from core.engine.models.numpy_network import NumpyNetwork
    from core.mnist.model import build_mnist_model
    from core.mnist.model_file import ModelFile

    plain = tmp_path / "plain.keras"
    save_model(build_mnist_model(MnistConfig(filters=(4, 8), dense_units=16)), plain)
    checked = backend.checked_model_file(ModelFile(plain.read_bytes(), "plain.keras"))
    assert isinstance(checked.network.numpy_copy, NumpyNetwork)
    assert checked.network.keras_model is None
    assert checked.refusal == "" and checked.note == ""

    # Raw scores at the end: the cluster adds the softmax and says so.
    logits = keras.Sequential(
        [keras.Input((28, 28, 1)), keras.layers.Flatten(), keras.layers.Dense(10)]
    )
    path = tmp_path / "logits.keras"
    save_model(logits, path)
    checked = backend.checked_model_file(ModelFile(path.read_bytes(), "logits.keras"))
    assert isinstance(checked.network.numpy_copy, NumpyNetwork)
    assert checked.note.startswith("logits.keras ends in raw scores (logits)")

    # A layer NumPy does not know: checked again here, with Keras, and kept as Keras.
    normed = keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            keras.layers.Flatten(),
            keras.layers.BatchNormalization(),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    path = tmp_path / "normed.keras"
    save_model(normed, path)
    checked = backend.checked_model_file(ModelFile(path.read_bytes(), "normed.keras"))
    assert isinstance(checked.network.keras_model, keras.Model)
    assert checked.network.numpy_copy is None

    checked = backend.checked_model_file(ModelFile(b"not a zip", "junk.keras"))
    assert checked.network is None
    assert checked.refusal == "junk.keras is not a .keras model file (not a zip archive)."
