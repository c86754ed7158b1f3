"""The Draw page's Network choice: the student's own networks, then the class board's.

A classmate's shared MNIST run is loaded only when chosen (ui/class_board/shared.py holds
a few at a time); one withdrawn since is said in a sentence, and the page draws with the
student's own default instead.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from ui.class_board import shared
from ui.mnist import runs
from ui.state.kept_settings import OWN_CHOICE

CLASS_PREFIX = "Class board"


def classmates() -> list[tuple[str, int]]:
    """(label, entry id) of every MNIST run on the class board that has a network."""
    if shared.board_problem() or shared.board_hidden():
        return []
    found = []
    for entry in shared.board_entries("mnist"):
        if entry.has_model:
            s = entry.summary
            scores = f"{s.test_accuracy:.0%} normal"
            if s.inverted_accuracy is not None:
                scores += f", {s.inverted_accuracy:.0%} inverted"
            owner = "you" if entry.mine else entry.nickname
            found.append((f"{CLASS_PREFIX} #{entry.entry_id}: {owner} ({scores})", entry.entry_id))
    return found


def choose_network(
    place: Any, models: list[tuple[str, Any]], shared_runs: list[tuple[str, int]]
) -> tuple[str, Any]:
    """The selectbox in `place`; (label, network) of the network to draw with, among the
    student's own `models` and the classmates' `shared_runs` (classmates())."""
    current = runs.current_mnist_model()
    labels = [label for label, _ in models] + [label for label, _ in shared_runs]
    default = len(models) - 1 if models else 0
    if current and current[1] in labels:
        default = labels.index(current[1])
    choice = place.selectbox("Network", labels, index=default, key="draw_model", **OWN_CHOICE)
    own = dict(models)
    if choice in own:
        return choice, own[choice]
    network = shared.shared_network(dict(shared_runs)[choice])
    if network is None:
        st.warning("That classmate's run has just left the class board: choose another.")
        if not models:
            st.stop()
        return models[default][0], models[default][1]
    return choice, network
