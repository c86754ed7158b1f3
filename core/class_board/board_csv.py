"""The class board as a CSV file a teacher opens in a spreadsheet.

Nicknames are typed by students and a spreadsheet runs a cell that starts with "=", "+",
"-" or "@" as a formula: such a cell gets a leading single quote, which shows it as text.
The file starts with a byte-order mark so that Excel reads its UTF-8 (accents, emoji) right.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from datetime import UTC, datetime

from core.class_board.summary import SharedEntry, settings_columns

_FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_CHAPTER_NAMES = {"mnist": "MNIST", "iris": "Iris"}
FIRST_COLUMNS = ("Nickname", "Chapter", "Shared at (UTC)")
LAST_COLUMNS = ("Test accuracy %", "Inverted accuracy %", "Weights", "Training seconds")


def safe_cell(value: object) -> object:
    """Text a spreadsheet would run as a formula, made plain text; anything else as is."""
    if isinstance(value, str) and value.startswith(_FORMULA_STARTS):
        return "'" + value
    return value


def _percent(fraction: float | None) -> float | str:
    return "" if fraction is None else round(100 * fraction, 2)


def board_csv(entries: Sequence[SharedEntry]) -> bytes:
    """One row per entry, in the given order, under a header; settings columns that only
    some entries have (Invert is MNIST's) are left empty for the others."""
    settings: dict[str, None] = {}  # Every entry's settings columns, in first-seen order.
    rows = []
    for entry in entries:
        columns = settings_columns(entry.summary)
        settings.update(dict.fromkeys(columns))
        rows.append((entry, columns))
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow([*FIRST_COLUMNS, *settings, *LAST_COLUMNS])
    for entry, columns in rows:
        s = entry.summary
        shared_at = datetime.fromtimestamp(entry.created, UTC).isoformat(timespec="seconds")
        cells = [
            entry.nickname,
            _CHAPTER_NAMES.get(s.chapter, s.chapter),
            shared_at,
            *(columns.get(name, "") for name in settings),
            _percent(s.test_accuracy),
            _percent(s.inverted_accuracy),
            s.weights,
            round(s.seconds, 1),
        ]
        writer.writerow(["" if cell is None else safe_cell(cell) for cell in cells])
    return buffer.getvalue().encode("utf-8-sig")
