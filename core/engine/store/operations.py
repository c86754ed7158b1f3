"""The writes a store queues, each applied by the writer thread in one transaction.

A transaction is all or nothing: a server that dies in the middle of one leaves the store as
it was before it, and another student's reader never sees half of it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, delete, insert, update

import core.engine.store.bounds as bounds
from core.engine.store.bounds import chapter_name, megabytes, saved_at
from core.engine.store.config import StoreConfig
from core.engine.store.tables import named_values, notes, runs, students


@dataclass(frozen=True)
class Write:
    """One queued write of one student; `size` counts towards the queue's bound."""

    student: str

    @property
    def size(self) -> int:
        return 0

    def apply(self, conn: Connection, config: StoreConfig, now: float) -> None:
        raise NotImplementedError


def touch(conn: Connection, student: str, now: float) -> None:
    """Remember that the student was seen now (the expiry counts from here)."""
    seen = update(students).where(students.c.student == student).values(last_seen=now)
    if conn.execute(seen).rowcount == 0:
        conn.execute(insert(students).values(student=student, last_seen=now))


@dataclass(frozen=True)
class Touch(Write):
    def apply(self, conn: Connection, config: StoreConfig, now: float) -> None:
        touch(conn, self.student, now)


def _too_large(conn: Connection, write: Write, config: StoreConfig, what: str) -> bool:
    """True (and a note for the student) when one write alone is over the per-student cap."""
    if write.size <= config.student_bytes:
        return False
    sentence = (
        f"Your {what} was not kept: it is larger than the {megabytes(config.student_bytes)} "
        "the server keeps per student."
    )
    bounds.note(conn, write.student, sentence)
    return True


@dataclass(frozen=True)
class Put(Write):
    name: str
    payload: bytes = field(repr=False)

    @property
    def size(self) -> int:
        return len(self.payload)

    def apply(self, conn: Connection, config: StoreConfig, now: float) -> None:
        touch(conn, self.student, now)
        if _too_large(conn, self, config, f"saved {self.name}"):
            return
        key = (named_values.c.student == self.student) & (named_values.c.name == self.name)
        row = {"payload": self.payload, "size": self.size}
        if conn.execute(update(named_values).where(key).values(**row)).rowcount == 0:
            conn.execute(insert(named_values).values(student=self.student, name=self.name, **row))
        bounds.apply_size_bounds(conn, self.student, config)


@dataclass(frozen=True)
class Drop(Write):
    name: str

    def apply(self, conn: Connection, config: StoreConfig, now: float) -> None:
        touch(conn, self.student, now)
        key = (named_values.c.student == self.student) & (named_values.c.name == self.name)
        conn.execute(delete(named_values).where(key))


@dataclass(frozen=True)
class AddRun(Write):
    chapter: str
    payload: bytes = field(repr=False)
    created: float = 0.0  # When the page asked to keep it, not when the writer got to it.

    @property
    def size(self) -> int:
        return len(self.payload)

    def apply(self, conn: Connection, config: StoreConfig, now: float) -> None:
        touch(conn, self.student, now)
        what = f"{chapter_name(self.chapter)} run (saved {saved_at(self.created)})"
        if _too_large(conn, self, config, what):
            return
        row = {"chapter": self.chapter, "created": self.created, "payload": self.payload}
        conn.execute(insert(runs).values(student=self.student, size=self.size, **row))
        bounds.keep_runs(conn, self.student, self.chapter, config.keep_runs)
        bounds.apply_size_bounds(conn, self.student, config)


@dataclass(frozen=True)
class Forget(Write):
    def apply(self, conn: Connection, config: StoreConfig, now: float) -> None:
        bounds.forget(conn, self.student)


@dataclass(frozen=True)
class DropNotes(Write):
    """The notes take_notes() has handed to the page (up to and including `last`)."""

    last: int = 0

    def apply(self, conn: Connection, config: StoreConfig, now: float) -> None:
        mine = (notes.c.student == self.student) & (notes.c.note_id <= self.last)
        conn.execute(delete(notes).where(mine))
