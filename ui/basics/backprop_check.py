"""The Backpropagation page's check: TensorFlow's own gradients beside the chain rule's.

TensorFlow runs where the trainings run (a worker process of this server, or a Ray
cluster), never in the web server itself: the page submits core.basics.backprop_check's
flow to the training backend, as it would a training, and gets plain floats back. The last
check is kept in the session (ui.state.keys.BACKPROP_CHECK) and shown only while the
sliders hold the network it was asked about.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.basics.backprop_check import (
    TensorFlowGradients,
    difference_text,
    tensorflow_gradients,
)
from core.basics.backpropagation import PARAMETERS, TinyNetwork, gradients, loss
from ui.state import keys

TIMEOUT_S = 120.0  # A worker still warming up (importing TensorFlow) answers well within it.


def current_check(net: TinyNetwork) -> TensorFlowGradients | None:
    """TensorFlow's gradients for `net` if the student asked for them at these settings."""
    found = st.session_state.get(keys.BACKPROP_CHECK)
    return found if found is not None and found.network == net else None


def _ask_tensorflow(net: TinyNetwork) -> TensorFlowGradients | str:
    """TensorFlow's gradients from the training backend, or one sentence saying why not."""
    from core.engine.jobs.base import TrainingFailed
    from ui.state.backend import training_backend

    try:
        job = training_backend().submit(tensorflow_gradients, net, queued=False)
        try:
            return job.result(timeout=TIMEOUT_S)
        except TimeoutError:
            job.stop()
            return f"TensorFlow did not answer within {TIMEOUT_S:.0f} s: press the button again."
    except TrainingFailed as error:
        return str(error)


def step_check(check: TensorFlowGradients | None, name: str, value: float) -> None:
    """Under a step of the backward walk that finds a weight's or bias's gradient."""
    parameter = name.removeprefix("dL/d")
    if check is None or parameter not in PARAMETERS:
        return
    theirs = check.gradients[parameter]
    st.caption(
        f"Checked against TensorFlow's own gradient: tf.GradientTape found {theirs:.12g}, this "
        f"step {value:.12g}; difference {difference_text(abs(value - theirs))}."
    )


def check_section(net: TinyNetwork, check: TensorFlowGradients | None) -> None:
    """The button, then every gradient beside TensorFlow's and the largest difference."""
    if st.button("Check with TensorFlow", key="backprop_check_tf"):
        with st.spinner("Asking TensorFlow ..."):
            found = _ask_tensorflow(net)
        if isinstance(found, str):
            st.error(found)
        else:
            st.session_state[keys.BACKPROP_CHECK] = found
            st.rerun()  # Every step and the table then show it.
    if check is None:
        st.caption(
            "The button gives TensorFlow this network's inputs, weights and target; "
            "tf.GradientTape records the same forward pass in TensorFlow's operations and "
            "walks it back. Its nine gradients then appear beside the chain rule's."
        )
        return
    ours = gradients(net)
    differences = check.differences(ours)
    st.dataframe(
        pd.DataFrame(
            {
                "parameter": list(PARAMETERS),
                "chain rule (this page)": [ours[p] for p in PARAMETERS],
                "TensorFlow (tf.GradientTape)": [check.gradients[p] for p in PARAMETERS],
                "difference": [difference_text(differences[p]) for p in PARAMETERS],
            }
        ),
        hide_index=True,
        key="backprop_check_table",
        column_config={
            name: st.column_config.NumberColumn(format="%.12f")
            for name in ("chain rule (this page)", "TensorFlow (tf.GradientTape)")
        },
    )
    largest = max(differences.values())
    st.markdown(
        f"Each of the {len(PARAMETERS)} gradients checked against TensorFlow's own gradient: "
        f"largest difference {difference_text(largest)}."
    )
    st.caption(
        f"Compared: ∂L/∂w₁ … ∂L/∂b₃ for the network on the sliders (x₁ = {net.x1:g}, "
        f"x₂ = {net.x2:g}, t = {net.target:g}, w₁ = {net.w1:g}, w₅ = {net.w5:g}), by the "
        f"chain rule above in Python's floats and by TensorFlow {check.version}'s "
        "tf.GradientTape in float64, each from its own forward pass. The loss: "
        f"{check.loss:.12g} from TensorFlow, {loss(net):.12g} here."
    )
