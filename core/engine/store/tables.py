"""The store's tables and its connection to them, the same SQLAlchemy Core for both backends.

SQLite (one server, a file in WORKSHOP_DATA_DIR) runs in WAL mode: readers never wait for the
writer, and a process killed in the middle of a save leaves the last committed state. Every
wait is short (busy timeout, pool checkout, PostgreSQL's connect and statement timeouts), so
a fault becomes an exception quickly instead of a hung page.
"""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from sqlalchemy import (
    Column,
    Engine,
    Float,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Table,
    Text,
    create_engine,
    event,
)

from core.engine.store.config import StoreConfig, sqlite_folder

BUSY_TIMEOUT_S = 0.5  # SQLite: how long a statement waits for another writer's lock.
CONNECT_TIMEOUT_S = 2  # PostgreSQL: libpq's smallest connect timeout.
STATEMENT_TIMEOUT_MS = 10_000  # PostgreSQL: no statement of the store takes near this long.
LOCK_TIMEOUT_MS = 1_000
POOL_TIMEOUT_S = 1.0  # Waiting for a free connection of the pool.

metadata = MetaData()

students = Table(
    "workshop_students",
    metadata,
    Column("student", String(64), primary_key=True),
    Column("last_seen", Float, nullable=False),
)

named_values = Table(
    "workshop_values",
    metadata,
    Column("student", String(64), primary_key=True),
    Column("name", String(200), primary_key=True),
    Column("payload", LargeBinary, nullable=False),
    Column("size", Integer, nullable=False),
    Index("workshop_values_size", "student", "size"),
)

runs = Table(
    "workshop_runs",
    metadata,
    Column("run_id", Integer, primary_key=True, autoincrement=True),
    Column("student", String(64), nullable=False),
    Column("chapter", String(40), nullable=False),
    Column("created", Float, nullable=False),
    Column("payload", LargeBinary, nullable=False),
    Column("size", Integer, nullable=False),
    Index("workshop_runs_by_student", "student", "chapter", "run_id"),
    Index("workshop_runs_size", "student", "size"),
)

notes = Table(
    "workshop_notes",
    metadata,
    Column("note_id", Integer, primary_key=True, autoincrement=True),
    Column("student", String(64), nullable=False, index=True),
    Column("sentence", Text, nullable=False),
)


# The writer adds up every table's `size` after each write (core/engine/store/bounds.py). In
# SQLite a row's columns after its payload sit behind the payload's overflow pages, so summing
# `size` from the table read every byte of the store, after every save; from these indexes it
# reads the sizes alone. Named "..._size" (the class board's table has one too).
SIZE_INDEX_SUFFIX = "_size"


def size_indexes() -> list[Index]:
    """Every table's (student, size) index, for stores made before they existed."""
    tables = metadata.tables.values()
    return [i for t in tables for i in t.indexes if i.name.endswith(SIZE_INDEX_SUFFIX)]


def make_engine(config: StoreConfig) -> Engine:
    """An engine whose every wait is bounded; it connects only when first used."""
    common: dict[str, Any] = {"pool_timeout": POOL_TIMEOUT_S, "pool_pre_ping": True}
    if not config.is_sqlite:
        options = f"-c statement_timeout={STATEMENT_TIMEOUT_MS} -c lock_timeout={LOCK_TIMEOUT_MS}"
        connect_args = {"connect_timeout": CONNECT_TIMEOUT_S, "options": options}
        return create_engine(config.url, connect_args=connect_args, **common)
    engine = create_engine(
        config.url,
        connect_args={"timeout": BUSY_TIMEOUT_S, "check_same_thread": False},
        pool_size=4,
        max_overflow=4,
        **common,
    )
    event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _sqlite_begin)
    return engine


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    """WAL, and transactions begun by SQLAlchemy rather than by Python's sqlite3 module
    (which would start them late, after a transaction's first read)."""
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute("PRAGMA synchronous=NORMAL")  # In WAL mode: safe when a process dies.
    finally:
        cursor.close()


def _sqlite_begin(connection: Any) -> None:
    """A writer takes the write lock at once (BEGIN IMMEDIATE), so its reads and writes see
    one state; readers begin a plain deferred transaction."""
    writing = connection.get_execution_options().get("writing", False)
    connection.exec_driver_sql("BEGIN IMMEDIATE" if writing else "BEGIN")


class Database:
    """The engine, and whether the tables are known to exist: made on first use, and again
    after a fault (the file may have been replaced, the server restarted)."""

    def __init__(self, config: StoreConfig) -> None:
        self.config = config
        self.engine = make_engine(config)
        self.writing_engine = self.engine.execution_options(writing=True)
        self._ready = False
        self._lock = threading.Lock()

    def ensure(self) -> None:
        """Create the folder and the tables if they are not known to exist (raises on a fault)."""
        if self._ready:
            return
        with self._lock:
            if self._ready:
                return
            folder = sqlite_folder(self.config)
            if folder is not None:
                Path(folder).mkdir(parents=True, exist_ok=True)
            # A deferred transaction: finding the tables there takes no write lock, so a
            # reader is not held up by a writer.
            metadata.create_all(self.engine, checkfirst=True)
            for index in size_indexes():  # A store made before they existed gets them too.
                index.create(self.engine, checkfirst=True)
            self._ready = True

    def reset(self) -> None:
        """After a fault: drop pooled connections (they may point at a replaced file or a dead
        server) and check the tables again next time."""
        self._ready = False
        self.engine.dispose()

    def close(self) -> None:
        self.engine.dispose()
