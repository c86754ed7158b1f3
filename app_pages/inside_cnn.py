"""Inside the CNN: the kernels the network learned and what they see in one digit."""

import numpy as np
import streamlit as st

from core.kernels.sample_images import sample_digit
from core.mnist.questions import inside_questions
from core.mnist.sentences import feature_layer_names, filters_caption, filters_heading
from ui.charts import conv as charts
from ui.charts.described import plotly_described
from ui.frame.first_step import first_step
from ui.frame.quick_questions import quick_questions
from ui.mnist.runs import current_mnist_model
from ui.state.kept_settings import LESSON_SETTING
from ui.state.networks import latest_drawing

st.title("🔬 Inside the CNN")
st.markdown(
    "A convolutional network's first layer is a set of kernels like those on the *Kernel "
    "convolution* page, except that nobody chose them: training adjusted their weights until they "
    "helped to recognise digits. Here you can see them, and what they pick out in a digit."
)

found = current_mnist_model()
if found is None:
    st.info(
        "Train a model on the MNIST training page first; this page then shows what it has learned."
    )
    st.stop()
model, label = found

from core.mnist import inside  # noqa: E402

st.caption(f"Model: {label}")
first_step(
    "look at the first layer's filters below; then, under *What the layers see*, pick "
    "**conv2** in the **Layer** box and compare its maps with conv1's."
)
if not inside.can_inspect(model):
    st.info(
        "This page looks into the workshop's CNN (layers conv1, pool1, conv2, pool2). The "
        "chosen model is built differently: pick one you trained on the MNIST page."
    )
    st.stop()


def _chart(figure, key: str) -> None:
    """The chart, and its numbers in words under it for a screen reader."""
    plotly_described(st, figure, f"cnn_chart_{key}", config={"displayModeBar": False})


filters = inside.conv_filters(model, "conv1")[:, 0]  # (filters, height, width)
st.header(filters_heading(len(filters)))
_chart(
    charts.grid_figure(filters, [f"{k + 1}" for k in range(len(filters))], signed=True), "filters"
)
st.caption(filters_caption(*filters.shape[1:]))

st.header("What the layers see")
drawing = latest_drawing()
sources = ["A test digit", "Your latest drawing"]
source = st.radio("Input", sources, horizontal=True, key="cnn_source", **LESSON_SETTING)
if source == "Your latest drawing" and drawing is None:
    st.info("Draw a digit on the Draw page first; meanwhile here is a test digit.")
if source == "Your latest drawing" and drawing is not None:
    image28 = inside.drawing_to_input(drawing)
else:
    digit = st.slider("Digit", 0, 9, 3, key="cnn_digit", **LESSON_SETTING)
    image28 = sample_digit(digit).astype(np.float32) / 255.0

maps = inside.feature_maps(model, image28)
shapes = inside.layer_shapes(model)
steps = " → ".join(["28x28x1", *("x".join(map(str, shapes[name])) for name in shapes)])
left, right = st.columns([1, 3])
with left:
    _chart(charts.image_figure(image28 * 255, "The network's 28x28 input", height=260), "input")
with right:
    st.markdown(
        f"**Sizes, layer by layer:** {steps}\n\n"
        "Each convolution makes one *feature map* per filter: the image filtered by that "
        "kernel, then every negative value set to 0 (ReLU). Each pooling step halves the "
        "height and width by keeping the largest value of every 2x2 square, so the next layer "
        "sees a wider part of the digit for the same work."
    )

names = feature_layer_names(shapes)  # Read from this model's layers, not the workshop's.
layer = st.selectbox("Layer", list(names), format_func=names.get, key="cnn_layer", **LESSON_SETTING)
values = np.moveaxis(maps[layer], -1, 0)
height, width, channels = maps[layer].shape
_chart(charts.grid_figure(values, [f"{k + 1}" for k in range(channels)]), f"maps_{layer}")
st.caption(
    f"{channels} maps of {height}x{width} pixels on one shared scale: white is the strongest "
    f"response in this layer ({values.max():.2f}), black is 0. A black map means its filter "
    "found nothing it responds to in this digit."
)
st.markdown(
    "**Features build up, layer by layer.** conv1's filters respond to simple things: edges "
    "and short strokes at one angle. conv2's filters each look at all of conv1's maps at "
    "once, so they respond to combinations of them: a curve, a corner, a loop. Networks for "
    "photos stack many more layers, and the combinations keep growing: edges, then parts "
    "(an eye, a wheel), then whole objects (a face, a car)."
)
quick_questions("cnn", inside_questions(len(filters), filters.shape[1:], shapes["pool2"]))

st.divider()
st.page_link("app_pages/closing.py", label="Last page: what a network can't tell you", icon="🐕")
