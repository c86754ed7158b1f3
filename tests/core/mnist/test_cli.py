"""`python -m core train|predict mnist`: JSON lines, per-image errors, one-line failures."""

from __future__ import annotations

import contextlib
import io
import json
import os
import shutil
import subprocess
import sys

import numpy as np
import pytest
from PIL import Image

from core.cli import main
from core.digits.strokes import render_digit
from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def run_main(capsys, *args: str) -> subprocess.CompletedProcess:
    """The entry point in this process (TensorFlow is imported once for all tests)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out, err)


@pytest.fixture(scope="module")
def trained(tmp_path_factory) -> tuple[str, subprocess.CompletedProcess]:
    """`train mnist --train-size 2000 --json`, run in process with its output captured."""
    out = tmp_path_factory.mktemp("mnist") / "mnist.keras"
    stdout, stderr = io.StringIO(), io.StringIO()
    args = ["train", "mnist", "--train-size", "2000", "--seed", "1", "--out", str(out), "--json"]
    with contextlib.redirect_stdout(stdout), contextlib.redirect_stderr(stderr):
        code = main(args)
    return str(out), subprocess.CompletedProcess(args, code, stdout.getvalue(), stderr.getvalue())


@pytest.fixture(scope="module")
def images(tmp_path_factory) -> dict[str, str]:
    """Rendered digits 3 and 7 (white on black), a blank image and a file of random bytes."""
    folder = tmp_path_factory.mktemp("images")
    paths = {}
    for digit in (3, 7):
        rgba = render_digit(digit, np.random.default_rng(0), paper="black")
        paths[str(digit)] = str(folder / f"digit{digit}.png")
        Image.fromarray(rgba, "RGBA").save(paths[str(digit)])
    paths["blank"] = str(folder / "blank.png")
    Image.new("RGB", (280, 280), "black").save(paths["blank"])
    paths["junk"] = str(folder / "junk.png")
    with open(paths["junk"], "wb") as handle:
        handle.write(np.random.default_rng(1).bytes(2000))
    return paths


def test_train_prints_a_final_json_line(trained):
    """Exit 0, a saved model, and a last stdout line with both accuracies and the time."""
    out, done = trained
    assert done.returncode == 0, done.stderr
    assert os.path.isfile(out)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert set(result) >= {"test_accuracy", "test_accuracy_inverted", "seconds"}
    assert 0.5 < result["test_accuracy"] <= 1.0  # 2,000 digits, one epoch: well above 10%.
    assert 0.0 <= result["test_accuracy_inverted"] < result["test_accuracy"]
    assert result["seconds"] > 0
    assert result["model"] == out


def test_train_progress_goes_to_stderr(trained):
    """stdout holds only the JSON result; the source and the progress go to stderr."""
    _, done = trained
    assert len(done.stdout.strip().splitlines()) == 1
    assert "training on MNIST_DIR=" in done.stderr
    assert "epoch 1/1 batch 16/16" in done.stderr  # 2,000 / 128 rounded up; the last is shown.
    assert "examples/s" in done.stderr


def test_predict_prints_one_json_line_per_image(capsys, trained, images):
    """Ten probabilities summing to one and their argmax as the prediction, for each image."""
    model, _ = trained
    done = run_main(
        capsys, "predict", "mnist", "--model", model, images["3"], images["7"], "--json"
    )
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.strip().splitlines()]
    assert [line["image"] for line in lines] == [images["3"], images["7"]]
    for line in lines:
        probabilities = line["probabilities"]
        assert len(probabilities) == 10
        assert all(0.0 <= p <= 1.0 for p in probabilities)
        assert sum(probabilities) == pytest.approx(1.0, abs=1e-4)
        assert line["prediction"] == int(np.argmax(probabilities))


def test_predict_text_output(capsys, trained, images):
    """Without --json a person reads "path: digit (confidence)"."""
    model, _ = trained
    done = run_main(capsys, "predict", "mnist", "--model", model, images["3"], "--no-centre")
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith(f"{images['3']}: ")
    assert "%)" in done.stdout


def test_unreadable_image_gets_its_own_error_line(capsys, trained, images):
    """Random bytes give an error line for that file; the others still run; exit 2 at the end."""
    model, _ = trained
    done = run_main(
        capsys,
        "predict", "mnist", "--model", model, images["3"], images["junk"], images["7"], "--json",
    )  # fmt: skip
    assert done.returncode == 2
    lines = [json.loads(line) for line in done.stdout.strip().splitlines()]
    assert [line["image"] for line in lines] == [images["3"], images["junk"], images["7"]]
    assert "error" in lines[1] and "not a PNG or JPEG" in lines[1]["error"]
    assert "probabilities" not in lines[1]
    assert len(lines[0]["probabilities"]) == 10 and len(lines[2]["probabilities"]) == 10
    assert "Traceback" not in done.stderr


def test_missing_image_is_an_error_line(capsys, trained, tmp_path):
    """A path that does not exist is reported like an unreadable file, with exit code 2."""
    model, _ = trained
    missing = str(tmp_path / "absent.png")
    done = run_main(capsys, "predict", "mnist", "--model", model, missing, "--json")
    assert done.returncode == 2
    line = json.loads(done.stdout)
    assert line["image"] == missing and "Cannot read" in line["error"]


def test_blank_image_reports_no_digit(capsys, trained, images):
    """An image without ink gets no prediction at all, and that is not an error."""
    model, _ = trained
    done = run_main(capsys, "predict", "mnist", "--model", model, images["blank"], "--json")
    assert done.returncode == 0
    line = json.loads(done.stdout)
    assert line["prediction"] is None and line["probabilities"] is None
    assert "no ink" in line["note"]
    text = run_main(capsys, "predict", "mnist", "--model", model, images["blank"])
    assert "no digit found" in text.stdout


@pytest.mark.parametrize(
    "args",
    [
        ("train", "mnist", "--out", "mnist.h5"),
        ("train", "mnist", "--out", "mnist"),
        ("train", "mnist"),
        ("train", "mnist", "--epochs", "0", "--out", "x.keras"),
        ("train", "mnist", "--train-size", "many", "--out", "x.keras"),
        ("train", "mnist", "--train-size", "50", "--out", "x.keras"),
        ("train", "mnist", "--batch-size", "4", "--out", "x.keras"),
        ("train", "mnist", "--epochs", "11", "--out", "x.keras"),
        ("predict", "mnist", "--model", "x.keras"),
        ("predict", "mnist", "digit.png"),
        ("predict", "mnist", "--model", "missing.keras", "digit.png"),
        ("train", "digits", "--out", "x.keras"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(capsys, tmp_path, monkeypatch, args):
    """Every mistake is one "error: ..." line on stderr, exit code 2, and no file written."""
    monkeypatch.chdir(tmp_path)
    done = run_main(capsys, *args)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stderr.startswith("error: ")
    assert done.stdout == ""
    assert not list(tmp_path.iterdir())


def test_out_must_end_in_keras(capsys, tmp_path, monkeypatch):
    """--out model.h5 is refused before any training, and says why."""
    monkeypatch.chdir(tmp_path)
    done = run_main(capsys, "train", "mnist", "--out", "model.h5")
    assert done.returncode == 2
    assert "--out must end in .keras" in done.stderr


def test_predict_refuses_a_model_of_the_wrong_shape(capsys, tmp_path, images):
    """A model for other inputs is one clear line, not a crash inside the forward pass."""
    import keras

    path = tmp_path / "other.keras"
    keras.Sequential([keras.Input(shape=(4,)), keras.layers.Dense(3)]).save(path)
    done = run_main(capsys, "predict", "mnist", "--model", str(path), images["3"])
    assert done.returncode == 2
    assert "other.keras expects inputs of shape (4,)" in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_real_command_without_data_or_network_fails_fast(tmp_path):
    """`python -m core train mnist` with no MNIST_DIR and no network: exit 2 and one line
    naming MNIST_DIR, quickly, with no model file written."""
    env = {k: v for k, v in os.environ.items() if k != "MNIST_DIR"}
    env.update(HOME=str(tmp_path), TFDS_DATA_DIR=str(tmp_path), TF_CPP_MIN_LOG_LEVEL="3")
    prefix = []
    unshare = shutil.which("unshare")
    if unshare and subprocess.run([unshare, "--net", "true"], capture_output=True).returncode == 0:
        prefix = [unshare, "--net"]
    out = tmp_path / "x.keras"
    done = subprocess.run(
        [*prefix, sys.executable, "-m", "core", "train", "mnist", "--out", str(out)],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2, done.stderr
    lines = done.stderr.strip().splitlines()
    assert len(lines) == 1, done.stderr
    assert lines[0].startswith("error: ") and "MNIST_DIR" in lines[0]
    assert done.stdout == ""
    assert not out.exists()
