"""The classroom load test, small: two students at once through Iris, MNIST and Draw.

Runs `python -m devtools.load_test` as a teacher would (its own server, its own Chromium)
with N = 2. It checks what must hold at any size: no student meets an error, every MNIST
training finishes, every stroke gets an answer, the server stays under the memory bound.
Round-trip times are reported, not asserted (shared machines are noisy); the README gives
the N = 10 figures.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from devtools.server import ROOT

pytestmark = pytest.mark.browser

SESSIONS, DIGITS = 2, 3
MEMORY_BOUND_MB = 1500  # The bound for ten students; two must stay well below it.


def test_two_students_at_once_train_draw_and_get_answers() -> None:
    command = [
        sys.executable, "-m", "devtools.load_test",
        "--sessions", str(SESSIONS), "--digits", str(DIGITS), "--max-minutes", "20", "--json",
    ]  # fmt: skip
    done = subprocess.run(
        command, cwd=ROOT, env=os.environ, capture_output=True, text=True, timeout=25 * 60
    )
    assert done.stdout.strip(), f"no report; stderr:\n{done.stderr[-3000:]}"
    summary = json.loads(done.stdout.strip().splitlines()[-1])
    print(json.dumps(summary, indent=1))  # Shown with -s, and in the log on failure.

    assert summary["errors"] == 0, done.stderr[-3000:]
    assert done.returncode == 0
    assert summary["mnist_trainings_finished"] == SESSIONS
    assert summary["strokes"] == SESSIONS * DIGITS
    assert summary["stroke_to_chart_p95_ms"] is not None
    assert 0 < summary["peak_rss_mb"] < MEMORY_BOUND_MB
    # Who the cores worked for: the server (two trainings) and the browsers both did work.
    assert summary["server_cpu_seconds"] > 10 and summary["browsers_cpu_seconds"] > 1
