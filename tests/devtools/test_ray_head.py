"""A local Ray head for the load test: started, used, measured and stopped by its own id.

Runs `python -m devtools.ray_head` as the load test's `--ray` does: inside a network namespace
with only loopback (it re-runs itself under `unshare --net` when it is root outside one), a
`ray start --head --block` on a free port with its own temp dir, one task from a driver, the
memory of the head's process tree sampled, then the head stopped and every process of its
tree gone.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from devtools.server import ROOT

pytestmark = pytest.mark.ray


def test_head_starts_runs_a_task_is_measured_and_stops() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "devtools.ray_head"],
        cwd=ROOT, env=os.environ, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout.strip().splitlines()[-1])
    print(json.dumps(report, indent=1))

    assert report["address"].startswith("127.0.0.1:")
    assert report["task_answer"] == 49  # 7 squared, on a Ray worker.
    # The head's own processes and a worker were seen and counted.
    assert {"gcs_server", "raylet"} <= set(report["process_names"])
    assert any(name.startswith("ray::") for name in report["process_names"])
    assert report["ray_processes_peak"] >= 4
    assert 100 < report["ray_peak_rss_mb"] < 8000 and report["ray_cpu_seconds"] > 0
    # Stopped by its own pid: nothing of its tree is left, nothing had to be killed.
    assert report["processes_left"] == 0 and report["killed_after_timeout"] == 0
