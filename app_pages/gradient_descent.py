"""Page: training one weight by gradient descent, one step at a time."""

import streamlit as st

from core.basics.gradient_descent import (
    OneWeightProblem,
    loss,
    loss_derivative,
    run_steps,
    status,
    suggested_rates,
)
from core.basics.questions import gradient_descent_questions
from ui.charts.described import plotly_described
from ui.charts.learning import loss_figure
from ui.frame.first_step import first_step
from ui.frame.quick_questions import quick_questions
from ui.state import keys
from ui.state.kept_settings import LESSON_SETTING

PROBLEM = OneWeightProblem()  # Frozen, so sharing it between sessions is safe.
PATH = keys.GD_PATH  # list[float]: every weight visited since the last reset, oldest first.
RUN_STEPS = 20


def _reset() -> None:
    st.session_state[PATH] = [st.session_state["gd_start_weight"]]


def _advance(steps: int) -> None:
    path = st.session_state[PATH]
    more = run_steps(path[-1], st.session_state["gd_learning_rate"], steps, PROBLEM)
    st.session_state[PATH] = path + more[1:]


st.title("Training by gradient descent")
OSCILLATING, DIVERGING = suggested_rates(PROBLEM)
first_step(
    f"press **Step** a few times and watch the weight walk downhill; then set the learning "
    f"rate to {OSCILLATING:g}, press **Reset** and step again, and then try {DIVERGING:g}."
)
st.markdown(
    "A network learns by changing its weights a little at a time so that its mistakes shrink. "
    "To see every step, take the smallest network there is: **one neuron with one weight** "
    f"and no activation. Its input is x = {PROBLEM.x:g} and it should answer t = "
    f"{PROBLEM.target:g}."
)
st.latex(rf"y = w\,x, \qquad J(w) = (t - y)^2 = ({PROBLEM.target:g} - {PROBLEM.x:g}\,w)^2")
st.markdown(
    "The **loss** J measures how wrong the neuron is. Its **derivative** (the slope of the "
    "red tangent) says which way is uphill, so we step the other way, by the slope times a "
    "**learning rate** η:"
)
st.latex(r"\frac{dJ}{dw} = -2x\,(t - w\,x), \qquad w \leftarrow w - \eta\,\frac{dJ}{dw}")
st.markdown(
    "The slope is steep when the neuron is very wrong and flat near the best weight, so "
    "the steps are big at first and shrink as the weight gets close.\n\n"
    "A real network has many weights, and every one of them takes this step, with its own "
    "slope. **Backpropagation** is how those slopes are found: it works "
    "backwards from the loss through the layers, reusing each layer's results for the one "
    "before, to get every weight's derivative in one pass. The step then uses them, exactly "
    "as here. Nobody writes these derivatives by hand: libraries such as **TensorFlow** and "
    "**Keras** (which the later pages use) work them out from the network's formula.\n\n"
    "Where does a real network start? From **random** weights: training needs somewhere "
    "to begin, and random values keep the neurons of a layer from all learning the same "
    "thing. The *seed* on the Iris and MNIST pages picks them. Here you choose the start."
)

settings = st.columns(2)
learning_rate = settings[0].slider(
    "learning rate η", 0.01, 0.60, 0.05, 0.01, key="gd_learning_rate", **LESSON_SETTING
)
settings[1].slider(
    "starting weight",
    -3.0,
    7.0,
    -1.0,
    0.5,
    key="gd_start_weight",
    **LESSON_SETTING,
    on_change=_reset,
)
if PATH not in st.session_state:
    _reset()

buttons = st.columns(3)
buttons[0].button("Step", key="gd_step", on_click=_advance, args=(1,), width="stretch")
buttons[1].button(
    f"Run {RUN_STEPS} steps", key="gd_run", on_click=_advance, args=(RUN_STEPS,), width="stretch"
)
buttons[2].button("Reset", key="gd_reset", on_click=_reset, width="stretch")

path = st.session_state[PATH]
w = path[-1]
slope = float(loss_derivative(w, PROBLEM))
columns = st.columns(4)
columns[0].metric("weight w", f"{w:.4f}")
columns[1].metric("loss J(w)", f"{float(loss(w, PROBLEM)):.4f}")
columns[2].metric("slope dJ/dw", f"{slope:.4f}")
columns[3].metric("next step −η·dJ/dw", f"{-learning_rate * slope:+.4f}")

state = status(path, PROBLEM)
if state == "diverging":
    st.error(
        f"**Diverging.** The learning rate is too large: each step jumps over the minimum "
        f"and lands further away than it started, so the loss grows instead of shrinking. "
        f"For this neuron that happens above η = 1/x² = {PROBLEM.critical_rate:.2f}. "
        "Lower the learning rate and press Reset."
    )
elif state == "stuck":
    st.warning("The weight bounces between two values forever: lower the learning rate.")
elif state == "oscillating":
    st.warning(
        "The weight jumps back and forth across the minimum, but gets closer each time: "
        "the learning rate is large, though not yet too large."
    )
elif state == "approaching":
    st.info("Getting closer: every step lowers the loss, and the steps shrink as the slope does.")
elif state == "converged":
    st.success(
        f"Converged after {len(path) - 1} steps: w ≈ {PROBLEM.best_weight:g}, where the loss "
        "is zero and the neuron answers exactly t."
    )

chart_column, table_column = st.columns([2, 1])
plotly_described(chart_column, loss_figure(PROBLEM, path), "gd_loss_chart")
with table_column:
    st.caption("Every weight since the last reset, newest first.")
    st.dataframe(
        {
            "step": list(range(len(path)))[::-1],
            "w": path[::-1],
            "J(w)": [float(loss(value, PROBLEM)) for value in reversed(path)],
            "dJ/dw": [float(loss_derivative(value, PROBLEM)) for value in reversed(path)],
        },
        hide_index=True,
        height=380,
        column_config={
            name: st.column_config.NumberColumn(format="%.3f") for name in ("w", "J(w)", "dJ/dw")
        },
    )
quick_questions(
    "gd", gradient_descent_questions(w, slope, learning_rate, PROBLEM.x, PROBLEM.target)
)
