"""`python -m core ... iris`: JSON output, a save/load round trip, one-line errors."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import zipfile

import pytest

from core.cli import main
from tests.conftest import ROOT


def run_cli(*args: str) -> subprocess.CompletedProcess:
    """The real command in its own process: what a teacher types."""
    return subprocess.run(
        [sys.executable, "-m", "core", *args], cwd=ROOT, capture_output=True, text=True, timeout=300
    )


def run_main(capsys, *args: str) -> subprocess.CompletedProcess:
    """The same entry point in this process (TensorFlow is imported once for all tests)."""
    code = main(list(args))
    out, err = capsys.readouterr()
    return subprocess.CompletedProcess(args, code, out, err)


@pytest.fixture(scope="module")
def iris_model(tmp_path_factory) -> str:
    out = tmp_path_factory.mktemp("iris") / "iris.keras"
    done = run_cli(
        "train", "iris", "--epochs", "3", "--steps-per-epoch", "60", "--out", str(out), "--json"
    )
    assert done.returncode == 0, done.stderr
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["epoch"] for line in lines[:-1]] == [1, 2, 3]
    assert 0.0 <= lines[-1]["test_accuracy"] <= 1.0 and lines[-1]["seconds"] > 0
    return str(out)


def test_predict_prints_probabilities_and_species(capsys, iris_model):
    done = run_main(
        capsys, "predict", "iris", "--model", iris_model, "5.1", "3.3", "1.7", "0.5", "--json"
    )
    assert done.returncode == 0, done.stderr
    answer = json.loads(done.stdout)
    assert answer["prediction"] == "setosa"
    assert sum(answer[s] for s in ("setosa", "versicolor", "virginica")) == pytest.approx(
        1, abs=1e-4
    )


def test_out_of_range_measurement_is_noted(capsys, iris_model):
    done = run_main(capsys, "predict", "iris", "--model", iris_model, "5.1", "3.3", "7.5", "0.5")
    assert done.returncode == 0
    assert "note: petal length (cm) = 7.5 is outside the training data" in done.stderr
    done = run_main(capsys, "predict", "iris", "--model", iris_model, "5.1", "3.3", "30", "0.5")
    assert done.returncode == 0
    assert "petal length (cm) = 30 is far outside the training data" in done.stderr
    assert "the answer means nothing" in done.stderr


def _strict(text: str) -> dict:
    """JSON as a strict parser reads it: NaN and Infinity are not JSON."""

    def refuse(constant: str):
        raise ValueError(f"not JSON: {constant}")

    return json.loads(text, parse_constant=refuse)


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e308", "-1", "30.5", "NaN"])
def test_impossible_measurements_exit_2_naming_the_measurement(capsys, iris_model, value):
    """NaN, infinities and absurd sizes are refused before TensorFlow loads, in one line."""
    for position, name in enumerate(["sepal length", "sepal width", "petal length", "petal width"]):
        numbers = ["5.1", "3.3", "1.7", "0.5"]
        numbers[position] = value
        args = ("--model", iris_model, "--json", "--", *numbers)  # "--": "-inf" is no option.
        done = run_main(capsys, "predict", "iris", *args)
        assert done.returncode == 2, (value, done.stdout)
        assert done.stdout == ""
        lines = done.stderr.strip().splitlines()
        assert len(lines) == 1 and lines[0].startswith(f"error: {name} (cm) must be a number")
        assert "from 0 to 30" in lines[0]


def test_json_output_is_strict_json(capsys, iris_model):
    """Every measurement the CLI accepts gives JSON a strict parser reads."""
    for numbers in (["0", "0", "0", "0"], ["30", "30", "30", "30"], ["5.1", "3.3", "1.7", "0.5"]):
        done = run_main(capsys, "predict", "iris", "--model", iris_model, *numbers, "--json")
        assert done.returncode == 0, done.stderr
        answer = _strict(done.stdout)
        assert all(0.0 <= answer[s] <= 1.0 for s in ("setosa", "versicolor", "virginica"))


@pytest.mark.parametrize(
    "args",
    [
        ("train", "iris", "--epochs", "zero", "--out", "x.keras"),
        ("train", "iris", "--hidden", "10,a", "--out", "x.keras"),
        ("train", "iris", "--hidden", "10,10,10,10", "--out", "x.keras"),
        ("train", "iris", "--out", "model.h5"),
        ("predict", "iris", "--model", "missing.keras", "1", "2", "3", "4"),
        ("predict", "iris", "--model", "x.keras", "1", "2", "3"),
        ("fly", "iris"),
    ],
)
def test_bad_arguments_give_one_line_and_exit_2(capsys, args):
    done = run_main(capsys, *args)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1, done.stderr
    assert done.stderr.startswith("error: ")
    assert "Traceback" not in done.stderr


def test_invalid_model_files_are_refused(capsys, tmp_path):
    not_a_model = tmp_path / "junk.keras"
    not_a_model.write_bytes(b"definitely not a zip file")
    empty_zip = tmp_path / "empty.keras"
    with zipfile.ZipFile(empty_zip, "w") as archive:
        archive.writestr("hello.txt", "hi")
    for path in (not_a_model, empty_zip):
        done = run_main(capsys, "predict", "iris", "--model", str(path), "1", "2", "3", "4")
        assert done.returncode == 2
        assert len(done.stderr.strip().splitlines()) == 1, done.stderr
        assert path.name in done.stderr


def test_a_bad_model_file_in_a_real_process_prints_no_traceback(tmp_path):
    junk = tmp_path / "junk.keras"
    junk.write_bytes(b"\x00" * 100)
    done = run_cli("predict", "iris", "--model", str(junk), "1", "2", "3", "4")
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"error: {junk.name} is not a .keras model file (not a zip archive)."
    ]


def test_ctrl_c_stops_the_training_and_exits_2_with_one_line(tmp_path):
    """A long training interrupted after its first epoch: exit 2, one error line, no model.

    The child gets SIGINT as a terminal's foreground process has it. A process started in
    the background by a shell without job control (`cmd &` in a script) inherits SIGINT
    ignored, and Python then keeps ignoring it: run that way, the training went on to the
    end and exited 0."""
    out = tmp_path / "iris.keras"
    command = [sys.executable, "-m", "core", "train", "iris", "--epochs", "100",
               "--steps-per-epoch", "500", "--out", str(out), "--json"]  # fmt: skip
    process = subprocess.Popen(
        command,
        cwd=ROOT,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=lambda: signal.signal(signal.SIGINT, signal.SIG_DFL),
    )
    try:
        first = json.loads(process.stdout.readline())  # The first epoch's line.
        assert first["epoch"] == 1
        process.send_signal(signal.SIGINT)
        stdout, stderr = process.communicate(timeout=60)
    finally:
        process.kill()
    told = f"stdout ends {stdout.splitlines()[-2:]}, stderr: {stderr[-300:]!r}"
    assert process.returncode == 2, told
    assert stderr.strip().splitlines()[-1] == "error: interrupted"
    assert "Traceback" not in stderr
    assert all(json.loads(line)["epoch"] > 1 for line in stdout.splitlines())  # No result line.
    assert not out.exists()
