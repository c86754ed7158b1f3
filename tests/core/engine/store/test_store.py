"""The store on real SQLite files and a real PostgreSQL: what a page writes, it reads back,
and no other student ever sees it."""

from __future__ import annotations

import pytest

from core.engine.store import StoredRun, decode, encode, new_student_id


def test_put_replaces_a_value_and_drop_deletes_it(make_store, student) -> None:
    store = make_store()
    store.put(student, "settings", b'{"epochs": 10}')
    store.put(student, "place", b"mnist")
    store.put(student, "settings", b'{"epochs": 40}')
    assert store.flush()
    assert store.values(student) == {"settings": b'{"epochs": 40}', "place": b"mnist"}
    store.drop(student, "place")
    store.drop(student, "never-put")
    assert store.flush()
    assert store.values(student) == {"settings": b'{"epochs": 40}'}
    assert store.problem is None


def test_runs_come_back_oldest_first_per_chapter(make_store, student, clock) -> None:
    store = make_store()
    for i in range(3):
        store.add_run(student, "mnist", encode({"run": i}))
        clock.advance(seconds=60)
    store.add_run(student, "iris", encode({"run": "iris"}))
    assert store.flush()
    mnist = store.runs(student, "mnist")
    assert [decode(run.payload) for run in mnist] == [{"run": 0}, {"run": 1}, {"run": 2}]
    assert all(isinstance(run, StoredRun) and run.chapter == "mnist" for run in mnist)
    assert [run.run_id for run in mnist] == sorted(run.run_id for run in mnist)
    assert mnist[1].created - mnist[0].created == pytest.approx(60)
    assert [decode(run.payload) for run in store.runs(student, "iris")] == [{"run": "iris"}]
    assert store.runs(student, "kernels") == []


def test_another_student_never_sees_a_students_work(make_store, student) -> None:
    store = make_store()
    other = new_student_id()
    store.put(student, "settings", b"mine")
    store.add_run(student, "mnist", encode("my run"))
    assert store.flush()
    assert store.values(other) == {} and store.runs(other, "mnist") == []
    assert store.size_of(other) == 0 and store.take_notes(other) == []
    store.forget(other)  # Another student starting afresh deletes nothing of this one's.
    assert store.flush()
    assert store.values(student) == {"settings": b"mine"}
    assert len(store.runs(student, "mnist")) == 1


def test_forget_deletes_everything_after_the_writes_queued_before_it(make_store, student) -> None:
    store = make_store(WORKSHOP_KEEP_RUNS="1")
    store.put(student, "settings", b"x")
    store.add_run(student, "mnist", encode(1))
    store.add_run(student, "mnist", encode(2))  # Leaves a note: one run dropped.
    store.forget(student)  # Queued after them, so it deletes what they wrote.
    store.put(student, "place", b"home")  # And this, queued after it, stays.
    assert store.flush()
    assert store.values(student) == {"place": b"home"}
    assert store.runs(student, "mnist") == [] and store.take_notes(student) == []


def test_size_of_counts_values_and_runs(make_store, student) -> None:
    store = make_store()
    store.put(student, "settings", b"x" * 1_000)
    store.add_run(student, "mnist", b"r" * 5_000)
    store.add_run(student, "iris", b"i" * 700)
    assert store.flush()
    assert store.size_of(student) == 6_700


def test_two_stores_on_one_database_see_each_others_writes(make_store, student) -> None:
    """Two web replicas of a department, sharing one PostgreSQL (or one server's file)."""
    first, second = make_store(), make_store()
    first.put(student, "settings", b"from the first")
    first.add_run(student, "mnist", encode("first run"))
    assert first.flush()
    assert second.values(student) == {"settings": b"from the first"}
    second.add_run(student, "mnist", encode("second run"))
    second.put(student, "settings", b"from the second")
    assert second.flush()
    assert [decode(r.payload) for r in first.runs(student, "mnist")] == ["first run", "second run"]
    assert first.values(student) == {"settings": b"from the second"}


def test_a_text_that_cannot_be_a_student_is_ignored(make_store) -> None:
    store = make_store()
    for nobody in ("", "x" * 65):
        store.put(nobody, "settings", b"x")
        store.add_run(nobody, "mnist", b"x")
        assert store.values(nobody) == {} and store.runs(nobody, "mnist") == []
    assert store.flush() and store.problem is None


def test_flush_reports_whether_the_queue_emptied(make_store, student) -> None:
    store = make_store()
    for i in range(50):
        store.put(student, f"value {i}", bytes([i]) * 100)
    assert store.flush(timeout=10.0)
    assert len(store.values(student)) == 50
    store.close()
    store.put(student, "after close", b"x")  # Ignored, never raises.
