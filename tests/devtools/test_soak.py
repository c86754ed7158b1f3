"""A day of trainings in miniature: the server's memory, workers included, stops growing.

The soak benchmark in a process of its own (its memory is all that is counted): 24 small
trainings, two at a time, with workers replaced every two; the floor of the readings may
rise by at most 1 MB a training past the first four. The server's own process grows in steps
of a few MB as its allocator takes pages; over 16 trainings one such step could pass for a
leak, so the floor is compared over more of them. Trained in the server's own process, the
same trainings lift it by several MB each (docs/reliability.md, "A day of trainings").
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


def test_memory_stays_flat_over_many_trainings(tmp_path) -> None:
    out = tmp_path / "soak.json"
    command = [sys.executable, "-m", "devtools.soak", "--trainings", "24", "--train-size",
               "1000", "--recycle-after", "2", "--after", "4", "--out", str(out)]  # fmt: skip
    subprocess.run(command, cwd=ROOT, check=True, timeout=1200, capture_output=True)
    found = json.loads(out.read_text())
    assert len(found["rows"]) == 12
    # RSS, not PSS: PSS shares TensorFlow's pages with whatever else on the machine maps them.
    assert found["floor_rss_mb_per_training"] <= 1.0, found["rows"]
    assert found["peak_rss_mb"] < 2.7 * 1024
