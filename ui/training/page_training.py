"""A page's training, the same three steps for Iris and MNIST: submit, watch, keep.

The training itself is one of core's flows, run by the server's backend (a thread of this
process, or a Ray cluster); a page only draws the snapshots it reports. In Streamlit any
click (Stop, another widget, another page) ends the running script at its next `st.*`
call: here, while watching. The watch then stops the job, which ends after its current
batch and tests what it has; the job waits in the session under its key, and the page's
next run keeps it (`keep_ended_training`), or drops it for a chapter that keeps no stopped network.
A session that ends (a reload, a closed tab) leaves its training running for the next one.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Protocol

import streamlit as st
from streamlit.runtime.scriptrunner import StopException

from core.engine.jobs.base import CANCELLED, Flow, TrainingFailed, watch
from core.engine.progress import Progress
from ui.state import keys
from ui.state.backend import training_backend
from ui.state.kept_work import work_store
from ui.state.resumed_jobs import training_ended, training_started


class LiveView(Protocol):
    """What a page shows while its training runs: redrawn with each new snapshot."""

    def draw(self, progress: Progress) -> None: ...

    def clear(self) -> None: ...


@dataclass(frozen=True)
class PageTraining:
    """What differs between the pages' trainings; the steps in this module are the same."""

    flow: Flow  # core's flow itself; its module loads TensorFlow only when the flow runs.
    job_key: str  # Where the job waits in the session state until it is collected.
    queued: bool  # True: it waits for one of the server's training slots (MNIST, not Iris).
    redraw_s: float  # How often the page looks at the job's progress.
    keep: Callable[[Any], None]  # Keeps what the flow returned (not None) in the session.
    keep_stopped: bool  # A stopped network is tested and kept (MNIST) or dropped (Iris).


def train_on_page(training: PageTraining, config: Any, view: Callable[[], LiveView]) -> None:
    """Everything a Train button starts: submit, draw each snapshot, then keep the result.

    A backend that cannot take the job (an unreachable Ray cluster) is one sentence on the
    page; so is a training that fails.
    """
    try:
        job = training_backend().submit(training.flow, config, queued=training.queued)
    except TrainingFailed as error:
        st.error(str(error))
        return
    job = training_started(work_store(), training.job_key, job)  # A reload picks it up.
    (st.session_state.get(keys.RESUMED) or set()).discard(training.job_key)  # This one is new.
    st.session_state[training.job_key] = job
    _watch_on_page(training, job, view)


def resume_on_page(training: PageTraining, view: Callable[[], LiveView]) -> None:
    """Watch a training this session picked up after a reload (progress, Stop); then keep it."""
    resumed = st.session_state.get(keys.RESUMED) or set()
    job = st.session_state.get(training.job_key)
    if training.job_key in resumed:
        resumed.discard(training.job_key)
        if job is not None and not job.done():
            _watch_on_page(training, job, view)
            return
    keep_ended_training(training)


def _watch_on_page(training: PageTraining, job: Any, view: Callable[[], LiveView]) -> None:
    shown = view()
    try:
        # With fast reruns off, a click ends the script run with RerunException; a stop
        # comes when the session goes away (a reload, a closed tab), and the new session
        # may not have picked the training up yet: stopping it then would lose the run.
        watch(job, shown.draw, training.redraw_s, leave_running_on=(StopException,))
    except StopException:  # Should this session come back, it watches the training again.
        st.session_state.setdefault(keys.RESUMED, set()).add(training.job_key)
        raise
    shown.clear()
    keep_ended_training(training)


def keep_ended_training(training: PageTraining) -> None:
    """Keep the session's ended training, if any; call it on every run of the page.

    A training an earlier run left behind was stopped by the click that ended that run:
    it is waited for (a spinner says why) and kept, or dropped if the chapter keeps no
    stopped network.
    """
    job = st.session_state.get(training.job_key)
    if job is None:
        return
    resumed = st.session_state.get(keys.RESUMED) or set()
    if training.job_key in resumed and not job.done():
        return  # Picked up after a reload: its page watches it (or ui/training/elsewhere.py).
    resumed.discard(training.job_key)  # Kept here: a later training of this key is new.
    if not job.done():
        if not training.keep_stopped:
            del st.session_state[training.job_key]
            return
        waiting = "Testing the stopped network ..."
        if job.progress().phase not in ("training", "evaluating"):
            waiting = "Stopping the training ..."
        with st.spinner(waiting):
            while not job.done():
                time.sleep(0.1)
    del st.session_state[training.job_key]
    if not training_ended(work_store(), training.job_key, job):
        return  # A reload's session took this training over and keeps it there.
    try:
        result = job.result()
    except TrainingFailed as error:
        st.error(str(error))
        return
    if result is not None:
        training.keep(result)
    elif job.progress().message == CANCELLED:  # The student would otherwise see nothing.
        st.warning(CANCELLED)
