"""The Kernel page's inputs: the image to filter, positions on it, and the kernel's weights.

Every value a student can enter is bounded: uploads are decoded straight to the page's
160 pixels (core.kernels.sample_images.uploaded_image), and each weight lies within
+-WEIGHT_LIMIT, so no sum can overflow and nothing lands in the server's log.
"""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.digits.image_files import ImageFileError, to_greyscale
from core.kernels import convolution as conv
from core.kernels.sample_images import (
    PHOTOS,
    SIDE,
    fit_within,
    sample_digit,
    sample_photo,
    uploaded_image,
)
from ui.state import keys
from ui.state.kept_settings import LESSON_SETTING, OWN_CHOICE
from ui.state.networks import latest_drawing

SOURCES = [*PHOTOS, "Handwritten-style digit", "Your latest drawing", "Upload an image"]
PRESETS = [*conv.KERNELS, conv.SOBEL_MAGNITUDE]
EDGE_PRESETS = {"Edge detection (Laplacian)", "Sobel horizontal", "Sobel vertical"}


@st.cache_data(show_spinner=False)
def _photo(filename: str) -> np.ndarray:
    return sample_photo(filename)


def choose_image() -> np.ndarray:
    """The grey image the student picked, at most SIDE pixels a side; without one (no
    drawing yet, no upload, a bad file) the page stops with a message saying what to do."""
    source = st.radio("Image", SOURCES, horizontal=True, key="conv_source", **LESSON_SETTING)
    if source in PHOTOS:
        return _photo(PHOTOS[source])
    if source == "Handwritten-style digit":
        return sample_digit(st.slider("Digit", 0, 9, 3, key="conv_digit", **LESSON_SETTING))
    if source == "Your latest drawing":
        drawing = latest_drawing()
        if drawing is None:
            st.info("Draw a digit on the Draw page first; it will appear here.")
            st.stop()
        return fit_within(to_greyscale(drawing))
    upload = st.file_uploader("A PNG or JPEG image", type=["png", "jpg", "jpeg"], key="conv_upload")
    if upload is None:
        st.info(f"Choose an image file; it is turned to grey and shrunk to {SIDE} pixels.")
        st.stop()
    try:
        return uploaded_image(upload.getvalue())
    except ImageFileError as error:
        st.error(f"{upload.name}: {error}")
        st.stop()


def position(label: str, limit: int, key: str, start: int = 0) -> int:
    """A slider from 0 to `limit`, kept in range when a smaller image is chosen."""
    if limit <= 0:
        return 0
    value = st.session_state.get(key, min(start, limit))
    if value > limit or not _within(st.query_params.get(key), limit):
        # A larger image's position, kept in the session or in the address: a slider that
        # comes back (an upload chosen after none) takes the address's value over the
        # session's, and one beyond `limit` is an error. So it starts afresh, in range.
        st.session_state.pop(key, None)
        return st.slider(label, 0, limit, min(value, limit), key=key, **LESSON_SETTING)
    st.session_state.setdefault(key, value)
    return st.slider(label, 0, limit, key=key, **LESSON_SETTING)


def _within(linked: str | None, limit: int) -> bool:
    """Whether a position from the address fits (no position there fits too)."""
    if linked is None:
        return True
    try:
        return 0 <= float(linked) <= limit
    except ValueError:
        return False


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


def _first_kernel() -> None:
    """A session's first kernel: the preset the address, the store or the default names, with
    its weights, unless the store kept the student's own weights."""
    st.session_state[keys.KERNEL_LOADED] = True
    linked = st.query_params
    state = st.session_state
    if "conv_preset" not in state:
        state.conv_preset = (
            linked["conv_preset"] if linked.get("conv_preset") in PRESETS else "Sharpen"
        )
    if "conv_size" not in state:
        state.conv_size = 5 if linked.get("conv_size") == "5" else 3
    if not any(key.startswith("conv_k_") for key in state):
        _load_preset()


def _weight_grid(size: int) -> np.ndarray:
    """size x size number boxes, each bounded to +-WEIGHT_LIMIT."""
    columns = st.columns(size)
    return np.array(
        [
            [
                columns[c].number_input(
                    f"w{r}{c}",
                    min_value=-conv.WEIGHT_LIMIT,
                    max_value=conv.WEIGHT_LIMIT,
                    step=1.0,
                    format="%g",
                    key=f"conv_k_{r}_{c}",
                    **OWN_CHOICE,  # 25 numbers are no link; the preset is.
                    label_visibility="collapsed",
                    help=f"A weight from {-conv.WEIGHT_LIMIT:g} to {conv.WEIGHT_LIMIT:g}.",
                )
                for c in range(size)
            ]
            for r in range(size)
        ]
    )


def kernel_controls() -> tuple[str, str, dict[str, np.ndarray]]:
    """Preset, size, padding and the editable weights: (preset, padding, {name: kernel})."""
    if keys.KERNEL_LOADED not in st.session_state:
        _first_kernel()
    choose, size_col, pad_col = st.columns([2, 1, 1])
    preset = choose.selectbox(
        "Preset kernel", PRESETS, key="conv_preset", **LESSON_SETTING, on_change=_load_preset
    )
    size = size_col.radio(
        "Kernel size",
        [3, 5],
        format_func=lambda n: f"{n}x{n}",
        horizontal=True,
        key="conv_size",
        **LESSON_SETTING,
        on_change=_load_preset,
    )
    padding = pad_col.radio(
        "Beyond the border",
        ["zero", "edge"],
        horizontal=True,
        key="conv_padding",
        **LESSON_SETTING,
        format_func={"zero": "zeros", "edge": "copy the edge"}.get,
        help="The kernel overhangs the image at its border; those missing pixels count as 0 "
        "or as copies of the nearest border pixel. Either way the output keeps the input's size.",
    )
    if preset == conv.SOBEL_MAGNITUDE:
        st.markdown(
            "Two kernels at once: the horizontal-edge and vertical-edge Sobel kernels. Each "
            "pixel shows √(horizontal² + vertical²), the edge's strength whatever its direction."
        )
        names = ("Sobel horizontal", "Sobel vertical")
        return preset, padding, {name: conv.KERNELS[name].weights for name in names}
    st.markdown(f"**{preset}:** {conv.KERNELS[preset].about} Change any weight to try your own.")
    weights = _weight_grid(size)
    if not np.allclose(weights, conv.embed(conv.KERNELS[preset].weights, size)):
        st.caption("You changed the preset's weights: this is your own kernel now.")
    return preset, padding, {preset: weights}
