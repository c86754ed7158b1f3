"""Who the student is, without a login: a random identifier kept in their own browser.

It lives in a cookie, never in the address, so a copied link shares settings and not work;
it is unguessable (core.engine.store.new_student_id), and a cookie edited into anything else
is treated as no identifier. See docs/store.md.
"""

from __future__ import annotations

import streamlit as st

from core.engine.store import is_student_id, new_student_id
from ui.state import keys

COOKIE = "workshop_student"
COOKIE_DAYS = 60  # Longer than any store keeps work: the store's expiry decides.


def student_id() -> str:
    """This browser's student: from the cookie, or new (and the cookie set) on a first visit."""
    state = st.session_state
    known = state.get(keys.STUDENT)
    if known:
        return known
    cookie = _cookie()
    student = cookie if cookie and is_student_id(cookie) else new_student_id()
    state[keys.STUDENT] = student
    _write_cookie(student)  # Also on a return: the cookie's life starts again.
    return student


def _cookie() -> str | None:
    try:
        return st.context.cookies.get(COOKIE)
    except Exception:  # No browser behind the session (AppTest, a bare script run).
        return None


def _write_cookie(student: str) -> None:
    """The browser keeps the identifier for the next session (a reload, a reopened tab)."""
    age = COOKIE_DAYS * 24 * 3600
    with st.sidebar:
        st.html(
            f"<script>document.cookie = '{COOKIE}={student}; max-age={age}; path=/; "
            "samesite=strict';</script>",
            unsafe_allow_javascript=True,
        )
