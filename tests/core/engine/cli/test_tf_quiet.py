"""TensorFlow's start-up lines stay out of the command line's one-line errors, on any CPU.

TensorFlow writes its lines from C++ on some CPUs only (AVX-512: an absl warning and a
oneDNN INFO line). The real-process tests force them on every x86 CPU with
TF_ENABLE_ONEDNN_OPTS=1 and TF_CPP_MIN_LOG_LEVEL=0, and first check that TensorFlow does
print in that environment, so they cannot pass just because this CPU is quiet.
"""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from tests.conftest import ROOT

NOISY = {"TF_ENABLE_ONEDNN_OPTS": "1", "TF_CPP_MIN_LOG_LEVEL": "0"}


def run(args: list[str], env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**os.environ, **(env or {})},
        capture_output=True,
        text=True,
        timeout=300,
    )


@pytest.fixture(scope="module")
def tensorflow_is_noisy() -> str:
    """What a bare `import tensorflow` writes to stderr in the forced environment."""
    done = run(["-c", "import tensorflow"], NOISY)
    assert done.returncode == 0, done.stderr
    assert done.stderr.strip(), "TensorFlow printed nothing: the tests below would prove nothing"
    return done.stderr


@pytest.mark.timeout(300)
@pytest.mark.parametrize("workshop", ["iris", "mnist"])
def test_a_bad_model_gives_exactly_one_line_in_a_real_process(
    tensorflow_is_noisy, tmp_path, workshop: str
) -> None:
    junk = tmp_path / "junk.keras"
    junk.write_bytes(b"\x00" * 100)
    what = ["1", "2", "3", "4"] if workshop == "iris" else [str(tmp_path / "digit.png")]
    done = run(["-m", "core", "predict", workshop, "--model", str(junk), *what], NOISY)
    assert done.returncode == 2
    assert done.stderr.splitlines() == [
        f"error: {junk.name} is not a .keras model file (not a zip archive)."
    ], done.stderr
    assert done.stdout == ""


CHILD = r"""
import os, sys, warnings
from core.engine.cli.tf_quiet import c_stderr_hidden
with c_stderr_hidden():
    os.write(2, b"from C\n")
    print("from Python", file=sys.stderr)
    warnings.warn("a Python warning")
print("after", file=sys.stderr)
try:
    with c_stderr_hidden():
        os.write(2, b"why it failed\n")
        raise ImportError("no luck")
except ImportError:
    print("caught", file=sys.stderr)
"""


def test_only_what_c_code_writes_is_hidden() -> None:
    """Python's own stderr still shows inside the block; C's lines come back on failure."""
    done = run(["-c", CHILD])
    assert done.returncode == 0, done.stderr
    lines = done.stderr.splitlines()
    assert "from C" not in lines
    assert "from Python" in lines and any("a Python warning" in line for line in lines)
    assert lines[-3:] == ["after", "why it failed", "caught"], lines


def test_the_log_level_is_set_before_tensorflow_loads_unless_chosen() -> None:
    code = (
        "import os, sys; from core.cli import main; main(['predict', 'iris', '--model', "
        "'missing.keras', '1', '2', '3', '4']); print(os.environ['TF_CPP_MIN_LOG_LEVEL'])"
    )
    env = {k: v for k, v in os.environ.items() if k != "TF_CPP_MIN_LOG_LEVEL"}
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True
    )
    assert done.stdout.strip() == "2", done.stderr
    chosen = run(["-c", code], {"TF_CPP_MIN_LOG_LEVEL": "0"})
    assert chosen.stdout.strip() == "0", chosen.stderr
