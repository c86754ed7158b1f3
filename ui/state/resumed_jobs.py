"""A training outlives the page that started it: a reload picks it up, a restart reports it.

The server keeps each student's running trainings by their key; the session that last
picked one up owns it, so the session a reload left behind neither stops it nor files its
result. A training the store remembers but this server does not know was cut off by a
restart: the student is told in one sentence.
"""

from __future__ import annotations

import json
import time
from typing import Any

import streamlit as st

from core.engine.store import WorkStore
from ui.state import keys
from ui.state.student import student_id

MARK = "training:"  # The store's name for a training under way, before its job key.
CHAPTERS = {keys.MNIST_JOB: "MNIST", keys.IRIS_JOB: "Iris"}


@st.cache_resource(show_spinner=False)
def _running() -> dict[tuple[str, str], tuple[Any, str]]:
    """(student, job key) -> (job, the session that owns it), for the whole server."""
    return {}


def _session() -> str:
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return ctx.session_id if ctx is not None else ""


class OwnedJob:
    """A job as one session sees it: a Stop from a session that lost it stops nothing."""

    def __init__(self, job: Any, student: str, job_key: str, session: str) -> None:
        self.job, self._where, self._session = job, (student, job_key), session

    def owned(self) -> bool:
        entry = _running().get(self._where)
        return entry is None or (entry[0] is self.job and entry[1] == self._session)

    def stop(self) -> None:
        if self.owned():
            self.job.stop()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.job, name)


def training_started(store: WorkStore, job_key: str, job: Any) -> OwnedJob:
    """Keep a new job where a reload finds it, and mark it in the store for a restart."""
    student, session = student_id(), _session()
    _running()[(student, job_key)] = (job, session)
    store.put(student, MARK + job_key, json.dumps({"started": time.time()}).encode())
    return OwnedJob(job, student, job_key, session)


def training_ended(store: WorkStore, job_key: str, job: Any) -> bool:
    """Forget an ended job; True if this session owns it (and so files its result)."""
    if isinstance(job, OwnedJob) and not job.owned():
        return False
    student = student_id()
    entry = _running().get((student, job_key))
    if entry is not None and entry[0] is getattr(job, "job", job):
        del _running()[(student, job_key)]
    store.drop(student, MARK + job_key)
    return True


def pick_up_trainings(store: WorkStore, student: str, values: dict[str, bytes]) -> None:
    """On a session's first run: take over the student's trainings still under way."""
    session = _session()
    for name in values:
        if not name.startswith(MARK):
            continue
        job_key = name.removeprefix(MARK)
        entry = _running().get((student, job_key))
        if entry is None:  # The server restarted since: say so once, then forget it.
            chapter = CHAPTERS.get(job_key, "A")
            st.session_state.setdefault(keys.INTERRUPTED, []).append(
                f"Your {chapter} training was cut off when the server restarted: press "
                "Train to run it again."
            )
            store.drop(student, name)
            continue
        _running()[(student, job_key)] = (entry[0], session)
        st.session_state[job_key] = OwnedJob(entry[0], student, job_key, session)
        st.session_state.setdefault(keys.RESUMED, set()).add(job_key)
