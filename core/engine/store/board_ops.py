"""The class board's writes, each applied by the writer thread in one transaction.

Every write that needs the current board locks its row first (FOR UPDATE on PostgreSQL; the
writer's BEGIN IMMEDIATE on SQLite), so two replicas never share onto a board that another
has just ended, and the bounds of one board are applied one share at a time. A board is
created with the next board_id written out: two replicas creating one at the same moment
collide on the key, and the writer tries the loser again (it then finds the new board).
"""

from __future__ import annotations

from dataclasses import dataclass, field

from sqlalchemy import Connection, delete, func, insert, select, update

import core.engine.store.bounds as bounds
from core.engine.store.board import boards, shared
from core.engine.store.bounds import megabytes, saved_at
from core.engine.store.config import StoreConfig
from core.engine.store.operations import Write, touch

TEACHER = "teacher"  # The queue's student for the teacher's writes: no student row is made.


def _plural(count: int) -> str:
    return f"{count} shared run{'' if count == 1 else 's'}"


def live_board(conn: Connection) -> int | None:
    """The current board's id, its row locked until the transaction ends; None if none yet."""
    newest = select(boards.c.board_id, boards.c.ended).order_by(boards.c.board_id.desc())
    for _ in range(3):  # Ended by another replica while we waited: its successor is newer.
        row = conn.execute(newest.limit(1).with_for_update()).first()
        if row is None or row.ended is None:
            return None if row is None else int(row.board_id)
    return int(row.board_id)


def create_board(conn: Connection, now: float, hidden: bool = False) -> int:
    """A new, current board (the id after the highest: see the module's docstring)."""
    board_id = int(conn.execute(select(func.coalesce(func.max(boards.c.board_id), 0))).scalar())
    board_id += 1
    conn.execute(insert(boards).values(board_id=board_id, created=now, hidden=int(hidden)))
    return board_id


def _drop_entries(conn: Connection, extra: list, why: str) -> None:
    """Delete these (entry_id, student, created) entries, oldest first, each with a note."""
    for entry_id, student, created in sorted(extra):
        conn.execute(delete(shared).where(shared.c.entry_id == entry_id))
        sentence = f"Your oldest shared run (shared {saved_at(created)}) left the class board"
        bounds.note(conn, student, f"{sentence}: {why}.")


def keep_board_bounds(conn: Connection, board_id: int, student: str, config: StoreConfig) -> None:
    """At most shares_per_student of one student and board_entries in all on one board."""
    query = select(shared.c.entry_id, shared.c.student, shared.c.created)
    query = query.where(shared.c.board_id == board_id).order_by(shared.c.entry_id.desc())
    keep = config.shares_per_student
    mine = conn.execute(query.where(shared.c.student == student).offset(keep)).all()
    _drop_entries(conn, mine, f"the class board keeps {_plural(keep)} per student")
    keep = config.board_entries
    extra = conn.execute(query.offset(keep)).all()
    _drop_entries(conn, extra, f"the class board keeps {_plural(keep)}")


@dataclass(frozen=True)
class Share(Write):
    nickname: str
    chapter: str
    summary: str
    payload: bytes = field(repr=False)
    created: float = 0.0  # When the student shared it, not when the writer got to it.

    @property
    def size(self) -> int:
        return len(self.payload) + len(self.summary)

    def apply(self, conn: Connection, config: StoreConfig, now: float) -> None:
        touch(conn, self.student, now)
        board_id = live_board(conn) or create_board(conn, now)
        payload = self.payload
        if len(payload) > config.student_bytes:
            bounds.note(
                conn,
                self.student,
                f"Your shared run (shared {saved_at(self.created)}) is on the class board "
                f"without its network: it is larger than the {megabytes(config.student_bytes)} "
                "the server keeps per student.",
            )
            payload = b""
        row = {
            "board_id": board_id,
            "student": self.student,
            "nickname": self.nickname,
            "chapter": self.chapter,
            "created": self.created,
            "summary": self.summary,
        }
        conn.execute(insert(shared).values(payload=payload, size=len(payload), **row))
        keep_board_bounds(conn, board_id, self.student, config)
        if payload:
            bounds.apply_size_bounds(conn, self.student, config)


@dataclass(frozen=True)
class Withdraw(Write):
    """A student takes back one of their own entries (someone else's id deletes nothing)."""

    entry_id: int = 0

    def apply(self, conn: Connection, config: StoreConfig, now: float) -> None:
        touch(conn, self.student, now)
        own = (shared.c.entry_id == self.entry_id) & (shared.c.student == self.student)
        conn.execute(delete(shared).where(own))


@dataclass(frozen=True)
class RemoveEntry(Write):
    """The teacher removes any entry (queued as TEACHER)."""

    entry_id: int = 0

    def apply(self, conn: Connection, config: StoreConfig, now: float) -> None:
        conn.execute(delete(shared).where(shared.c.entry_id == self.entry_id))


@dataclass(frozen=True)
class HideBoard(Write):
    """The teacher hides or shows the current board (queued as TEACHER)."""

    hidden: bool = False

    def apply(self, conn: Connection, config: StoreConfig, now: float) -> None:
        board_id = live_board(conn)
        if board_id is None:
            create_board(conn, now, hidden=self.hidden)
            return
        where = boards.c.board_id == board_id
        conn.execute(update(boards).where(where).values(hidden=int(self.hidden)))


@dataclass(frozen=True)
class NewBoard(Write):
    """The teacher ends the current board (its entries lose their payloads) and starts a
    new, shown one (queued as TEACHER)."""

    def apply(self, conn: Connection, config: StoreConfig, now: float) -> None:
        board_id = live_board(conn)
        if board_id is not None:
            conn.execute(update(boards).where(boards.c.board_id == board_id).values(ended=now))
            emptied = update(shared).where(shared.c.board_id == board_id)
            conn.execute(emptied.values(payload=b"", size=0))
        create_board(conn, now)
