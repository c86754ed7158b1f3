"""The store's settings: defaults, a PostgreSQL address through psycopg 3, a wrong value at
its default, and a store that cannot be made still answers (empty, with one sentence)."""

from __future__ import annotations

import time
from pathlib import Path

from core.engine.store import new_student_id, open_store
from core.engine.store.config import DEFAULT_DATA_DIR, MB, read_config
from tests.conftest import ROOT


def test_the_defaults() -> None:
    config = read_config({})
    assert DEFAULT_DATA_DIR == ROOT / ".workshop-data"
    assert config.url == f"sqlite:///{ROOT / '.workshop-data' / 'store.sqlite3'}"
    assert (config.keep_runs, config.student_bytes, config.store_bytes, config.keep_days) == (
        5,
        50 * MB,
        2000 * MB,
        14.0,
    )


def test_every_setting_is_read(tmp_path: Path) -> None:
    config = read_config(
        {
            "WORKSHOP_DATA_DIR": str(tmp_path),
            "WORKSHOP_KEEP_RUNS": "3",
            "WORKSHOP_STUDENT_MB": "12.5",
            "WORKSHOP_STORE_MB": "inf",
            "WORKSHOP_KEEP_DAYS": "0.5",
        }
    )
    assert config.url == f"sqlite:///{tmp_path / 'store.sqlite3'}"
    assert (config.keep_runs, config.student_bytes, config.keep_days) == (3, 12_500_000, 0.5)
    assert config.store_bytes >= 10**15  # "inf": a bound nobody reaches.


def test_a_plain_postgresql_address_is_spoken_through_psycopg() -> None:
    for scheme in ("postgresql", "postgres"):
        url = f"{scheme}://workshop:secret@db.school:5432/class"
        assert read_config({"WORKSHOP_DATABASE_URL": url}).url == (
            "postgresql+psycopg://workshop:secret@db.school:5432/class"
        )


def test_wrong_values_fall_back_to_the_defaults(tmp_path: Path) -> None:
    config = read_config(
        {
            "WORKSHOP_DATA_DIR": str(ROOT / "README.md"),
            "WORKSHOP_DATABASE_URL": "mysql://db.school/class",
            "WORKSHOP_KEEP_RUNS": "lots",
            "WORKSHOP_STUDENT_MB": "0",
            "WORKSHOP_STORE_MB": "nan",
            "WORKSHOP_KEEP_DAYS": "-3",
        }
    )
    assert config == read_config({})


def test_a_store_that_cannot_be_made_still_answers(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    start = time.monotonic()
    store = open_store({"WORKSHOP_DATA_DIR": str(tmp_path / "a-file" / "data")}, retry_s=0.2)
    student = new_student_id()
    store.put(student, "settings", b"x")
    assert store.values(student) == {} and store.runs(student, "iris") == []
    assert not store.flush(timeout=0.5)
    assert time.monotonic() - start < 3.0
    assert store.problem == (
        "Work is not being kept on the server: the store's folder cannot be made where "
        "WORKSHOP_DATA_DIR says; the app keeps trying."
    )
    store.close()
