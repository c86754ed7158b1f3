"""The Class page's board: the sentence, the chart and the table of every shared run.

An open page follows the class without a click: a small fragment looks every few seconds
whether the board changed (a run shared or withdrawn, the board hidden or new) and only then
redraws the page. Redrawing the chart and the table on every look would cost the server the
same work a hundred times over for a class that leaves the page open and nothing changed
(docs/store.md, "The class board"). What a student picked on the page stays picked.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from core.class_board.findings import chart_points, class_finding
from core.class_board.summary import SharedEntry, settings_columns
from ui.class_board import shared
from ui.class_board.board_chart import board_chart_text, board_figure
from ui.state.kept_settings import LESSON_SETTING
from ui.state.kept_work import work_store
from ui.state.student import student_id

REFRESH_S = 5
CHAPTERS = {"mnist": "MNIST", "iris": "Iris"}
MEASURES = {"y": "Normal test digits", "y_inverted": "Inverted test digits"}


def class_board() -> None:
    """The board as it is now, and the watch that redraws it when it changes."""
    drawn = shared.board_version()
    # One slot on the page however much the board shows, so what follows it (the
    # teacher's expander, open) keeps its place and is not drawn anew.
    with st.container():
        _board()
    _watch(drawn)


@st.fragment(run_every=REFRESH_S)
def _watch(drawn: tuple) -> None:
    """Every few seconds: one shared read of the board; the page reruns only if it changed.

    (A fragment rerun is called with the arguments of the page's last run: `drawn` is what
    the page shows.)
    """
    if shared.board_version() != drawn:
        st.rerun(scope="app")


def _board() -> None:
    problem = shared.board_problem()
    if problem:
        st.warning(problem, icon="💾")
        return
    if shared.board_hidden():
        st.info("Your teacher has hidden the class board for now.", icon="🙈")
        return
    chapter = st.segmented_control(
        "Runs of",
        list(CHAPTERS),
        format_func=CHAPTERS.get,
        default="mnist",
        key="class_chapter",
        **LESSON_SETTING,  # A teacher's link may open the Iris runs: /class?class_chapter=Iris
    )
    chapter = chapter or "mnist"
    entries = shared.board_entries(chapter)
    st.info(class_finding(entries, chapter), icon="🔎")
    if not entries:
        st.caption("Share a run from its page (under its results) and it appears here.")
        return
    points = chart_points(entries, chapter)
    measure = "y"
    if chapter == "mnist":
        measure = st.radio(
            "Accuracy on", list(MEASURES), format_func=MEASURES.get, horizontal=True,
            key="class_measure", **LESSON_SETTING,
        )  # fmt: skip
    title = f"Test accuracy ({MEASURES[measure].lower()})" if chapter == "mnist" else "Iris"
    st.plotly_chart(board_figure(points, measure, title), key="class_chart")
    st.caption(board_chart_text(points, measure))
    st.dataframe(
        board_table(entries),
        hide_index=True,
        key="class_table",
        column_config={
            name: st.column_config.NumberColumn(format="%.1f")
            for name in ("Test accuracy (%)", "Inverted digits (%)", "Training time (s)")
        },
    )
    _own_entries([e for e in entries if e.mine])


def board_table(entries: list[SharedEntry]) -> pd.DataFrame:
    """One row per shared run; every column sorts with a click on its header."""
    rows = []
    for entry in entries:
        s = entry.summary
        row = {"Nickname": entry.nickname, "Yours": "yes" if entry.mine else ""}
        row["Test accuracy (%)"] = round(100 * s.test_accuracy, 1)  # First: what is compared.
        if s.inverted_accuracy is not None:
            row["Inverted digits (%)"] = round(100 * s.inverted_accuracy, 1)
        row.update(settings_columns(s))
        row["Weights"] = s.weights
        row["Training time (s)"] = round(s.seconds, 1)
        row["Shared"] = dt.datetime.fromtimestamp(entry.created).strftime("%H:%M")
        rows.append(row)
    table = pd.DataFrame(rows)
    return table.dropna(axis="columns", how="all")  # A setting no shared run has.


def _own_entries(mine: list[SharedEntry]) -> None:
    if not mine:
        return
    st.markdown("**Your shared runs**: withdraw any of them.")
    for entry in mine:
        left, right = st.columns([3, 1], vertical_alignment="center")
        left.text(f"{entry.nickname}: {entry.summary.label}")  # As typed, never Markdown.
        if right.button("Withdraw", key=f"class_withdraw_{entry.entry_id}"):
            work_store().withdraw(student_id(), entry.entry_id)
            work_store().flush(timeout=2.0)
            shared.refresh()
            st.rerun()
