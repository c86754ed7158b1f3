"""Kernels: what a convolution does to an image, one multiplication at a time."""

import streamlit as st

from core.kernels import convolution as conv
from core.kernels.questions import kernel_questions
from ui.charts import conv as charts
from ui.frame.first_step import first_step
from ui.frame.quick_questions import quick_questions
from ui.kernels.inputs import choose_image, kernel_controls, position
from ui.kernels.steps import chart, max_pooling, one_output_pixel
from ui.state.kept_settings import LESSON_SETTING

PATCH = 8

st.title("🔲 Kernel convolution: how a computer filters an image")
st.markdown(
    "To a computer an image is a grid of numbers, one per pixel: 0 is black, 255 is white. "
    "A **kernel** is a small grid of weights slid over the image; each output pixel is the sum "
    "of the pixels under it, each multiplied by its weight. Convolutional networks learn their "
    "kernels from data; here you choose them."
)
first_step(
    f"in **Preset kernel** under *Kernels*, pick **{conv.SOBEL_MAGNITUDE}** and watch the "
    "edges light up; then change one weight of **Sharpen** and see the output follow."
)

image = choose_image()
if min(image.shape) < PATCH:
    st.error(f"This image is {image.shape[1]}x{image.shape[0]} pixels: too thin to zoom into.")
    st.stop()

st.header("An image is a grid of numbers")
height, width = image.shape
top = position("Patch row", height - PATCH, "conv_patch_row", height // 2)
left = position("Patch column", width - PATCH, "conv_patch_col", width // 2)
col_image, col_patch = st.columns(2)
title = f"{width}x{height} pixels, the patch outlined"
chart(col_image, charts.image_figure(image, title, box=(top, left, PATCH)), "image")
patch = image[top : top + PATCH, left : left + PATCH]
title = "The patch, zoomed: its numbers"
chart(col_patch, charts.matrix_figure(patch, title, first=(top, left)), "patch")

st.header("Kernels")
preset, padding, kernels = kernel_controls()
if preset == conv.SOBEL_MAGNITUDE:
    result = conv.sobel_magnitude(image, padding)
else:
    result = conv.convolve(image, kernels[preset], padding)

mode = st.radio(
    "Show the result",
    list(conv.DISPLAY_MODES),
    horizontal=True,
    key="conv_display",
    **LESSON_SETTING,
    format_func={
        "clip": "clipped to 0-255",
        "magnitude": "rescaled magnitude",
        "signed": "rescaled, 0 as grey",
    }.get,
)
shown = conv.to_display(result, mode)
col_in, col_out = st.columns(2)
chart(col_in, charts.image_figure(image, "Input"), "input")
chart(col_out, charts.image_figure(shown, f"Output: {preset}"), "output")
col_out.caption(
    f"The output's values run from {result.min():.0f} to {result.max():.0f}. "
    f"{conv.DISPLAY_MODES[mode]}"
)

st.header("Step by step: one output pixel")
st.markdown(
    "Pick a pixel. The kernel is laid over its neighbourhood, each pixel is multiplied by the "
    "weight on top of it, and the products are added up. That sum is the output pixel."
)
one_output_pixel(image, kernels, padding, shown, (top + PATCH // 2, left + PATCH // 2))

st.header("Max pooling: keep the strongest value")
st.markdown(
    "A network shrinks its feature maps between convolutions: each 2x2 square of pixels is "
    "replaced by its largest value. The image halves in each direction, the strongest "
    "responses survive, and the next kernels see a wider area for the same work."
)
max_pooling(shown, top, left, PATCH)
quick_questions(
    "conv", kernel_questions(*shown.shape, [kernel.shape[0] for kernel in kernels.values()])
)
