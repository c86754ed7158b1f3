"""Which runs a page's comparison chart shows: a run just filed joins the student's choice."""

from __future__ import annotations

import streamlit as st


def include_new_run(runs_key: str, label: str) -> None:
    """A run just filed joins the comparison the student has set up (call before the page
    draws the widget: Streamlit refuses a widget's value set after it is drawn)."""
    chosen = st.session_state.get(runs_key)
    if isinstance(chosen, list) and label not in chosen:
        st.session_state[runs_key] = [*chosen, label]
