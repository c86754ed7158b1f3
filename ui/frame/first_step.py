"""Every page opens with one thing to do first, in the same place and the same look.

A student who lands on a page should not have to read it all before touching it: the
first step says which control to move and what to watch.
"""

from __future__ import annotations

import streamlit as st

ICON = "👉"


def first_step(text: str) -> None:
    """The page's first action, in a framed line under its title (not an alert: the page's
    alerts are kept for what happens, such as a warning about the settings)."""
    with st.container(border=True, key="first_step"):
        st.markdown(f"{ICON} **Try this first:** {text}")
