"""`auto`'s timed decision outlives its process: the next process on the same kind of CPU
trains with it at once, and a file it cannot use or write costs only a new trial."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from core.engine.training import variant_memory
from core.engine.training.cpu_features import CpuFeatures
from core.engine.training.variant_choice import _kind, choose_step, decision_for
from core.engine.training.variant_decisions import CHOICES, VariantDecision
from core.engine.training.variant_trial import TrialStep
from tests.conftest import ROOT
from tests.core.engine.training.variant_helpers import BATCH, BF16, cpu, small_cnn, timed_steps

SECONDS = {"keras": 0.02, "blocks": 0.02, "keras-bf16": 0.002}


@pytest.fixture
def data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path))
    return tmp_path


def _new_process(here: CpuFeatures) -> None:
    """What a new process knows of this CPU: nothing but the file."""
    with CHOICES.lock:
        CHOICES.decided.pop(_kind(small_cnn(), here), None)


def test_a_timed_decision_is_kept_and_the_next_process_trains_with_it_untimed(data_dir) -> None:
    here = cpu(BF16)
    trial = choose_step(small_cnn(), timed_steps(SECONDS, []), here)
    assert isinstance(trial, TrialStep)
    trial(*BATCH)
    kept = json.loads((data_dir / variant_memory.FILE_NAME).read_text())
    assert [entry["variant"] for entry in kept.values()] == ["keras-bf16"]

    _new_process(here)
    calls: list[str] = []
    step = choose_step(small_cnn(), timed_steps(SECONDS, calls), here)
    assert not isinstance(step, TrialStep)
    step(*BATCH)
    assert calls == ["keras-bf16"]  # No variant timed: the winner trains from the first batch.
    decision = decision_for(small_cnn(), here)
    assert decision.how == "remembered" and decision.trial_seconds == 0.0
    assert "by an earlier training" in decision.sentence()
    assert "against keras" in decision.sentence()


def test_another_cpu_times_for_itself(data_dir) -> None:
    choose_step(small_cnn(), timed_steps(SECONDS, []), cpu(BF16))(*BATCH)
    other = choose_step(small_cnn(), timed_steps(SECONDS, []), cpu(BF16))
    assert isinstance(other, TrialStep)


@pytest.mark.parametrize("content", ["{not json", "[1, 2]", '{"x": 5}'])
def test_a_file_it_cannot_read_means_a_new_trial_and_a_good_file(data_dir, content) -> None:
    (data_dir / variant_memory.FILE_NAME).write_text(content)
    here = cpu(BF16)
    step = choose_step(small_cnn(), timed_steps(SECONDS, []), here)
    assert isinstance(step, TrialStep)
    step(*BATCH)
    kept = json.loads((data_dir / variant_memory.FILE_NAME).read_text())
    assert "keras-bf16" in [entry["variant"] for entry in kept.values() if isinstance(entry, dict)]


def test_a_remembered_variant_that_no_longer_applies_is_ignored(data_dir) -> None:
    here = cpu(BF16)
    key = _kind(small_cnn(), here)
    variant_memory.remember(key, VariantDecision("keras-bf16", "timed", ("keras",), here, {}, 8))
    assert variant_memory.recall(key, ("keras", "blocks"), here) is None
    assert variant_memory.recall(key, ("keras", "keras-bf16"), here).variant == "keras-bf16"


def test_a_folder_it_cannot_write_costs_only_a_new_trial(tmp_path, monkeypatch) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("")
    monkeypatch.setenv("WORKSHOP_DATA_DIR", str(blocked / "data"))
    here = cpu(BF16)
    choose_step(small_cnn(), timed_steps(SECONDS, []), here)(*BATCH)  # No error.
    assert decision_for(small_cnn(), here).variant == "keras-bf16"
    assert not list(tmp_path.glob("**/.variants-*"))


def test_the_key_is_the_same_in_every_process() -> None:
    """A set's order changes with each process's hash seed; the file's key must not."""
    here = CpuFeatures("test CPU fixed", frozenset(BF16 | {f"flag{i}" for i in range(20)}), True)
    key = _kind(small_cnn(), here)
    code = (
        "from core.engine.training.cpu_features import CpuFeatures\n"
        "from core.engine.training.variant_choice import _kind\n"
        "from core.engine.training.variant_memory import _fingerprint\n"
        "from tests.core.engine.training.variant_helpers import BF16, small_cnn\n"
        "flags = frozenset(BF16 | {f'flag{i}' for i in range(20)})\n"
        "print(_fingerprint(_kind(small_cnn(), CpuFeatures('test CPU fixed', flags, True))))\n"
    )
    environ = {**os.environ, "PYTHONHASHSEED": "12345", "TF_CPP_MIN_LOG_LEVEL": "3"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=environ, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.split()[-1] == variant_memory._fingerprint(key)


@pytest.mark.parametrize("value", ["", "custom", "a-file"])
def test_the_decisions_live_in_the_stores_folder(tmp_path, monkeypatch, value) -> None:
    from core.engine.store.config import read_config, sqlite_folder

    if value:
        (tmp_path / "a-file").write_text("")
        monkeypatch.setenv("WORKSHOP_DATA_DIR", str(tmp_path / value))
    else:
        monkeypatch.delenv("WORKSHOP_DATA_DIR", raising=False)
    monkeypatch.delenv("WORKSHOP_DATABASE_URL", raising=False)
    assert variant_memory.memory_file().parent == sqlite_folder(read_config())
