"""A training worker's warm-up lets `auto` time its variants, so a student's first click on a
CPU does not pay the trial; a process after it on the same data folder recalls the decision."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from tests.conftest import ROOT

WARM = """
import json, time
from core.engine.training.variant_choice import decision_for, needs_trial
from core.mnist.config import MnistConfig
from core.mnist.model import build_mnist_model
from core.mnist.training import warm_up
import core.mnist.training as training

trained = []
real = training.train_mnist
training.train_mnist = lambda *a, **k: trained.append(k["data"] is not None) or real(*a, **k)
model = build_mnist_model(MnistConfig())
before = needs_trial(model)
warm_up()
decision = decision_for(model)
print(json.dumps({"before": before, "after": needs_trial(model), "trained": len(trained),
                  "how": decision.how if decision else None}))
"""


def _warm(data_dir, **env) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", WARM],
        cwd=ROOT,
        env={**os.environ, "WORKSHOP_DATA_DIR": str(data_dir), **env},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_the_first_warm_up_times_the_variants_and_the_next_recalls_them(tmp_path) -> None:
    first = _warm(tmp_path)
    assert first["after"] is False  # The first click trains with a decision, never a trial.
    if first["before"]:  # More than one variant applies on this CPU (all but the oldest).
        assert first["trained"] == 1 and first["how"] == "timed"
        kept = json.loads((tmp_path / "training-variants.json").read_text())
        assert len(kept) == 1
    second = _warm(tmp_path)
    assert second == {"before": False, "after": False, "trained": 0, "how": None}


def test_a_forced_variant_is_not_timed_at_warm_up(tmp_path) -> None:
    forced = _warm(tmp_path, WORKSHOP_TRAIN_VARIANT="keras")
    assert forced == {"before": False, "after": False, "trained": 0, "how": None}
    assert not (tmp_path / "training-variants.json").exists()
