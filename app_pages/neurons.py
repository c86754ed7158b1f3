"""Page: what one neuron computes, and how many weights a network of them has."""

from itertools import pairwise

import streamlit as st

from core.basics.network_shape import weight_count
from core.basics.neurons import ACTIVATIONS, activation, neuron_output
from core.basics.questions import neuron_questions
from core.mnist.config import MnistConfig
from core.mnist.sentences import weights_sentence
from ui.charts.described import plotly_described
from ui.charts.figures import network_figure
from ui.charts.neurons import activation_figure
from ui.frame.first_step import first_step
from ui.frame.quick_questions import quick_questions
from ui.state.kept_settings import LESSON_SETTING
from ui.state.networks import chosen_run

N_INPUTS = 3

st.title("Neurons and networks")
st.markdown(
    "A neural network is built from one simple part, the **neuron**. Each neuron multiplies "
    "its inputs by **weights**, adds them up with a **bias**, and passes the sum through an "
    "**activation function**. Training a network means finding good weights and biases."
)
first_step(
    "drag **weight w1** to −2.0 and watch the sum p and the output change; then pick "
    "another activation function."
)

st.header("One neuron")
st.latex(r"p = x_1 w_1 + x_2 w_2 + x_3 w_3 + b, \qquad \text{output} = f(p)")
st.markdown(
    "A weight says how much an input matters: a large weight makes the input count a lot, "
    "a negative weight pushes the output down. Move the sliders and watch the output."
)

defaults = ((1.0, 0.5), (0.5, -1.0), (2.0, 0.4))
inputs, weights = [], []
for i, (x_default, w_default) in enumerate(defaults, start=1):
    left, right = st.columns(2)
    inputs.append(
        left.slider(f"input x{i}", -2.0, 2.0, x_default, 0.1, key=f"neurons_x{i}", **LESSON_SETTING)
    )
    weights.append(
        right.slider(
            f"weight w{i}", -2.0, 2.0, w_default, 0.1, key=f"neurons_w{i}", **LESSON_SETTING
        )
    )
bias = st.slider("bias b", -2.0, 2.0, 0.0, 0.1, key="neurons_bias", **LESSON_SETTING)
name = st.radio(
    "activation function f",
    list(ACTIVATIONS),
    horizontal=True,
    key="neurons_activation",
    **LESSON_SETTING,
)

p, output = neuron_output(inputs, weights, bias, name)
terms = " + ".join(f"({x:g})({w:g})" for x, w in zip(inputs, weights, strict=True))
st.latex(rf"p = {terms} + ({bias:g}) = {p:.2f}")
st.latex(activation(name).latex + rf", \qquad f({p:.2f}) = {output:.3f}")

sum_column, output_column = st.columns(2)
sum_column.metric("weighted sum p", f"{p:.2f}")
output_column.metric("neuron output f(p)", f"{output:.3f}")
plotly_described(st, activation_figure(name, p), "neurons_activation_chart")
st.caption(
    "Why an activation at all? Without it a network of many layers could only ever compute one "
    "weighted sum. ReLU, the usual choice in hidden layers, keeps positive sums and drops "
    "negative ones; sigmoid and tanh squeeze any sum into a fixed range; the step function is "
    "the original on/off neuron, but its slope is zero everywhere, so it cannot be trained by "
    "gradient descent (two pages on)."
)

st.header("A network of neurons")
st.markdown(
    "In a **fully connected** network every neuron of one layer feeds every neuron of the next. "
    "Each arrow carries its own weight, and each neuron after the inputs has its own bias: "
    "those are the numbers training has to find. The Iris network of the workshop, 4 inputs, "
    "two hidden layers of 10 neurons and 3 outputs, is the starting shape here."
)
shape_columns = st.columns(4)
n_inputs = shape_columns[0].slider("inputs", 1, 8, 4, key="neurons_inputs", **LESSON_SETTING)
n_hidden = shape_columns[1].slider(
    "hidden layers", 0, 4, 2, key="neurons_hidden_layers", **LESSON_SETTING
)
n_per_layer = shape_columns[2].slider(
    "neurons per hidden layer", 1, 16, 10, key="neurons_per_layer", **LESSON_SETTING
)
n_outputs = shape_columns[3].slider("outputs", 1, 5, 3, key="neurons_outputs", **LESSON_SETTING)

layer_sizes = [n_inputs] + [n_per_layer] * n_hidden + [n_outputs]
n_weights, n_biases = weight_count(layer_sizes)
plotly_described(
    st,
    network_figure(
        layer_sizes,
        input_labels=[f"x{i}" for i in range(1, n_inputs + 1)],
        output_labels=[f"y{i}" for i in range(1, n_outputs + 1)],
    ),
    "neurons_network_chart",
)
products = r" + ".join(rf"{a}\times{b}" for a, b in pairwise(layer_sizes))
st.latex(rf"\text{{weights}} = {products} = {n_weights}")
weights_column, biases_column, total_column = st.columns(3)
weights_column.metric("weights (arrows)", n_weights)
biases_column.metric("biases (neurons after the inputs)", n_biases)
total_column.metric(
    "weights and biases to learn",
    n_weights + n_biases,
    help=f"{n_weights + n_biases:,} = {n_weights:,} weights + {n_biases:,} biases",
)
run = chosen_run()  # The MNIST page's chosen run, if the student has trained one.
cnn = (
    weights_sentence(run.config, f"Your CNN for digits (*{run.label}*)")
    if run is not None
    else weights_sentence(MnistConfig(), "The workshop's CNN for digits (the *MNIST* page)")
)
st.caption(
    "More neurons can learn more complicated rules, but every extra weight needs data to be "
    f"set well. {cnn}"
)
quick_questions("neurons", neuron_questions(inputs, weights, bias, layer_sizes))
