"""The teacher's settings that the app could not use, one sentence each, on every page.

A wrong setting must not go unseen (core.engine.jobs.teacher_settings), and it must not be said
twice: pages that have more to say about a setting (the Draw page about the class model)
leave out what this already said.
"""

from __future__ import annotations

import streamlit as st

from core.engine.jobs.teacher_settings import setting_problems


def teacher_notes() -> None:
    """A warning in the sidebar for every teacher's setting that is set to a wrong value."""
    for sentence in setting_problems():
        st.sidebar.warning(sentence, icon="⚙️")
