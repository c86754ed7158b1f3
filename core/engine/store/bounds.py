"""What the store keeps: a few runs per student and chapter, a size per student and for the
whole class, and nobody not seen for days. Applied by the writer, in the transaction that
adds the run, so a student never sees more than the bounds allow.

Every run dropped leaves a note for its student (one sentence, shown once by the page), so a
run does not vanish unexplained.
"""

from __future__ import annotations

import time

from sqlalchemy import Connection, ScalarSelect, Table, bindparam, delete, func, insert, select

from core.engine.store.board import boards, shared
from core.engine.store.config import MB, StoreConfig
from core.engine.store.tables import named_values, notes, runs, students

CHAPTER_NAMES = {"mnist": "MNIST", "iris": "Iris"}
BATCH = 100  # Runs looked at per query when the whole store is over its size.


def chapter_name(chapter: str) -> str:
    return CHAPTER_NAMES.get(chapter, chapter)


def saved_at(created: float) -> str:
    """'10:42' for a run saved today (the server's clock), else the date too, 'YYYY-MM-DD 10:42'."""
    when = time.localtime(created)
    today = time.localtime().tm_yday == when.tm_yday and time.localtime().tm_year == when.tm_year
    return time.strftime("%H:%M" if today else "%Y-%m-%d %H:%M", when)


def megabytes(size: int) -> str:
    return f"{size / MB:g} MB"


def note(conn: Connection, student: str, sentence: str) -> None:
    conn.execute(insert(notes).values(student=student, sentence=sentence))


def dropped(conn: Connection, student: str, chapter: str, created: float, why: str) -> None:
    """Delete nothing; leave the note that the student's oldest run of `chapter` went."""
    name = chapter_name(chapter)
    note(conn, student, f"Your oldest {name} run (saved {saved_at(created)}) was dropped: {why}.")


def keep_runs(conn: Connection, student: str, chapter: str, keep: int) -> None:
    """At most `keep` runs of one chapter per student: the oldest go first."""
    ids = select(runs.c.run_id, runs.c.created).where(
        runs.c.student == student, runs.c.chapter == chapter
    )
    extra = conn.execute(ids.order_by(runs.c.run_id.desc()).offset(keep)).all()
    name = chapter_name(chapter)
    for run_id, created in sorted(extra):
        conn.execute(delete(runs).where(runs.c.run_id == run_id))
        plural = "" if keep == 1 else "s"
        dropped(
            conn,
            student,
            chapter,
            created,
            f"the server keeps {keep} {name} run{plural} per student",
        )


def _total(table: Table, student: bool) -> ScalarSelect:
    query = select(func.coalesce(func.sum(table.c.size), 0))
    return (
        query.where(table.c.student == bindparam("student")) if student else query
    ).scalar_subquery()


# Built once: the writer runs them after every write (each a single query, three tables).
# Shared runs count (their payloads are copies) but are never dropped for size: a student
# has few (StoreConfig.shares_per_student), and an ended board's have no payload.
_STUDENT_SIZE = select(_total(named_values, True) + _total(runs, True) + _total(shared, True))
_STORE_SIZE = select(_total(named_values, False) + _total(runs, False) + _total(shared, False))


def student_size(conn: Connection, student: str) -> int:
    return int(conn.execute(_STUDENT_SIZE, {"student": student}).scalar_one())


def store_size(conn: Connection) -> int:
    return int(conn.execute(_STORE_SIZE).scalar_one())


def keep_student_size(conn: Connection, student: str, cap: int) -> None:
    """At most `cap` bytes per student: their oldest runs (any chapter) go first."""
    excess = student_size(conn, student) - cap
    if excess <= 0:
        return
    oldest = select(runs.c.run_id, runs.c.chapter, runs.c.created, runs.c.size).where(
        runs.c.student == student
    )
    for run_id, chapter, created, size in conn.execute(oldest.order_by(runs.c.run_id)).all():
        conn.execute(delete(runs).where(runs.c.run_id == run_id))
        dropped(conn, student, chapter, created, f"the server keeps {megabytes(cap)} per student")
        excess -= size
        if excess <= 0:
            return


def keep_store_size(conn: Connection, cap: int) -> None:
    """At most `cap` bytes in the whole store: the oldest runs of anyone go first."""
    excess = store_size(conn) - cap
    while excess > 0:
        oldest = select(runs.c.run_id, runs.c.student, runs.c.chapter, runs.c.created, runs.c.size)
        batch = conn.execute(oldest.order_by(runs.c.run_id).limit(BATCH)).all()
        if not batch:
            return  # Only named values and shared runs left: never dropped for size.
        for run_id, student, chapter, created, size in batch:
            conn.execute(delete(runs).where(runs.c.run_id == run_id))
            why = f"the server's store for the whole class is full ({megabytes(cap)})"
            dropped(conn, student, chapter, created, why)
            excess -= size
            if excess <= 0:
                return


def apply_size_bounds(conn: Connection, student: str, config: StoreConfig) -> None:
    keep_student_size(conn, student, config.student_bytes)
    keep_store_size(conn, config.store_bytes)


def forget(conn: Connection, student: str) -> None:
    """Delete everything of one student: values, runs, shared runs, notes and when they were
    last seen."""
    for table in (named_values, runs, shared, notes, students):
        conn.execute(delete(table).where(table.c.student == student))


def expire(conn: Connection, now: float, keep_days: float) -> None:
    """Delete every student not seen for `keep_days` (their values, runs, shared runs and
    notes), and every class board that ended more than `keep_days` ago, with its entries."""
    cutoff = now - keep_days * 86_400
    stale = select(students.c.student).where(students.c.last_seen < cutoff)
    for table in (named_values, runs, shared, notes):
        conn.execute(delete(table).where(table.c.student.in_(stale)))
    conn.execute(delete(students).where(students.c.last_seen < cutoff))
    old = select(boards.c.board_id).where(boards.c.ended < cutoff)
    conn.execute(delete(shared).where(shared.c.board_id.in_(old)))
    conn.execute(delete(boards).where(boards.c.ended < cutoff))
