"""Adding up the store's sizes reads the sizes alone, not the runs: the writer does it after
every save, and a full store holds all of its students' runs."""

from __future__ import annotations

import sqlite3

from sqlalchemy import create_engine

from core.engine.store import encode, open_store
from core.engine.store.bounds import _STORE_SIZE, _STUDENT_SIZE
from core.engine.store.config import SQLITE_FILE
from core.engine.store.tables import size_indexes

SIZED_TABLES = {"workshop_values", "workshop_runs", "workshop_shared"}


def _plan(path, query, **params) -> str:
    engine = create_engine(f"sqlite:///{path}")
    compiled = query.compile(engine)
    values = [params.get(name) for name in compiled.positiontup or []]
    with sqlite3.connect(path) as db:
        rows = db.execute(f"EXPLAIN QUERY PLAN {compiled}", values).fetchall()
    return "\n".join(row[-1] for row in rows)


def test_the_store_sizes_are_summed_from_indexes_alone(tmp_path, student) -> None:
    store = open_store({"WORKSHOP_DATA_DIR": str(tmp_path)})
    store.add_run(student, "mnist", encode(b"x" * 200_000))  # Overflow pages, as a network.
    assert store.flush()
    path = tmp_path / SQLITE_FILE
    for query, params in ((_STORE_SIZE, {}), (_STUDENT_SIZE, {"student": student})):
        plan = _plan(path, query, **params)
        for table in SIZED_TABLES:
            lines = [line for line in plan.splitlines() if f" {table} " in f" {line} "]
            assert lines and all("COVERING INDEX" in line for line in lines), plan


def test_a_store_made_before_the_indexes_gets_them(tmp_path, student) -> None:
    store = open_store({"WORKSHOP_DATA_DIR": str(tmp_path)})
    store.put(student, "settings", b"s")
    assert store.flush()
    path = tmp_path / SQLITE_FILE
    with sqlite3.connect(path) as db:
        for index in size_indexes():
            db.execute(f"DROP INDEX {index.name}")
    again = open_store({"WORKSHOP_DATA_DIR": str(tmp_path)})
    again.put(student, "settings", b"t")
    assert again.flush()
    with sqlite3.connect(path) as db:
        names = {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='index'")}
    assert {index.name for index in size_indexes()} <= names
    assert len(size_indexes()) == 3
