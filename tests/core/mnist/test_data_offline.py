"""The MNIST loader without data and without a network: an error within seconds, not minutes."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

from tests.conftest import ROOT


def _offline_env(home: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k != "MNIST_DIR"}
    env.update(HOME=str(home), TFDS_DATA_DIR=str(home), TF_CPP_MIN_LOG_LEVEL="3")
    return env


def _offline_prefix() -> list[str]:
    """`unshare --net` cuts this process off the network when we may (root); else nothing."""
    unshare = shutil.which("unshare")
    if unshare:
        probe = subprocess.run([unshare, "--net", "true"], capture_output=True, timeout=10)
        if probe.returncode == 0:
            return [unshare, "--net"]
    return []


def test_tfds_fallback_fails_fast_offline(tmp_path):
    """No MNIST_DIR, no tfds cache, no network: an error naming MNIST_DIR within seconds.

    tensorflow-datasets alone retries for minutes; the loader must not. The budget allows for
    importing tensorflow-datasets; the network probe itself is capped at 5 s.
    """
    code = "from core.mnist.data import load_from_tfds; load_from_tfds()"
    started = time.perf_counter()
    done = subprocess.run(
        [*_offline_prefix(), sys.executable, "-c", code],
        cwd=ROOT,
        env=_offline_env(tmp_path),
        capture_output=True,
        text=True,
        timeout=120,
    )
    seconds = time.perf_counter() - started
    assert done.returncode != 0
    assert "MnistDataError" in done.stderr
    assert "MNIST_DIR" in done.stderr
    assert "cannot be downloaded" in done.stderr
    assert seconds < 30, f"took {seconds:.1f} s"
    # Nothing was downloaded into the empty home.
    assert not any(p.suffix == ".gz" for p in tmp_path.rglob("*"))
