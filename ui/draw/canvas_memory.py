"""Telling a fresh drawing from the one that Clear or a new paper has just wiped.

The Draw page keeps one canvas for its lifetime and wipes it by handing it a new blank
drawing. Until the canvas answers with that blank, its value is still the old strokes: they
must not be answered again, nor read as ink on the other paper. No Streamlit here, so the
rule is tested without a browser.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import MutableMapping
from typing import Any

from ui.state import keys

BOARD = keys.DRAW_BOARD  # The (paper, clears) the canvas was last given.
WIPED = keys.DRAW_WIPED  # Fingerprint of the strokes that were wiped, until the canvas moves on.


def fingerprint(drawing: dict[str, Any] | None) -> str | None:
    """Which strokes a drawing holds (None for none); the same strokes, the same print."""
    objects = (drawing or {}).get("objects") or []
    if not objects:
        return None
    return hashlib.sha1(json.dumps(objects, sort_keys=True).encode()).hexdigest()


def is_fresh(drawing: dict[str, Any] | None, board: tuple, memory: MutableMapping) -> bool:
    """True for strokes drawn on the current board; False for none, or for wiped ones.

    `board` changes whenever the canvas is wiped (another paper, one more Clear); `memory`
    is the session's state, where the wiped strokes are remembered.
    """
    strokes = fingerprint(drawing)
    if memory.get(BOARD, board) != board:  # Wiped since the last run: these are old strokes.
        memory[WIPED] = strokes
    memory[BOARD] = board
    if strokes is None:
        memory[WIPED] = None  # The canvas has shown the blank: whatever comes next is new.
        return False
    if strokes == memory.get(WIPED):
        return False
    memory[WIPED] = None
    return True
