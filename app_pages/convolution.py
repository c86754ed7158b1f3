"""Kernels: what a convolution does to an image, one multiplication at a time."""

import numpy as np
import streamlit as st

from core.kernels import convolution as conv
from ui import conv_charts as charts
from ui.conv_views import PATCH, arithmetic, chart, load_preset, pick_image, position

PRESETS = [*conv.KERNELS, conv.SOBEL_MAGNITUDE]


st.title("🔍 Kernels: how a computer filters an image")
st.markdown(
    "To a computer an image is a grid of numbers, one per pixel: 0 is black, 255 is white. "
    "A **kernel** is a small grid of weights slid over the image; each output pixel is the sum "
    "of the pixels under it, each multiplied by its weight. Convolutional networks learn their "
    "kernels from data; here you choose them."
)

image = pick_image()
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
if "conv_preset" not in st.session_state:
    st.session_state.conv_preset, st.session_state.conv_size = "Sharpen", 3
    load_preset()
choose, size_col, pad_col = st.columns([2, 1, 1])
preset = choose.selectbox("Preset kernel", PRESETS, key="conv_preset", on_change=load_preset)
size = size_col.radio(
    "Kernel size",
    [3, 5],
    format_func=lambda n: f"{n}x{n}",
    horizontal=True,
    key="conv_size",
    on_change=load_preset,
)
padding = pad_col.radio(
    "Beyond the border",
    ["zero", "edge"],
    horizontal=True,
    key="conv_padding",
    format_func={"zero": "zeros", "edge": "copy the edge"}.get,
    help="The kernel overhangs the image at its border; those missing pixels count as 0 or "
    "as copies of the nearest border pixel. Either way the output keeps the input's size.",
)
if preset == conv.SOBEL_MAGNITUDE:
    kernels = {name: conv.KERNELS[name].weights for name in ("Sobel horizontal", "Sobel vertical")}
    st.markdown(
        "Two kernels at once: the horizontal-edge and vertical-edge Sobel kernels. Each pixel "
        "shows √(horizontal² + vertical²), the edge's strength whatever its direction."
    )
    result = conv.sobel_magnitude(image, padding)
else:
    st.markdown(f"**{preset}:** {conv.KERNELS[preset].about} Change any weight to try your own.")
    grid = st.columns(size)
    weights = np.array(
        [
            [
                grid[c].number_input(
                    f"w{r}{c}",
                    step=1.0,
                    format="%g",
                    key=f"conv_k_{r}_{c}",
                    label_visibility="collapsed",
                )
                for c in range(size)
            ]
            for r in range(size)
        ]
    )
    kernels = {preset: weights}
    result = conv.convolve(image, weights, padding)
    if not np.allclose(weights, conv.embed(conv.KERNELS[preset].weights, size)):
        st.caption("You changed the preset's weights: this is your own kernel now.")

mode = st.radio(
    "Show the result",
    list(conv.DISPLAY_MODES),
    horizontal=True,
    key="conv_display",
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
pick_row, pick_col = st.columns(2)
with pick_row:
    row = position("Pixel row", height - 1, "conv_pixel_row", top + PATCH // 2)
with pick_col:
    col = position("Pixel column", width - 1, "conv_pixel_col", left + PATCH // 2)
title = "The pixel and its neighbours"
chart(st, charts.image_figure(image, title, pixel=(row, col), height=260), "pixel")
totals = [arithmetic(image, k, row, col, name, padding) for name, k in kernels.items()]
if len(totals) == 2:
    st.markdown(f"√({totals[0]:.1f}² + {totals[1]:.1f}²) = **{np.hypot(*totals):.1f}**")
st.caption(f"On screen this output pixel has the value {shown[row, col]} (see above).")

st.header("Max pooling: keep the strongest value")
st.markdown(
    "A network shrinks its feature maps between convolutions: each 2x2 square of pixels is "
    "replaced by its largest value. The image halves in each direction, the strongest "
    "responses survive, and the next kernels see a wider area for the same work."
)
pooled, positions = conv.max_pool(shown, 2)
first = (top - top % 2, left - left % 2)  # The tile must start on a 2x2 square.
half = (
    slice(first[0] // 2, (first[0] + PATCH) // 2),
    slice(first[1] // 2, (first[1] + PATCH) // 2),
)
tile = shown[first[0] : first[0] + PATCH, first[1] : first[1] + PATCH]
col_tile, col_pooled = st.columns(2)
chart(col_tile, charts.pooling_figure(tile, positions[half], first), "pool_tile")
title = "After pooling: 4x4"
small = charts.matrix_figure(pooled[half], title, first=(first[0] // 2, first[1] // 2), height=340)
chart(col_pooled, small, "pool_small")
col_before, col_after = st.columns(2)
chart(
    col_before,
    charts.image_figure(shown, f"Filtered: {width}x{height}", box=(*first, PATCH)),
    "pool_before",
)
title = f"Pooled: {pooled.shape[1]}x{pooled.shape[0]}"
box = (first[0] // 2, first[1] // 2, PATCH // 2)
chart(col_after, charts.image_figure(pooled, title, box=box, height=200), "pool_after")
st.caption("The tile is the outlined patch of the filtered image, moved to even coordinates.")
