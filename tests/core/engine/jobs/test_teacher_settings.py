"""Every teacher's setting: a wrong value gets one sentence naming it, a right one none."""

from __future__ import annotations

import re

import pytest

from core.engine.jobs.teacher_settings import SETTINGS, setting_problem, setting_problems
from tests.conftest import ROOT

WRONG = {
    "WORKSHOP_MNIST_MODEL": "models/nowhere.keras",
    "WORKSHOP_MAX_TRAININGS": "0",
    "WORKSHOP_TF_NICE": "25",
    "WORKSHOP_TF_IDLE": "yes",
    "WORKSHOP_TRAIN_VARIANT": "turbo-mode",
    "WORKSHOP_TRAIN_PATH": "gpu",
    "WORKSHOP_RAY_ADDRESS": "my-cluster",
    "WORKSHOP_RAY_CPUS": "-2",
    "WORKSHOP_TIMING_LOG": "/no/such/folder/times.jsonl",
    "WORKSHOP_DATA_DIR": str(ROOT / "README.md"),  # A file, not a folder.
    "WORKSHOP_DATABASE_URL": "mysql://db.school/workshop",
    "WORKSHOP_KEEP_RUNS": "0",
    "WORKSHOP_STUDENT_MB": "fifty",
    "WORKSHOP_STORE_MB": "-1",
    "WORKSHOP_KEEP_DAYS": "0",
    "WORKSHOP_KEEP_WORK": "no",
    "WORKSHOP_SHARES_PER_STUDENT": "51",
    "WORKSHOP_BOARD_ENTRIES": "0",
    "WORKSHOP_TEACHER_CODE": "abc",
}
RIGHT = {
    "WORKSHOP_MNIST_MODEL": None,  # A real file: made by the test.
    "WORKSHOP_MAX_TRAININGS": "3",
    "WORKSHOP_TF_NICE": "0",
    "WORKSHOP_TF_IDLE": "0",
    "WORKSHOP_TRAIN_VARIANT": "blocks",
    "WORKSHOP_TRAIN_PATH": "auto",
    "WORKSHOP_RAY_ADDRESS": "ray://127.0.0.1:10001",
    "WORKSHOP_RAY_CPUS": "0.5",
    "WORKSHOP_TIMING_LOG": None,  # A file in a real folder: made by the test.
    "WORKSHOP_DATA_DIR": "/tmp/workshop-data-not-made-yet",
    "WORKSHOP_DATABASE_URL": "postgresql://workshop:secret@db.school:5432/workshop",
    "WORKSHOP_KEEP_RUNS": "20",
    "WORKSHOP_STUDENT_MB": "12.5",
    "WORKSHOP_STORE_MB": "500",
    "WORKSHOP_KEEP_DAYS": "0.5",
    "WORKSHOP_KEEP_WORK": "0",
    "WORKSHOP_SHARES_PER_STUDENT": "1",
    "WORKSHOP_BOARD_ENTRIES": "2000",
    "WORKSHOP_TEACHER_CODE": "owl-42-lantern",
}


def test_every_workshop_variable_the_app_reads_is_checked() -> None:
    """A new WORKSHOP_ setting read anywhere in the app must be declared in SETTINGS."""
    read = set()
    for folder in ("core", "ui", "app_pages"):
        for path in (ROOT / folder).rglob("*.py"):
            read |= set(re.findall(r"[\"'](WORKSHOP_[A-Z_]+)[\"']", path.read_text()))
    declared = {setting.name for setting in SETTINGS}
    assert read == declared
    assert set(WRONG) == declared == set(RIGHT)


@pytest.mark.parametrize("name", sorted(WRONG))
def test_a_wrong_value_gets_one_sentence_naming_it(name: str) -> None:
    sentence = setting_problem(name, {name: WRONG[name]})
    assert sentence is not None and sentence.count(name) == 1
    assert sentence.endswith(".") and "\n" not in sentence
    assert setting_problems({name: WRONG[name]}) == [sentence]


@pytest.mark.parametrize("name", sorted(RIGHT))
def test_a_right_or_missing_value_gets_none(name: str, tmp_path) -> None:
    value = RIGHT[name]
    if value is None:
        value = str(tmp_path / ("class.keras" if "MODEL" in name else "times.jsonl"))
        if "MODEL" in name:
            (tmp_path / "class.keras").write_bytes(b"")
    assert setting_problem(name, {name: value}) is None
    assert setting_problem(name, {}) is None
    assert setting_problem(name, {name: "  "}) is None


def test_the_model_file_sentences_say_what_is_wrong(tmp_path) -> None:
    (tmp_path / "model.h5").write_bytes(b"")
    name = "WORKSHOP_MNIST_MODEL"
    assert "folder" in setting_problem(name, {name: str(tmp_path)})
    assert "not a .keras file" in setting_problem(name, {name: str(tmp_path / "model.h5")})


def test_a_huge_value_is_shortened() -> None:
    sentence = setting_problem("WORKSHOP_TF_NICE", {"WORKSHOP_TF_NICE": "9" * 10_000})
    assert len(sentence) < 300
