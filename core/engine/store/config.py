"""Where the store lives and how much it keeps, read once from the teacher's settings.

Each setting is checked by core/engine/jobs/teacher_settings.py, which gives the teacher one
sentence for a wrong value; a wrong value here falls back to the default that sentence names.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from core.engine.jobs.teacher_settings import setting_problem

APP_FOLDER = Path(__file__).resolve().parents[3]  # The repository: app.py's folder.
DEFAULT_DATA_DIR = APP_FOLDER / ".workshop-data"
SQLITE_FILE = "store.sqlite3"

DATA_DIR = "WORKSHOP_DATA_DIR"
DATABASE_URL = "WORKSHOP_DATABASE_URL"
KEEP_RUNS = "WORKSHOP_KEEP_RUNS"
STUDENT_MB = "WORKSHOP_STUDENT_MB"
STORE_MB = "WORKSHOP_STORE_MB"
KEEP_DAYS = "WORKSHOP_KEEP_DAYS"
KEEP_WORK = "WORKSHOP_KEEP_WORK"
SHARES_PER_STUDENT = "WORKSHOP_SHARES_PER_STUDENT"
BOARD_ENTRIES = "WORKSHOP_BOARD_ENTRIES"

_POSTGRES_SCHEMES = ("postgresql", "postgres", "postgresql+psycopg")
MB = 1_000_000


@dataclass(frozen=True)
class StoreConfig:
    """The database's SQLAlchemy URL (with its driver) and the bounds on what it keeps."""

    url: str
    keep_runs: int = 5  # Runs per student per chapter: as many as a session shows.
    student_bytes: int = 50 * MB
    store_bytes: int = 2000 * MB
    keep_days: float = 14.0  # Students not seen for longer are deleted.
    shares_per_student: int = 5  # Entries of one student on the class board.
    board_entries: int = 200  # Entries on the class board, of everyone.

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")


def sqlalchemy_url(value: str) -> str:
    """A plain postgresql:// (or postgres://) address, spoken through psycopg 3."""
    scheme, sep, rest = value.partition("://")
    return f"postgresql+psycopg://{rest}" if sep and scheme in _POSTGRES_SCHEMES else value


def keeps_work(environ: Mapping[str, str] | None = None) -> bool:
    """False only when the teacher turned the store off (WORKSHOP_KEEP_WORK=0)."""
    environ = os.environ if environ is None else environ
    return environ.get(KEEP_WORK, "").strip() != "0"


def read_config(environ: Mapping[str, str] | None = None) -> StoreConfig:
    """The settings in `environ` (default: the process's), each wrong one at its default."""
    environ = os.environ if environ is None else environ

    def usable(name: str) -> str | None:
        value = environ.get(name, "").strip()
        return value if value and setting_problem(name, dict(environ)) is None else None

    default = StoreConfig(url="")
    if url := usable(DATABASE_URL):
        url = sqlalchemy_url(url)
    else:
        folder = Path(usable(DATA_DIR) or DEFAULT_DATA_DIR)
        url = f"sqlite:///{folder.absolute() / SQLITE_FILE}"
    mb = usable(STUDENT_MB)
    store_mb = usable(STORE_MB)
    days = usable(KEEP_DAYS)
    return StoreConfig(
        url=url,
        keep_runs=int(usable(KEEP_RUNS) or default.keep_runs),
        student_bytes=_bytes(mb) if mb else default.student_bytes,
        store_bytes=_bytes(store_mb) if store_mb else default.store_bytes,
        keep_days=float(days) if days else default.keep_days,
        shares_per_student=int(usable(SHARES_PER_STUDENT) or default.shares_per_student),
        board_entries=int(usable(BOARD_ENTRIES) or default.board_entries),
    )


def _bytes(megabytes: str) -> int:
    """Megabytes as bytes; "inf" (a valid number above 0) as a bound nobody reaches."""
    return int(min(float(megabytes), 1e12) * MB)


def sqlite_folder(config: StoreConfig) -> Path | None:
    """The folder of the SQLite file (created when the store first writes), else None."""
    if not config.is_sqlite:
        return None
    from sqlalchemy.engine import make_url

    database = make_url(config.url).database
    return Path(database).parent if database and database != ":memory:" else None
