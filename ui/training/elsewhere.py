"""A training picked up after a reload, on a page that does not show it: said, and kept.

A reload, or an address typed while the results were being tested, can land the student on
another page (the Draw page, say) while their training goes on. The new session picks the
training up (ui/state/resumed_jobs.py), but only the training's own page watches it: without
this the network would wait, unkept, until the student opened that page again, and the Draw
page would say there is no network. Here every page says the training is still running, looks
again each second, and keeps the result as soon as it is there.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import streamlit as st

from ui.frame.page_list import every_page
from ui.iris.train import IRIS_TRAINING
from ui.mnist.runs import MNIST_TRAINING
from ui.state import keys
from ui.training.page_training import PageTraining, keep_ended_training

LOOK_EVERY_S = 1.0  # A second is short against a training and cheap for the server.


@dataclass(frozen=True)
class Chapter:
    training: PageTraining
    name: str  # As the student reads it: "MNIST".
    page: str  # The url_path of the page that watches it (ui/frame/page_list.py).

    @property
    def script(self) -> str:
        """That page's script, for a link to it."""
        return next(entry.path for entry in every_page() if entry.url_path == self.page)


CHAPTERS = (Chapter(MNIST_TRAINING, "MNIST", "mnist"), Chapter(IRIS_TRAINING, "Iris", "iris"))


def trainings_elsewhere(page: str | None) -> None:
    """On every run, before the page: keep a picked-up training that ended, or say it runs.

    `page` is the url_path of the page about to run; a training's own page watches it itself.
    """
    resumed = st.session_state.get(keys.RESUMED) or ()
    for chapter in CHAPTERS:
        job = st.session_state.get(chapter.training.job_key)
        if job is None or chapter.training.job_key not in resumed or chapter.page == page:
            continue
        if job.done():
            keep_ended_training(chapter.training)
        else:
            _still_running(job, chapter)


def training_under_way(chapter_name: str) -> bool:
    """True while a training this page said is still running has not ended: a page with
    nothing to show until then says it is coming, not that there is nothing."""
    for chapter in CHAPTERS:
        job = st.session_state.get(chapter.training.job_key)
        if chapter.name == chapter_name and job is not None:
            return not job.done()
    return False


@st.fragment(run_every=LOOK_EVERY_S)
def _still_running(job: Any, chapter: Chapter) -> None:
    if job.done():  # The whole app runs again: the lines above keep it, the page uses it.
        st.rerun(scope="app")
    progress = job.progress()
    st.info(
        f"⏳ Your {chapter.name} training is still running: it went on while the page "
        "reloaded. Its network is kept as soon as it is done, and this page uses it then."
    )
    st.progress(progress.fraction, text=_progress_line(progress))
    st.page_link(chapter.script, label=f"Watch it, or stop it, on the {chapter.name} page")


def _progress_line(progress: Any) -> str:
    if progress.phase == "training" and progress.epochs:
        return (
            f"Epoch {progress.epoch}/{progress.epochs}: {progress.fraction:.0%} done, "
            f"about {progress.seconds_left:.0f} s left"
        )
    return progress.message or f"{progress.fraction:.0%} done"
