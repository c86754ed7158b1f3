"""Under a trained result: share it with the class under a nickname, or withdraw it.

Sharing is opt-in per run and needs no login. The nickname is checked here
(core.class_board.nickname) and shown everywhere as text, never as Markdown or HTML; the
student is whoever the page's own cookie says (ui/state/student.py), never a value a request
could name, so nobody shares or withdraws in another's name.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.class_board.nickname import NICKNAME_MAX, NicknameError, clean_nickname
from core.class_board.summary import summary_of_iris, summary_of_mnist, to_json
from core.engine.jobs.base import for_another_process
from core.engine.store import encode
from ui.class_board import shared
from ui.state import keys
from ui.state.kept_settings import OWN_CHOICE
from ui.state.kept_work import work_store
from ui.state.student import student_id

SAVE_WAIT_S = 2.0  # The share is queued; the page waits this long for it to be on the board.


def share_section(chapter: str, run: Any) -> None:
    """The share box for `run` (an MNIST run or an Iris result) on its chapter's page."""
    if chapter == "mnist" and getattr(run, "evaluation", None) is None:
        return  # Not tested (yet): there is no accuracy to compare.
    st.subheader("Share with the class")
    notice = st.session_state.pop(keys.CLASS_NOTICE, None)
    if notice:
        st.success(notice, icon="🧑‍🤝‍🧑")
    problem = shared.board_problem()
    if problem:
        st.caption(problem)
        return
    if shared.board_hidden():
        st.caption("Your teacher has closed the class board for now: nothing can be shared.")
        return
    entry = shared.my_entry_for(run.label, chapter)
    if entry is not None:
        st.caption("This run is on the class board, on the Class page, under the nickname:")
        st.text(entry.nickname)  # As typed: never Markdown or HTML.
        if st.button("Withdraw it from the board", key=f"{chapter}_withdraw"):
            work_store().withdraw(student_id(), entry.entry_id)
            _settle("Withdrawn: the run is no longer on the class board.")
        return
    st.caption(
        "Put this run on the Class page, beside your classmates' runs: its settings and "
        "accuracy under a nickname you choose, and for MNIST its network, which classmates "
        "can draw with. Nothing else about you is shown, and you can withdraw it any time."
    )
    nickname = st.text_input(
        "Your nickname on the class board",
        value=st.session_state.get(keys.CLASS_NICKNAME, ""),
        max_chars=NICKNAME_MAX,
        key=f"{chapter}_nickname",
        placeholder="e.g. Ada",
        **OWN_CHOICE,
    )
    if st.button("Share this run with the class", key=f"{chapter}_share"):
        try:
            name = clean_nickname(nickname)
        except NicknameError as error:
            st.error(str(error))
            return
        share_run(chapter, run, name)
        _settle("Shared: your run is on the Class page. You can withdraw it here any time.")


def share_run(chapter: str, run: Any, nickname: str) -> None:
    """Queue the run's public facts (and, for MNIST, its network) for the board."""
    summary = summary_of_mnist(run) if chapter == "mnist" else summary_of_iris(run)
    payload = encode(for_another_process(run)) if chapter == "mnist" else b""
    work_store().share(student_id(), nickname, chapter, to_json(summary), payload)
    st.session_state[keys.CLASS_NICKNAME] = nickname


def _settle(sentence: str) -> None:
    """Wait (briefly) for the write, then draw the page again with the board as it is now."""
    work_store().flush(timeout=SAVE_WAIT_S)
    shared.refresh()
    st.session_state[keys.CLASS_NOTICE] = sentence
    st.rerun()
