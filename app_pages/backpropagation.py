"""Page: backpropagation worked through on a 2-2-1 network, one chain-rule step at a time."""

import streamlit as st

from core.basics.backpropagation import (
    LEARNING_RATE,
    TinyNetwork,
    backward_steps,
    forward,
    number,
)
from core.basics.questions import backprop_questions
from ui.basics.backprop import backward_walk, descent_view
from ui.basics.backprop_check import check_section, current_check
from ui.charts.backprop import network_alt, network_svg
from ui.frame.first_step import first_step
from ui.frame.quick_questions import quick_questions
from ui.state.kept_settings import LESSON_SETTING

DEFAULT = TinyNetwork()

st.title("🔁 Backpropagation, worked through")
first_step(
    "press **Next step** and follow the backward pass to the last weight; then move "
    "**weight w5** and watch every gradient change."
)
st.markdown(
    "Gradient descent needs the slope of the loss for **every** weight. **Backpropagation** "
    "finds them all in one pass backwards through the network, with the **chain rule**: the "
    "slope of a chain of steps is the product of each step's own slope. Here is the smallest "
    "network with a hidden layer: 2 inputs, 2 hidden neurons and 1 output, all with the "
    "**sigmoid** activation σ(p) = 1 / (1 + e⁻ᵖ), and one training example whose target is t. "
    "The loss is L = (t − y)², as on the *Training by gradient descent* page."
)

a, b, c = st.columns(3)
x1 = a.slider("input x1", -2.0, 2.0, DEFAULT.x1, 0.1, key="backprop_x1", **LESSON_SETTING)
x2 = b.slider("input x2", -2.0, 2.0, DEFAULT.x2, 0.1, key="backprop_x2", **LESSON_SETTING)
target = c.slider(
    "target t", 0.0, 1.0, DEFAULT.target, 0.05, key="backprop_target", **LESSON_SETTING
)
a, b, c = st.columns(3)
w1 = a.slider(
    "weight w1 (x1 to h1)", -2.0, 2.0, DEFAULT.w1, 0.1, key="backprop_w1", **LESSON_SETTING
)
w5 = b.slider(
    "weight w5 (h1 to y)", -2.0, 2.0, DEFAULT.w5, 0.1, key="backprop_w5", **LESSON_SETTING
)
rate = c.slider(
    "learning rate η", 0.1, 20.0, LEARNING_RATE, 0.1, key="backprop_learning_rate", **LESSON_SETTING
)
net = TinyNetwork(x1=x1, x2=x2, target=target, w1=w1, w5=w5)
f = forward(net)

# --- 1. Forward ---------------------------------------------------------------------------------
st.header("1. Forward: from the inputs to the loss")
picture, sums = st.columns([1, 1])
picture.html(network_svg(net, f))
picture.caption(network_alt(net, f))
n = number
sums.markdown(
    "Each neuron adds its weighted inputs and its bias (p), then applies the sigmoid:\n\n"
    f"$p_1 = w_1x_1 + w_2x_2 + b_1 = ({n(net.w1)})({n(x1)}) + ({n(net.w2)})({n(x2)}) + "
    f"({n(net.b1)}) = {n(f.p1)}$, so $h_1 = \\sigma(p_1) = {n(f.h1)}$\n\n"
    f"$p_2 = w_3x_1 + w_4x_2 + b_2 = ({n(net.w3)})({n(x1)}) + ({n(net.w4)})({n(x2)}) + "
    f"({n(net.b2)}) = {n(f.p2)}$, so $h_2 = \\sigma(p_2) = {n(f.h2)}$\n\n"
    f"$p_y = w_5h_1 + w_6h_2 + b_3 = ({n(w5)})({n(f.h1)}) + ({n(net.w6)})({n(f.h2)}) + "
    f"({n(net.b3)}) = {n(f.py)}$, so $y = \\sigma(p_y) = {n(f.y)}$\n\n"
    f"$L = (t - y)^2 = ({n(target)} - {n(f.y)})^2 = {n(f.loss)}$"
)
st.caption(
    "w2, w3, w4, w6 and the biases stay at the values shown; the sliders move w1 and w5. "
    "Keep every value of the forward pass: the backward pass uses them all."
)

# --- 2. Backward --------------------------------------------------------------------------------
st.header("2. Backward: every gradient by the chain rule")
steps = backward_steps(net)
st.markdown(
    "Start at the loss and go back one neuron at a time. Each gradient is a product of "
    "**local derivatives**, each one small and easy: the loss's slope, a sigmoid's slope "
    "σ(p)(1 − σ(p)), and the slope of a weighted sum, which is the value the weight multiplies. "
    f"The pass has {len(steps)} steps: the output neuron's, then each hidden neuron's."
)
check = current_check(net)  # TensorFlow's gradients, if asked for at these settings.
backward_walk(steps, check)
st.subheader("Check each gradient against TensorFlow's own")
check_section(net, check)

# --- 3. One step downhill -----------------------------------------------------------------------
st.header("3. One step of gradient descent")
st.markdown(
    f"Every weight and bias now moves against its gradient, all at once: new value = old value "
    f"− η × gradient, with η = {rate:g}."
)
descent_view(net, rate)
quick_questions("backprop", backprop_questions(net, rate))
