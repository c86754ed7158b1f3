"""The Backpropagation page's two walks: the backward pass step by step, then one step down.

The numbers and formulas come from core.basics.backpropagation; this draws them.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.basics.backprop_check import TensorFlowGradients, difference_text
from core.basics.backpropagation import (
    PARAMETERS,
    BackwardStep,
    TinyNetwork,
    descent_step,
    forward,
    gradients,
    number,
)
from ui.basics.backprop_check import step_check
from ui.state.kept_settings import LESSON_SETTING


def _next_step(last: int) -> None:
    st.session_state["backprop_step"] = min(st.session_state.get("backprop_step", 1) + 1, last)


def _start_again() -> None:
    st.session_state["backprop_step"] = 1


def backward_walk(steps: list[BackwardStep], check: TensorFlowGradients | None = None) -> None:
    """A step slider with Next and Start again; the steps done so far, the current in full,
    with TensorFlow's own gradient beside it once the student has asked for `check`."""
    walk, next_button, again = st.columns([4, 1, 1], vertical_alignment="bottom")
    shown = walk.slider("backward step", 1, len(steps), 1, key="backprop_step", **LESSON_SETTING)
    next_button.button(
        "Next step", key="backprop_next", on_click=_next_step, args=(len(steps),), width="stretch"
    )
    again.button("Start again", key="backprop_restart", on_click=_start_again, width="stretch")
    for index, step in enumerate(steps[: shown - 1], start=1):
        st.markdown(f"Step {index}: ${step.found} = {number(step.value)}$")
    step = steps[shown - 1]
    with st.container(border=True, key="backprop_current"):
        st.markdown(f"**Step {shown} of {len(steps)}**")
        st.latex(
            # An array, not `aligned`: KaTeX's aligned overflows its box by a pixel or two,
            # which cuts the end of the line on a phone.
            rf"\begin{{array}}{{rcl}}\displaystyle {step.found} & = & \displaystyle {step.chain}"
            rf" \\[6pt] & = & {step.numbers} \\[4pt] & = & {number(step.value)}\end{{array}}"
        )
        st.caption(step.note)
        step_check(check, step.name, step.value)
    if shown == len(steps):
        done = (
            f"Every one of the {len(PARAMETERS)} weights and biases has its gradient, from one "
            "pass backwards that reused each value it had found."
        )
        if check is None:
            st.success(
                f"{done} TensorFlow computes the Iris and MNIST networks' gradients with "
                "`tf.GradientTape`, which records the forward pass and walks it back: "
                "**Check with TensorFlow** below asks it for these nine."
            )
        else:
            ours = gradients(check.network)
            largest = difference_text(check.largest_difference(ours))
            if check.agrees(ours):
                st.success(
                    f"{done} TensorFlow's `tf.GradientTape`, asked below, found the same "
                    f"{len(PARAMETERS)}: largest difference {largest}."
                )
            else:
                st.warning(f"{done} TensorFlow found others: largest difference {largest}.")


def descent_view(net: TinyNetwork, rate: float) -> None:
    """Every parameter before and after one step, and the loss before and after."""
    slopes, after = gradients(net), descent_step(net, rate)
    before_values, after_values = net.parameters(), after.parameters()
    gradient = "gradient ∂L/∂(parameter)"
    st.dataframe(
        pd.DataFrame(
            {
                "parameter": list(PARAMETERS),
                "before": [before_values[p] for p in PARAMETERS],
                gradient: [slopes[p] for p in PARAMETERS],
                "after": [after_values[p] for p in PARAMETERS],
            }
        ),
        hide_index=True,
        key="backprop_table",
        column_config={
            name: st.column_config.NumberColumn(format="%.4f")
            for name in ("before", gradient, "after")
        },
    )
    old, new = forward(net), forward(after)
    a, b, c = st.columns(3)
    a.metric("loss before", f"{old.loss:.5f}")
    b.metric(
        "loss after one step",
        f"{new.loss:.5f}",
        f"{new.loss - old.loss:+.5f}",
        delta_color="inverse",
    )
    c.metric("output y after the step", f"{new.y:.4f}", f"{new.y - old.y:+.4f}", delta_color="off")
    if new.loss < old.loss:
        st.success(
            f"The loss went down, from {old.loss:.5f} to {new.loss:.5f}: the output moved from "
            f"{old.y:.4f} to {new.y:.4f}, closer to the target {net.target:g}. Training repeats "
            "these two passes, forward and backward, for every batch."
        )
    elif new.loss == old.loss:
        st.info("The loss did not change: every gradient is 0.")
    else:
        st.warning(
            f"The loss went **up**, from {old.loss:.5f} to {new.loss:.5f}: a step of η = "
            f"{rate:g} jumps past the lowest point. Lower the learning rate."
        )
