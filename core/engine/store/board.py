"""The class board's storage: runs students share with the class under a nickname.

A board is one lesson's wall: the current board is the one with the highest board_id. The
teacher may hide it, or start a new one (the old one ends: its entries keep their summaries
for the teacher's download, but their payloads go, so old boards cost no disk). Nothing a
read of the board returns names a student: a row says only whether it is the viewer's own.
The writes are in board_ops.py; the nicknames and summaries are core/class_board's.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import (
    Column,
    Connection,
    Float,
    Index,
    Integer,
    LargeBinary,
    Row,
    String,
    Table,
    Text,
    false,
    func,
    select,
)

from core.engine.store.tables import metadata

boards = Table(
    "workshop_boards",
    metadata,
    Column("board_id", Integer, primary_key=True, autoincrement=True),
    Column("created", Float, nullable=False),
    Column("hidden", Integer, nullable=False, default=0),  # 1: students do not see it.
    Column("ended", Float, nullable=True),  # When a new board replaced it.
)

shared = Table(
    "workshop_shared",
    metadata,
    Column("entry_id", Integer, primary_key=True, autoincrement=True),
    Column("board_id", Integer, nullable=False),
    Column("student", String(64), nullable=False),
    Column("nickname", String(100), nullable=False),
    Column("chapter", String(40), nullable=False),
    Column("created", Float, nullable=False),
    Column("summary", Text, nullable=False),  # JSON text, made by core/class_board.
    Column("payload", LargeBinary, nullable=False),  # May be b"": a summary only.
    Column("size", Integer, nullable=False),
    Index("workshop_shared_by_board", "board_id", "entry_id"),
    Index("workshop_shared_by_student", "student"),
    Index("workshop_shared_size", "student", "size"),  # See tables.size_indexes.
)

NICKNAME_CHARS = 100
CHAPTER_CHARS = 40


@dataclass(frozen=True)
class BoardEntryRow:
    """One shared run as every classmate sees it: no student id, only whether it is mine."""

    entry_id: int
    nickname: str
    chapter: str
    created: float
    summary: str
    mine: bool
    has_model: bool


@dataclass(frozen=True)
class BoardView:
    """The current board; `ok` is False when the store could not be read (the page says so)."""

    board_id: int
    hidden: bool
    entries: tuple[BoardEntryRow, ...]
    ok: bool = True


NO_BOARD = BoardView(board_id=0, hidden=False, entries=())  # Before the first write.
UNREAD = BoardView(board_id=0, hidden=False, entries=(), ok=False)

# The entries' columns a page needs: never the payload (large), never the student.
_HAS_MODEL = (shared.c.size > 0).label("has_model")
_COLUMNS = (shared.c.entry_id, shared.c.nickname, shared.c.chapter, shared.c.created)


def _rows(conn: Connection, board_id: int, viewer: str | None) -> tuple[BoardEntryRow, ...]:
    """The entries of one board, newest first; `mine` compared in the database."""
    mine = (shared.c.student == viewer) if viewer is not None else false()
    query = select(*_COLUMNS, shared.c.summary, mine.label("mine"), _HAS_MODEL)
    query = query.where(shared.c.board_id == board_id).order_by(shared.c.entry_id.desc())
    return tuple(_entry(row) for row in conn.execute(query))


def _entry(row: Row) -> BoardEntryRow:
    return BoardEntryRow(
        entry_id=int(row.entry_id),
        nickname=row.nickname,
        chapter=row.chapter,
        created=float(row.created),
        summary=row.summary,
        mine=bool(row.mine),
        has_model=bool(row.has_model),
    )


def current_view(conn: Connection, viewer: str | None) -> BoardView:
    """The current board and its entries (two queries); `viewer` None: nobody's are mine."""
    query = select(boards.c.board_id, boards.c.hidden).order_by(boards.c.board_id.desc())
    row = conn.execute(query.limit(1)).first()
    if row is None:
        return NO_BOARD
    return BoardView(int(row.board_id), bool(row.hidden), _rows(conn, int(row.board_id), viewer))


def entries_of(conn: Connection, board_id: int) -> tuple[BoardEntryRow, ...]:
    """Any board's entries (for the teacher's download of an old board): none is mine."""
    return _rows(conn, board_id, None)


def past_boards(conn: Connection) -> list[tuple[int, float, float | None, int]]:
    """Every board: (board_id, created, ended, number of entries), newest first."""
    count = (
        select(func.count(shared.c.entry_id))
        .where(shared.c.board_id == boards.c.board_id)
        .scalar_subquery()
    )
    query = select(boards.c.board_id, boards.c.created, boards.c.ended, count)
    return [
        (int(b), float(c), None if e is None else float(e), int(n))
        for b, c, e, n in conn.execute(query.order_by(boards.c.board_id.desc()))
    ]


def current_payload(conn: Connection, entry_id: int) -> bytes | None:
    """The payload of an entry on the current board; None if gone, empty or on an old board."""
    newest = select(func.max(boards.c.board_id)).scalar_subquery()
    query = select(shared.c.payload).where(
        shared.c.entry_id == entry_id, shared.c.board_id == newest
    )
    payload = conn.execute(query).scalar_one_or_none()
    return bytes(payload) if payload else None


def entries_by(conn: Connection, student: str) -> frozenset[int]:
    """The ids of one student's entries on the current board (an indexed query): a page
    marks them as the student's own on a board read once for everyone."""
    newest = select(func.max(boards.c.board_id)).scalar_subquery()
    query = select(shared.c.entry_id).where(
        shared.c.student == student, shared.c.board_id == newest
    )
    return frozenset(int(entry_id) for entry_id in conn.execute(query).scalars())
