"""A student's work, kept across reloads and restarts: what the pages call.

Nothing here raises to a page or holds it up: writes are queued for the writer thread, reads
give up after a second (reads.py), and any fault becomes an empty answer plus one sentence
in `problem`.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable, Mapping
from typing import TypeVar

from sqlalchemy import select

import core.engine.store.board as board_reads
import core.engine.store.bounds as bounds
from core.engine.store.board import CHAPTER_CHARS, NICKNAME_CHARS, BoardEntryRow, BoardView
from core.engine.store.board_ops import TEACHER, HideBoard, NewBoard, RemoveEntry, Share, Withdraw
from core.engine.store.config import StoreConfig, read_config
from core.engine.store.operations import AddRun, Drop, DropNotes, Forget, Put, Touch, Write
from core.engine.store.reads import BoundedReads
from core.engine.store.records import StoredRun
from core.engine.store.tables import Database, named_values, notes, runs
from core.engine.store.writer import Writer

RETRY_S = 30.0
EXPIRY_EVERY_S = 3_600.0
TOUCH_EVERY_S = 60.0  # A student's "last seen" is written at most this often by reads.
QUEUE_FULL = (
    "Work is not being kept on the server: it could not save as fast as work arrived; "
    "the app keeps trying."
)

T = TypeVar("T")
log = logging.getLogger(__name__)


def _valid(student: object) -> bool:
    """Any non-empty text up to the column's 64 characters (pages pass new_student_id()s)."""
    return isinstance(student, str) and 0 < len(student) <= 64


