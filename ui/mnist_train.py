"""The MNIST page's Train button: wait for a free slot, train live, keep what Stop leaves."""

from __future__ import annotations

import time

import streamlit as st

from core.mnist.config import MnistConfig
from ui import session
from ui.mnist_views import LiveProgress

MAX_RUNS = 5  # Each run keeps a model (~1 MB of weights); older ones are let go.


def wait_for_slot(slots, ticket: int) -> None:
    """Show the student's place in the queue until their turn; Cancel ends the wait.

    The loop writes to the page twice a second; a click on Cancel (or any widget) makes
    Streamlit stop the script at that write, and the caller's `finally` leaves the queue.
    """
    started, place = slots.try_start(ticket)
    if started:
        return
    notice = st.empty()
    st.button("Cancel waiting", key="mnist_cancel_wait")
    since = time.perf_counter()
    while not started:
        notice.info(
            f"⏳ {slots.running} trainings are running on this server, which trains "
            f"{slots.limit} at a time. You are number {place} in the queue; your training "
            f"starts by itself (waiting {time.perf_counter() - since:.0f} s)."
        )
        time.sleep(0.5)
        started, place = slots.try_start(ticket)
    notice.empty()


def train_from_page(config: MnistConfig) -> None:
    """Everything the Train button starts; the new run lands in the session's run list."""
    from core.mnist.data import MnistDataError, load_mnist

    try:
        with st.spinner("Loading MNIST (once per server) ..."):
            data = load_mnist()
    except MnistDataError as error:
        st.error(f"MNIST could not be loaded: {error}")
        return

    slots = session.training_slots()
    ticket = slots.join()
    try:
        wait_for_slot(slots, ticket)
        _train(config, data)
    finally:
        slots.leave(ticket)


def _train(config: MnistConfig, data) -> None:
    with st.spinner("Starting TensorFlow ..."):
        from core.mnist.model import build_mnist_model
        from core.mnist.training import MnistRun, describe, steps_per_epoch, train_mnist

        model = build_mnist_model(config)
    stop = st.empty()  # Gone with the progress once training ends: nothing left to stop.
    stop.button("Stop training", key="mnist_stop", help="Ends training now and keeps the model.")
    live = LiveProgress(config, steps_per_epoch(config))
    runs = session.mnist_runs()
    run = None
    try:
        run = train_mnist(
            config,
            data=data,
            model=model,
            on_batch_end=live.on_batch_end,
            on_epoch_end=live.on_epoch_end,
            evaluate=False,
        )
    finally:
        # A click on Stop (or any other widget) interrupts the script inside training:
        # keep the model as far as it got; the page evaluates it on its next run.
        if run is None and live.batches_done > 0:
            run = MnistRun(
                config=config,
                model=model,
                history=live.history,
                seconds=time.perf_counter() - live.started,
                stopped=True,
                label=describe(config) + f", stopped after {live.batches_done} batches",
            )
        if run is not None:
            run.label = f"Run {len(runs) + 1}: {run.label}"
            runs.append(run)
            del runs[:-MAX_RUNS]
            st.session_state[session.MNIST_SELECTED] = len(runs) - 1
            # The rerun that a Stop click starts brings the radio's old choice along: ask
            # the page to select the new run when it draws the radio.
            st.session_state["mnist_select_latest"] = True
    live.clear()
    stop.empty()
