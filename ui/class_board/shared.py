"""The class board as the pages read it: one cheap query, shared by every session.

The board changes when someone shares, withdraws or a teacher acts, not with every rerun of
a hundred open Class pages: each server reads it at most once per BOARD_TTL_S for everyone,
and a session asks for its own entries separately (docs/store.md, "The class board").
"""

from __future__ import annotations

import dataclasses
from typing import Any

import streamlit as st

from core.class_board.summary import SharedEntry, shared_entries
from core.engine.store import decode
from ui.state.kept_work import NoStore, work_store
from ui.state.student import student_id

BOARD_TTL_S = 2.0  # How stale a board may be: the page refreshes every few seconds anyway.
MODELS_KEPT = 8  # Classmates' networks held in memory at once, for the Draw page.
BOARD_DOWN = (
    "The class board cannot be read right now (the server's store is not answering); "
    "everything else works, and the board comes back by itself."
)

NO_BOARD = "This server keeps no work (the teacher's choice), so it has no class board."


@st.cache_data(ttl=BOARD_TTL_S, show_spinner=False, max_entries=1)
def _board() -> Any:
    return work_store().board("")


def refresh() -> None:
    """After this session changed the board: the next read sees it."""
    _board.clear()


def board_problem() -> str | None:
    """One sentence when the board cannot be read, else None."""
    if isinstance(work_store(), NoStore):
        return NO_BOARD
    view = _board()
    return None if getattr(view, "ok", False) else BOARD_DOWN


def board_version() -> tuple:
    """What an open Class page must redraw for: the board, shown or hidden, and which runs
    it holds (a run cannot change once shared, only come or go)."""
    if isinstance(work_store(), NoStore):
        return ()
    view = _board()
    if not getattr(view, "ok", False):
        return (False,)
    return (True, view.board_id, view.hidden, tuple(row.entry_id for row in view.entries))


def board_hidden() -> bool:
    return bool(getattr(_board(), "hidden", False))


def board_entries(chapter: str | None = None) -> list[SharedEntry]:
    """The current board's entries, newest first, this student's own marked."""
    view = _board()
    mine = my_entry_ids()
    found = [
        dataclasses.replace(entry, mine=entry.entry_id in mine)
        for entry in shared_entries(getattr(view, "entries", ()))
    ]
    return [e for e in found if chapter is None or e.summary.chapter == chapter]


def my_entry_ids() -> frozenset[int]:
    """The ids of this student's entries on the current board (one indexed query)."""
    return work_store().shared_by(student_id())


def my_entry_for(label: str, chapter: str) -> SharedEntry | None:
    """This student's entry of the run called `label`, if they shared it."""
    for entry in board_entries(chapter):
        if entry.mine and entry.summary.label == label:
            return entry
    return None


@st.cache_resource(show_spinner=False, max_entries=MODELS_KEPT)
def _shared_run(entry_id: int) -> Any:
    payload = work_store().shared_payload(entry_id)
    return decode(payload) if payload else None


def shared_network(entry_id: int) -> Any:
    """The network of a classmate's shared MNIST run, or None once it is gone."""
    if entry_id not in {e.entry_id for e in board_entries("mnist")}:
        return None  # Withdrawn or removed: a cached copy is not drawn with any more.
    run = _shared_run(entry_id)
    if run is None:
        _shared_run.clear()  # A store that was down for a moment: try again next time.
    return getattr(run, "network", None)
