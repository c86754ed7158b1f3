"""The teacher's controls over the class board, behind WORKSHOP_TEACHER_CODE.

Whoever enters the code in this session may hide or show the board, remove any entry, start
a new board for the next class and download boards as CSV; nobody else can remove another's
entry. Wrong codes are slowed down for everyone on the server, so a code cannot be guessed by
trying many.
"""

from __future__ import annotations

import datetime as dt
import hmac
import os
import threading
import time

import streamlit as st

from core.class_board.board_csv import board_csv
from core.class_board.summary import shared_entries
from core.engine.jobs.teacher_settings import setting_problem
from ui.class_board import shared
from ui.state import keys
from ui.state.kept_work import work_store

TEACHER_CODE = "WORKSHOP_TEACHER_CODE"
WRONG_CODES_PER_MINUTE = 10  # For the whole server: a class mistyping now and then passes.


class _WrongCodes:
    """When the server last saw wrong codes: one list for every session."""

    def __init__(self) -> None:
        self.times: list[float] = []
        self.lock = threading.Lock()

    def allow(self) -> bool:
        now = time.monotonic()
        with self.lock:
            self.times = [t for t in self.times if now - t < 60]
            return len(self.times) < WRONG_CODES_PER_MINUTE

    def add(self) -> None:
        with self.lock:
            self.times.append(time.monotonic())


@st.cache_resource
def _wrong_codes() -> _WrongCodes:
    return _WrongCodes()


def teacher_code() -> str:
    """The code, or "" when unset or too short to keep a class out (every page says so)."""
    if setting_problem(TEACHER_CODE, os.environ):
        return ""
    return os.environ.get(TEACHER_CODE, "").strip()


def teacher_controls() -> None:
    """The expander at the foot of the Class page."""
    with st.expander("For the teacher"):
        code = teacher_code()
        if not code:
            st.caption(
                f"Teacher controls are off on this server: set {TEACHER_CODE} (a Secret on "
                "Streamlit Community Cloud) to hide the board, remove entries, start a new "
                "board and download it."
            )
            return
        if not st.session_state.get(keys.CLASS_TEACHER):
            _ask_for_the_code(code)
            return
        _controls()


def _ask_for_the_code(code: str) -> None:
    with st.form("class_teacher_form", border=False):
        typed = st.text_input("Teacher's code", type="password", key="class_teacher_code")
        sent = st.form_submit_button("Unlock the teacher controls")
    if not sent:
        return
    wrong = _wrong_codes()
    if not wrong.allow():
        st.error("Too many wrong codes on this server in the last minute: wait a minute.")
        return
    if hmac.compare_digest(typed.strip().encode(), code.encode()):
        st.session_state[keys.CLASS_TEACHER] = True
        st.rerun()
    wrong.add()
    st.error("That is not the teacher's code.")


def _controls() -> None:
    store = work_store()
    hidden = shared.board_hidden()
    if st.toggle("Hide the board from the class", value=hidden, key="class_hide") != hidden:
        store.set_board_hidden(not hidden)
        _changed()
    entries = shared.board_entries()
    if entries:
        chosen = st.selectbox(
            "Remove an entry",
            [e.entry_id for e in entries],
            format_func=lambda i: _entry_name(entries, i),
            index=None,
            placeholder="Choose an entry",
            key="class_remove_choice",
        )
        if st.button("Remove it", key="class_remove", disabled=chosen is None):
            store.remove_entry(int(chosen))
            _changed()
    st.download_button(
        "Download this board (CSV)",
        data=board_csv(entries),
        file_name=f"class-board-{dt.date.today():%Y-%m-%d}.csv",
        mime="text/csv",
        on_click="ignore",
        key="class_download",
    )
    past = [b for b in store.past_boards() if b[2] is not None]
    if past:
        board_id = st.selectbox(
            "An earlier board",
            [b[0] for b in past],
            format_func=lambda i: _board_name(past, i),
            key="class_past_choice",
        )
        st.download_button(
            "Download that board (CSV)",
            data=lambda: board_csv(shared_entries(store.board_entries(board_id))),
            file_name=f"class-board-{board_id}.csv",
            mime="text/csv",
            on_click="ignore",
            key="class_past_download",
        )
    sure = st.checkbox(
        "I have downloaded this board: start a new one for the next class",
        key="class_new_sure",
    )
    if st.button("Start a new board", key="class_new_board", disabled=not sure):
        store.new_board()
        st.session_state.pop("class_new_sure", None)
        _changed()


def _entry_name(entries: list, entry_id: int) -> str:
    entry = next(e for e in entries if e.entry_id == entry_id)
    return f"{entry.nickname}: {entry.summary.label}"  # A selectbox shows its options as text.


def _board_name(past: list, board_id: int) -> str:
    _, created, ended, count = next(b for b in past if b[0] == board_id)
    start = dt.datetime.fromtimestamp(created).strftime("%Y-%m-%d %H:%M")
    end = dt.datetime.fromtimestamp(ended).strftime("%H:%M") if ended else "now"
    return f"{start} to {end}, {count} runs"


def _changed() -> None:
    work_store().flush(timeout=2.0)
    shared.refresh()
    st.rerun()
