"""The Draw page's choice of network follows the MNIST page's choice when that changes.

A student who trains again (or picks another run there) expects to draw with that run, not
with the one the Draw page's kept choice names.
"""

from __future__ import annotations

import streamlit as st

from ui.state import keys

# The Draw page's widgets whose value names an MNIST run.
FOLLOW_MNIST_CHOICE: frozenset[str] = frozenset({"draw_model", "draw_compare"})


def follow_the_mnist_choice() -> None:
    """Forget the Draw page's choices once the MNIST page's chosen run changes; every run."""
    runs = st.session_state.get(keys.MNIST_RUNS) or []
    index = st.session_state.get(keys.MNIST_SELECTED)
    choice = runs[index].label if isinstance(index, int) and 0 <= index < len(runs) else None
    if st.session_state.get(keys.REMEMBERED_MNIST_CHOICE) == choice:
        return
    st.session_state[keys.REMEMBERED_MNIST_CHOICE] = choice
    for key in FOLLOW_MNIST_CHOICE:
        st.session_state.pop(key, None)
