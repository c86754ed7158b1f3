"""`python -m core train mnist` with WORKSHOP_RAY_ADDRESS: trained on the cluster, saved here.

Real subprocesses, as a teacher types them. The command line itself imports no TensorFlow
then: the worker trains and tests, and sends back the `.keras` file's bytes.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from devtools.server import free_port
from tests.conftest import ROOT

pytestmark = pytest.mark.ray


def run_cli(address: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "WORKSHOP_RAY_ADDRESS": address}
    return subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "core", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )


def imported(stderr: str) -> set[str]:
    """Top-level packages the process imported (from -X importtime's report)."""
    names = set()
    for line in stderr.splitlines():
        if line.startswith("import time:") and "|" in line:
            names.add(line.rsplit("|", 1)[1].strip().split(".")[0])
    return names


def messages(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if not line.startswith("import time:")]


def test_train_mnist_on_the_cluster_saves_a_model_that_predicts(ray_head, tmp_path):
    out = tmp_path / "mnist.keras"
    args = ["--train-size", "1000", "--filters", "4,8", "--dense-units", "16"]
    done = run_cli(ray_head.address, "train", "mnist", *args, "--out", str(out), "--json")
    assert done.returncode == 0, messages(done.stderr)[-5:]
    assert f"training on the Ray cluster at {ray_head.address}" in done.stderr
    result = json.loads(done.stdout.splitlines()[-1])
    assert 0.0 <= result["test_accuracy"] <= 1.0 and result["model"] == str(out)
    assert "tensorflow" not in imported(done.stderr) and "keras" not in imported(done.stderr)
    digit = str(ROOT / "assets" / "workshop_examples" / "3.png")
    answered = subprocess.run(
        [sys.executable, "-m", "core", "predict", "mnist", "--model", str(out), "--json", digit],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert answered.returncode == 0, answered.stderr
    assert len(json.loads(answered.stdout)["probabilities"]) == 10


def test_a_cluster_that_does_not_answer_is_one_line_and_exit_2(tmp_path):
    out = tmp_path / "mnist.keras"
    address = f"127.0.0.1:{free_port()}"  # Nothing listens there.
    done = run_cli(address, "train", "mnist", "--train-size", "1000", "--out", str(out))
    assert done.returncode == 2
    (line,) = messages(done.stderr)
    assert line.startswith(f"error: The Ray cluster at {address} (WORKSHOP_RAY_ADDRESS) cannot")
    assert "unset WORKSHOP_RAY_ADDRESS" in line and not out.exists()
