"""The MNIST page's Train button: submit the training, draw its progress, file its run.

The training itself is core's flow (core.mnist.training.run_mnist), run by the server's
backend (a thread of its own, or a Ray cluster); this page only draws what it reports. A
click during the training ends this script run, which stops the job (ui/training_watch.py);
the page's next run waits for the stopped network's test and files the run (ui/session.py).
"""

from __future__ import annotations

import streamlit as st

from core.engine.jobs.base import TrainingFailed
from core.mnist import MNIST_FLOW  # By name: TensorFlow loads where the job runs.
from core.mnist.config import MnistConfig
from ui import session
from ui.mnist_views import LiveProgress
from ui.training_watch import watch

REDRAW_S = 0.25  # Look four times a second; the flow reports a little over twice a second.


def train_from_page(config: MnistConfig) -> None:
    """Everything the Train button starts; the new run lands in the session's run list."""
    try:
        job = session.training_backend().submit(MNIST_FLOW, config, queued=True)
    except TrainingFailed as error:  # A Ray cluster that cannot be reached: one sentence.
        st.error(str(error))
        return
    view = LiveProgress()
    st.session_state[session.MNIST_JOB] = job
    watch(job, view.draw, REDRAW_S)
    view.clear()
    session.collect_mnist_job()
