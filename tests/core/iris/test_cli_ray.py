"""`python -m core train iris` with WORKSHOP_RAY_ADDRESS: trained on the cluster, saved here."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.ray


def test_train_iris_on_the_cluster_and_predict_with_the_saved_model(ray_head, tmp_path):
    out = tmp_path / "iris.keras"
    env = {**os.environ, "WORKSHOP_RAY_ADDRESS": ray_head.address}
    train = ["train", "iris", "--epochs", "3", "--out", str(out), "--json"]
    done = subprocess.run(
        [sys.executable, "-m", "core", *train],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    lines = [json.loads(line) for line in done.stdout.splitlines()]
    assert [line["epoch"] for line in lines[:-1]] == [1, 2, 3]
    assert len(lines[-1]["checks"]) == 3 and lines[-1]["model"] == str(out)
    predict = ["predict", "iris", "--model", str(out), "--json", "5.1", "3.3", "1.7", "0.5"]
    answered = subprocess.run(
        [sys.executable, "-m", "core", *predict],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert answered.returncode == 0, answered.stderr
    assert json.loads(answered.stdout)["prediction"] in ("setosa", "versicolor", "virginica")