class WorkStore:
    """Every student's named values (settings, place, markers) and runs, in one database."""

    def __init__(
        self,
        config: StoreConfig,
        *,
        clock: Callable[[], float] = time.time,
        retry_s: float = RETRY_S,
    ) -> None:
        self.config = config
        self._clock = clock
        self._retry_s = retry_s
        self._write_problem: str | None = None
        self._last_expiry: float | None = None
        self._touched: dict[str, float] = {}
        self._closed = False
        self._lock = threading.Lock()
        self._db = Database(config)
        self._read = BoundedReads(self._db, retry_s)
        self._writer = Writer(self._apply, self._report_write, retry_s, after=self._expire)
        self._read(self._db.ensure, None)  # Tables now, so the first page's read finds them.

    # --- What the pages see ------------------------------------------------------------------

    @property
    def problem(self) -> str | None:
        """One sentence while work is not being kept (the last fault's reason), else None."""
        return self._write_problem or self._read.problem

    def put(self, student: str, name: str, payload: bytes) -> None:
        self._submit(Put(student, name, bytes(payload)))

    def drop(self, student: str, name: str) -> None:
        self._submit(Drop(student, name))

    def add_run(self, student: str, chapter: str, payload: bytes) -> None:
        self._submit(AddRun(student, chapter, bytes(payload), self._clock()))

    def forget(self, student: str) -> None:
        if _valid(student):
            self._writer.submit(Forget(student), always=True)

    def values(self, student: str) -> dict[str, bytes]:
        def read() -> dict[str, bytes]:
            query = select(named_values.c.name, named_values.c.payload).where(
                named_values.c.student == student
            )
            with self._db.engine.connect() as conn:
                return {name: bytes(payload) for name, payload in conn.execute(query)}

        found = self._read(read, {}) if _valid(student) else {}
        self._touch(student)
        return found

    def runs(self, student: str, chapter: str) -> list[StoredRun]:
        def read() -> list[StoredRun]:
            query = select(runs.c.run_id, runs.c.chapter, runs.c.created, runs.c.payload)
            query = query.where(runs.c.student == student, runs.c.chapter == chapter)
            with self._db.engine.connect() as conn:
                rows = conn.execute(query.order_by(runs.c.run_id)).all()
            return [
                StoredRun(r.run_id, r.chapter, float(r.created), bytes(r.payload)) for r in rows
            ]

        return self._read(read, []) if _valid(student) else []

    def take_notes(self, student: str) -> list[str]:
        def read() -> list[tuple[int, str]]:
            query = select(notes.c.note_id, notes.c.sentence).where(notes.c.student == student)
            with self._db.engine.connect() as conn:
                return [
                    (r.note_id, r.sentence) for r in conn.execute(query.order_by(notes.c.note_id))
                ]

        found = self._read(read, []) if _valid(student) else []
        if found:
            self._submit(DropNotes(student, last=found[-1][0]))
        return [sentence for _, sentence in found]

    def size_of(self, student: str) -> int:
        def read() -> int:
            with self._db.engine.connect() as conn:
                return bounds.student_size(conn, student)

        return self._read(read, 0) if _valid(student) else 0

    # --- The class board (board.py, board_ops.py) ---------------------------------------------

    def share(
        self, student: str, nickname: str, chapter: str, summary: str, payload: bytes
    ) -> None:
        """Put a run on the current board under `nickname` (`summary`: JSON text)."""
        nickname, chapter = nickname[:NICKNAME_CHARS], chapter[:CHAPTER_CHARS]  # The columns.
        self._submit(Share(student, nickname, chapter, summary, bytes(payload), self._clock()))

    def withdraw(self, student: str, entry_id: int) -> None:
        self._submit(Withdraw(student, int(entry_id)))

    def remove_entry(self, entry_id: int) -> None:
        self._submit(RemoveEntry(TEACHER, int(entry_id)))

    def set_board_hidden(self, hidden: bool) -> None:
        self._submit(HideBoard(TEACHER, bool(hidden)))

    def new_board(self) -> None:
        self._submit(NewBoard(TEACHER))

    def board(self, viewer: str) -> BoardView:
        """The current board; any viewer may read it (`mine` only for a valid student id)."""
        return self._query(
            board_reads.current_view, board_reads.UNREAD, viewer if _valid(viewer) else None
        )

    def shared_by(self, student: str) -> frozenset[int]:
        """The ids of `student`'s entries on the current board."""
        if not _valid(student):
            return frozenset()
        return self._query(board_reads.entries_by, frozenset(), student)

    def past_boards(self) -> list[tuple[int, float, float | None, int]]:
        return self._query(board_reads.past_boards, [])

    def board_entries(self, board_id: int) -> tuple[BoardEntryRow, ...]:
        return self._query(board_reads.entries_of, (), int(board_id))

    def shared_payload(self, entry_id: int) -> bytes | None:
        return self._query(board_reads.current_payload, None, int(entry_id))

    def flush(self, timeout: float = 5.0) -> bool:
        return self._writer.flush(timeout)

    def close(self) -> None:
        """Finish the queued writes (for up to two seconds), then let go of the database."""
        self._closed = True
        self._writer.close(timeout=2.0)
        self._read.close()
        self._db.close()

    # --- How -----------------------------------------------------------------------------------

    def _query(self, read: Callable[..., T], empty: T, *args: object) -> T:
        """`read(conn, *args)` on a connection of its own, bounded like every read."""

        def run() -> T:
            with self._db.engine.connect() as conn:
                return read(conn, *args)

        return self._read(run, empty)

    def _submit(self, write: Write) -> None:
        if self._closed:
            return
        if _valid(write.student) and not self._writer.submit(write):
            self._write_problem = self._write_problem or QUEUE_FULL

    def _touch(self, student: str) -> None:
        """A student who only reads (a reload) is still seen: the expiry counts from now."""
        now = self._clock()
        with self._lock:
            if now - self._touched.get(student, float("-inf")) < TOUCH_EVERY_S:
                return
            self._touched[student] = now
            if len(self._touched) > 10_000:
                self._touched.clear()
        self._submit(Touch(student))

    def _apply(self, write: Write) -> None:
        try:
            self._db.ensure()
            with self._db.writing_engine.begin() as conn:
                write.apply(conn, self.config, self._clock())
        except Exception:
            self._db.reset()
            raise

    def _expire(self) -> None:
        """At most once per EXPIRY_EVERY_S (by the store's clock), after a write succeeded."""
        now = self._clock()
        if self._last_expiry is not None and now - self._last_expiry < EXPIRY_EVERY_S:
            return
        self._last_expiry = now
        with self._db.writing_engine.begin() as conn:
            bounds.expire(conn, now, self.config.keep_days)

    def _report_write(self, sentence: str | None) -> None:
        self._write_problem = sentence


def open_store(
    environ: Mapping[str, str] | None = None,
    *,
    clock: Callable[[], float] = time.time,
    retry_s: float = RETRY_S,
) -> WorkStore:
    """The store the teacher's settings name (never raises: a broken one says so in
    `problem`). One per server process: its writer thread serves every session."""
    try:
        config = read_config(environ)
    except Exception as error:  # A setting that passed its check and still fails to parse.
        log.warning("store settings failed: %s", error)
        config = read_config({})
    return WorkStore(config, clock=clock, retry_s=retry_s)
