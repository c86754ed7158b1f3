"""The sidebar's word on the student's work: kept or not, a link to these settings, Start afresh.

Work is kept in the store per browser (ui/state/kept_work.py); when the store cannot keep it,
one sentence says so and the lesson goes on. See docs/store.md.
"""

from __future__ import annotations

from urllib.parse import urlencode

import streamlit as st

from core.engine.store.config import read_config
from ui.state import keys
from ui.state.kept_work import notes_due, start_afresh, store_problem, work_store
from ui.state.student import student_id


def your_work() -> None:
    """Every page: what became of the student's work, and what they can do with it."""
    for sentence in st.session_state.pop(keys.INTERRUPTED, []):
        st.warning(sentence, icon="⏹️")
    if notes_due():  # Only after a saved run: no page's run waits on the store for nothing.
        for sentence in work_store().take_notes(student_id()):
            st.sidebar.info(sentence, icon="🗂️")
    problem = store_problem()
    with st.sidebar.expander("Your work"):
        if problem:
            st.warning(problem, icon="💾")
        else:
            st.caption(
                "Your settings and trained networks are kept on this server for "
                f"{read_config().keep_days:g} days, for this browser only: a reload or a "
                "closed tab loses nothing."
            )
        st.caption("Link to these settings (it shares the settings, never your work):")
        st.code(settings_link(), language=None, wrap_lines=True)
        if st.button("Start afresh", key="work_start_afresh", help="Forget your work here."):
            start_afresh()
            # `query_params={}`, not the default: on a page whose settings came from a link,
            # the default clears the address with a check that refuses bound parameters
            # (Streamlit 1.67 raises "Cannot clear query parameters"); `{}` replaces them.
            st.switch_page("app_pages/home.py", query_params={})


def settings_link() -> str:
    """This page's address with every lesson setting that is not at its default."""
    base = st.context.url or ""
    params = st.query_params.to_dict()
    return f"{base}?{urlencode(params)}" if params else base


def welcome_back() -> None:
    """On the home page of a returning student: a link back to where they were."""
    from ui.frame.page_list import SECTIONS

    place = st.session_state.get(keys.KEPT_PLACE)
    pages = {page.url_path: page for section in SECTIONS.values() for page in section}
    page = pages.get(place)
    if place and page is not None and page.url_path:
        st.page_link(page.path, label=f"Continue where you left off: {page.title}", icon="↩️")
