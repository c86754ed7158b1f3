"""Each student's work, kept on the server: named values (settings, place) and runs.

SQLite in WORKSHOP_DATA_DIR by default, or the PostgreSQL that WORKSHOP_DATABASE_URL names
when several web replicas share one store (docs/store.md). Nothing here raises to a page or
holds it up: a fault gives empty answers and one sentence in `WorkStore.problem`.
"""

from core.engine.store.board import BoardEntryRow, BoardView
from core.engine.store.identity import is_student_id, new_student_id
from core.engine.store.records import StoredRun, decode, encode
from core.engine.store.work_store import WorkStore, open_store

__all__ = [
    "BoardEntryRow",
    "BoardView",
    "StoredRun",
    "WorkStore",
    "decode",
    "encode",
    "is_student_id",
    "new_student_id",
    "open_store",
]
