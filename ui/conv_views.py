"""Pieces of the Kernels page: the image to filter, positions that fit it, one pixel's
arithmetic, and the kernel presets copied into the number boxes."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.digits.image_files import ImageFileError, decode_image, to_greyscale
from core.kernels import convolution as conv
from core.kernels.sample_images import PHOTOS, fit_within, sample_digit, sample_photo
from ui import conv_charts as charts
from ui.session import latest_drawing

PATCH = 8
EDGE_PRESETS = {"Edge detection (Laplacian)", "Sobel horizontal", "Sobel vertical"}
SOURCES = [*PHOTOS, "Handwritten-style digit", "Your latest drawing", "Upload an image"]


@st.cache_data(show_spinner=False)
def _photo(filename: str) -> np.ndarray:
    return sample_photo(filename)


def load_preset() -> None:
    """Copy the chosen preset into the kernel's number boxes, and pick a fitting display."""
    name, size = st.session_state.conv_preset, st.session_state.conv_size
    weights = conv.KERNELS.get(name, conv.KERNELS["Sobel vertical"]).weights
    grid = conv.embed(weights, size)
    for r in range(size):
        for c in range(size):
            st.session_state[f"conv_k_{r}_{c}"] = float(grid[r, c])
    edges = name in EDGE_PRESETS or name == conv.SOBEL_MAGNITUDE
    st.session_state.conv_display = "magnitude" if edges else "clip"


def position(label: str, limit: int, key: str, start: int = 0) -> int:
    """A slider from 0 to `limit`, kept in range when a smaller image is chosen."""
    if limit <= 0:
        return 0
    if st.session_state.setdefault(key, min(start, limit)) > limit:
        st.session_state[key] = limit
    return st.slider(label, 0, limit, key=key)


def chart(container, figure, key: str) -> None:
    """Every chart gets its own key: two charts may show identical numbers."""
    container.plotly_chart(figure, key=f"conv_chart_{key}", config={"displayModeBar": False})


def arithmetic(
    image: np.ndarray, kernel: np.ndarray, row: int, col: int, name: str, padding: str
) -> float:
    """Show the neighbourhood, the element-wise products with the kernel and their sum."""
    step = conv.neighbourhood_products(image, kernel, row, col, padding)
    first = (row - kernel.shape[0] // 2, col - kernel.shape[1] // 2)
    left, middle, right = st.columns(3)
    patch_fig = charts.matrix_figure(step.patch, "Pixels under the kernel", first=first, height=260)
    chart(left, patch_fig, f"patch_{name}")
    kernel_fig = charts.matrix_figure(kernel, f"{name} kernel", ".3g", signed=True, height=260)
    chart(middle, kernel_fig, f"kernel_{name}")
    products_fig = charts.matrix_figure(
        step.products, "Pixel × weight", ".4g", signed=True, height=260
    )
    chart(right, products_fig, f"products_{name}")
    pairs = zip(step.patch.ravel(), kernel.ravel(), strict=True)
    terms = " + ".join(f"{p:g}×{w:.3g}" if w >= 0 else f"{p:g}×({w:.3g})" for p, w in pairs if w)
    st.markdown(f"**{name}:** {terms or '0'} = **{step.total:.1f}**")
    return step.total


def pick_image() -> np.ndarray:
    """The image to filter: a photo, a digit, the latest drawing or an upload (or stop)."""
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
        upload = st.file_uploader(
            "A PNG or JPEG image", type=["png", "jpg", "jpeg"], key="conv_upload"
        )
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
    return image
