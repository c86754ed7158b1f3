"""Kernels: what a convolution does to an image, one multiplication at a time."""

import numpy as np
import streamlit as st

from core.digits.image_files import ImageFileError, decode_image, to_greyscale
from core.kernels import convolution as conv
from core.kernels.sample_images import PHOTOS, fit_within, sample_digit, sample_photo
from ui import conv_charts as charts
from ui.session import latest_drawing

PATCH = 8
PRESETS = [*conv.KERNELS, conv.SOBEL_MAGNITUDE]
EDGE_PRESETS = {"Edge detection (Laplacian)", "Sobel horizontal", "Sobel vertical"}


@st.cache_data(show_spinner=False)
def _photo(filename: str) -> np.ndarray:
    return sample_photo(filename)


def _load_preset() -> None:
    """Copy the chosen preset into the kernel's number boxes, and pick a fitting display."""
    name, size = st.session_state.conv_preset, st.session_state.conv_size
    weights = conv.KERNELS.get(name, conv.KERNELS["Sobel vertical"]).weights
    grid = conv.embed(weights, size)
    for r in range(size):
        for c in range(size):
            st.session_state[f"conv_k_{r}_{c}"] = float(grid[r, c])
    edges = name in EDGE_PRESETS or name == conv.SOBEL_MAGNITUDE
    st.session_state.conv_display = "magnitude" if edges else "clip"


def _position(label: str, limit: int, key: str, start: int = 0) -> int:
    """A slider from 0 to `limit`, kept in range when a smaller image is chosen."""
    if limit <= 0:
        return 0
    if st.session_state.setdefault(key, min(start, limit)) > limit:
        st.session_state[key] = limit
    return st.slider(label, 0, limit, key=key)


def _chart(container, figure, key: str) -> None:
    """Every chart gets its own key: two charts may show identical numbers."""
    container.plotly_chart(figure, key=f"conv_chart_{key}", config={"displayModeBar": False})


def _arithmetic(image: np.ndarray, kernel: np.ndarray, row: int, col: int, name: str) -> float:
    """Show the neighbourhood, the element-wise products with the kernel and their sum."""
    step = conv.neighbourhood_products(image, kernel, row, col, st.session_state.conv_padding)
    first = (row - kernel.shape[0] // 2, col - kernel.shape[1] // 2)
    left, middle, right = st.columns(3)
    patch_fig = charts.matrix_figure(step.patch, "Pixels under the kernel", first=first, height=260)
    _chart(left, patch_fig, f"patch_{name}")
    kernel_fig = charts.matrix_figure(kernel, f"{name} kernel", ".3g", signed=True, height=260)
    _chart(middle, kernel_fig, f"kernel_{name}")
    products_fig = charts.matrix_figure(
        step.products, "Pixel × weight", ".4g", signed=True, height=260
    )
    _chart(right, products_fig, f"products_{name}")
    pairs = zip(step.patch.ravel(), kernel.ravel(), strict=True)
    terms = " + ".join(f"{p:g}×{w:.3g}" if w >= 0 else f"{p:g}×({w:.3g})" for p, w in pairs if w)
    st.markdown(f"**{name}:** {terms or '0'} = **{step.total:.1f}**")
    return step.total


st.title("🔲 Kernel convolution: how a computer filters an image")
st.markdown(
    "To a computer an image is a grid of numbers, one per pixel: 0 is black, 255 is white. "
    "A **kernel** is a small grid of weights slid over the image; each output pixel is the sum "
    "of the pixels under it, each multiplied by its weight. Convolutional networks learn their "
    "kernels from data; here you choose them."
)

SOURCES = [*PHOTOS, "Handwritten-style digit", "Your latest drawing", "Upload an image"]
source = st.radio("Image", SOURCES, horizontal=True, key="conv_source")
if source in PHOTOS:
    image = _photo(PHOTOS[source])
elif source == "Handwritten-style digit":
    image = sample_digit(st.slider("Digit", 0, 9, 3, key="conv_digit"))
elif source == "Your latest drawing":
    drawing = latest_drawing()
    if drawing is None:
        st.info("Draw a digit on the Draw page first; it will appear here.")
        st.stop()
    image = fit_within(to_greyscale(drawing))
else:
    upload = st.file_uploader("A PNG or JPEG image", type=["png", "jpg", "jpeg"], key="conv_upload")
    if upload is None:
        st.info("Choose an image file; it is turned to grey and shrunk to 160 pixels.")
        st.stop()
    try:
        image = fit_within(decode_image(upload.getvalue(), mode="L"))
    except ImageFileError as err:
        st.error(str(err))
        st.stop()
if min(image.shape) < PATCH:
    st.error(f"This image is {image.shape[1]}x{image.shape[0]} pixels: too thin to zoom into.")
    st.stop()

st.header("An image is a grid of numbers")
height, width = image.shape
top = _position("Patch row", height - PATCH, "conv_patch_row", height // 2)
left = _position("Patch column", width - PATCH, "conv_patch_col", width // 2)
col_image, col_patch = st.columns(2)
title = f"{width}x{height} pixels, the patch outlined"
_chart(col_image, charts.image_figure(image, title, box=(top, left, PATCH)), "image")
patch = image[top : top + PATCH, left : left + PATCH]
title = "The patch, zoomed: its numbers"
_chart(col_patch, charts.matrix_figure(patch, title, first=(top, left)), "patch")

st.header("Kernels")
if "conv_preset" not in st.session_state:
    st.session_state.conv_preset, st.session_state.conv_size = "Sharpen", 3
    _load_preset()
choose, size_col, pad_col = st.columns([2, 1, 1])
preset = choose.selectbox("Preset kernel", PRESETS, key="conv_preset", on_change=_load_preset)
size = size_col.radio(
    "Kernel size",
    [3, 5],
    format_func=lambda n: f"{n}x{n}",
    horizontal=True,
    key="conv_size",
    on_change=_load_preset,
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
_chart(col_in, charts.image_figure(image, "Input"), "input")
_chart(col_out, charts.image_figure(shown, f"Output: {preset}"), "output")
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
    row = _position("Pixel row", height - 1, "conv_pixel_row", top + PATCH // 2)
with pick_col:
    col = _position("Pixel column", width - 1, "conv_pixel_col", left + PATCH // 2)
title = "The pixel and its neighbours"
_chart(st, charts.image_figure(image, title, pixel=(row, col), height=260), "pixel")
totals = [_arithmetic(image, k, row, col, name) for name, k in kernels.items()]
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
_chart(col_tile, charts.pooling_figure(tile, positions[half], first), "pool_tile")
title = "After pooling: 4x4"
small = charts.matrix_figure(pooled[half], title, first=(first[0] // 2, first[1] // 2), height=340)
_chart(col_pooled, small, "pool_small")
col_before, col_after = st.columns(2)
_chart(
    col_before,
    charts.image_figure(shown, f"Filtered: {width}x{height}", box=(*first, PATCH)),
    "pool_before",
)
title = f"Pooled: {pooled.shape[1]}x{pooled.shape[0]}"
box = (first[0] // 2, first[1] // 2, PATCH // 2)
_chart(col_after, charts.image_figure(pooled, title, box=box, height=200), "pool_after")
st.caption("The tile is the outlined patch of the filtered image, moved to even coordinates.")
