"""One student's visit to the app, run in a fresh process: what did that process import?

    python -m devtools.web_tier_journey journey [--teacher-model PATH]

With Ray, the web process must not need TensorFlow; a fresh process, because a test process
has long since imported it. The visit: docs/architecture.md, "One student's visit".
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time

import numpy as np
import psutil
from streamlit.testing.v1 import AppTest

from devtools.server import ROOT

APP = str(ROOT / "app.py")


def fail_if(condition: bool, what: str, at: AppTest | None = None) -> None:
    if condition:
        raise SystemExit(f"{what}: {at.exception if at is not None else ''}")


def peak_rss_mb() -> int:
    """This process's peak resident memory (VmHWM: unlike ru_maxrss, not the parent's)."""
    with open("/proc/self/status") as status:
        for line in status:
            if line.startswith("VmHWM:"):
                return round(int(line.split()[1]) / 1024)
    return 0


def a_drawing() -> np.ndarray:
    """A white 7 on black paper, as the canvas hands it over (RGBA, 280x280)."""
    rgba = np.zeros((280, 280, 4), np.uint8)
    rgba[..., 3] = 255
    rgba[60:80, 70:210, :3] = 255
    rgba[80:230, 170:190, :3] = 255
    return rgba


def journey() -> dict:
    from core.digits.predict import predict_drawing
    from core.mnist.model_file import ModelFile
    from ui.state import backend, keys, teacher

    started = time.perf_counter()
    at = AppTest.from_file(APP, default_timeout=600).run()
    at.switch_page("app_pages/mnist_training.py").run()
    at.select_slider(key="mnist_train_size").set_value(5_000)
    at.select_slider(key="mnist_filters1").set_value(4)
    at.select_slider(key="mnist_filters2").set_value(8)
    at.select_slider(key="mnist_dense").set_value(32)
    at.select_slider(key="mnist_batch").set_value(256).run()
    at.button(key="mnist_train").click().run()
    fail_if(bool(at.exception), "MNIST page", at)
    (run,) = at.session_state[keys.MNIST_RUNS]
    fail_if(run.evaluation is None, "no evaluation")
    keras_file = run.network.keras_bytes()  # What the download button hands over.
    fail_if(keras_file[:2] != b"PK", "the download is no .keras file")
    trained_s = time.perf_counter() - started

    at.switch_page("app_pages/draw.py").run()
    fail_if(bool(at.exception), "Draw page", at)
    drawing = a_drawing()
    answer = predict_drawing(run.network, drawing, "black", True)
    fail_if(answer.probabilities is None, "no answer to the drawing")
    at.session_state[keys.LATEST_DRAWING] = drawing
    at.switch_page("app_pages/inside_cnn.py").run()
    at.radio(key="cnn_source").set_value("Your latest drawing").run()
    fail_if(bool(at.exception), "Inside the CNN", at)
    at.switch_page("app_pages/closing.py").run()
    fail_if(bool(at.exception), "closing page", at)

    checked = backend.checked_model_file(ModelFile(keras_file, "mine.keras"))
    fail_if(checked.network is None or bool(checked.refusal), "the upload's check")

    at.switch_page("app_pages/iris.py").run()
    at.slider(key="iris_epochs").set_value(3).run()
    at.button(key="iris_train").click().run()
    fail_if(bool(at.exception), "Iris page", at)
    at.number_input(key="iris_measure_2").set_value(1.4).run()
    fail_if(bool(at.exception), "measuring a flower", at)
    fail_if(at.session_state[keys.IRIS_RESULT] is None, "no Iris result")
    teacher = teacher.teacher_model()
    return {
        "tensorflow": "tensorflow" in sys.modules,
        "keras": "keras" in sys.modules,
        "ray": "ray" in sys.modules,
        "rss_mb": round(psutil.Process().memory_info().rss / 2**20),
        "peak_rss_mb": peak_rss_mb(),
        "run_has_keras_model": run.network.keras_model is not None,
        "teacher": None
        if teacher is None or teacher[0] is None
        else type(teacher[0].numpy_copy).__name__,
        "mnist_seconds": round(trained_s, 1),
        "seconds": round(time.perf_counter() - started, 1),
    }


def unreachable() -> dict:
    """The MNIST page's Train button when the cluster does not answer: one sentence."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/mnist_training.py").run()
    started = time.perf_counter()
    at.button(key="mnist_train").click().run()
    return {
        "exception": [str(e.value) for e in at.exception],
        "errors": [e.value for e in at.error],
        "seconds": round(time.perf_counter() - started, 1),
    }


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("what", choices=["journey", "unreachable"])
    parser.add_argument("--teacher-model", default="")
    args = parser.parse_args()
    os.environ.pop(session_variable := "WORKSHOP_MNIST_MODEL", None)
    if args.teacher_model:
        os.environ[session_variable] = args.teacher_model
    print(json.dumps(journey() if args.what == "journey" else unreachable()))


if __name__ == "__main__":
    main()
