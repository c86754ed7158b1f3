"""Fuzzing the pages' widgets with AppTest: no value a browser can send breaks a page.

This module: Kernel convolution; test_digit_pages.py has MNIST training, Draw and Inside
the CNN, test_learning_pages.py the others.

Each page is opened once per module through the app's router, as one browser session; every
hypothesis example then sets the page's widgets (found by key) to random, extreme or
just-inside values and reruns it. After each run the page must show no exception. Streamlit
1.67 resets out-of-range or non-finite slider and number values to the widget's default on the
server, so values beyond the bounds are sent too: a hand-made websocket message can carry them.

Widgets (read from app_pages/convolution.py):
- convolution: radio conv_source, slider conv_digit (0..9), sliders conv_patch_row/col and
  conv_pixel_row/col (0..image size), selectbox conv_preset, radios conv_size (3, 5),
  conv_padding, conv_display, number inputs conv_k_{r}_{c} (-100..100), file uploader
  conv_upload (covered in test_page_uploads.py).
"""

from __future__ import annotations

import math

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from core.kernels.convolution import DISPLAY_MODES, KERNELS, SOBEL_MAGNITUDE, WEIGHT_LIMIT
from core.kernels.sample_images import PHOTOS
from tests.fuzz.pages import FEW, apply, assert_clean, integer, open_page, widget

# --- Convolution -------------------------------------------------------------------------------

NEEDS_INPUT = ["Your latest drawing", "Upload an image"]  # Nothing to filter until given one.
SOURCES = [*PHOTOS, "Handwritten-style digit", *NEEDS_INPUT]
WEIGHTS = st.one_of(
    st.floats(-1e3, 1e3, allow_nan=False),
    st.sampled_from([0.0, -0.0, 1e-300, 1e308, -1e308, 1.7976931348623157e308, math.inf]),
)


def conv_values() -> st.SearchStrategy[dict]:
    kernel = {
        f"conv_k_{r}_{c}": st.tuples(st.just("number_input"), WEIGHTS)
        for r in range(5)
        for c in range(5)
    }
    positions = {
        key: st.tuples(st.just("slider"), st.one_of(st.integers(0, 200), st.just(-1)))
        for key in ("conv_patch_row", "conv_patch_col", "conv_pixel_row", "conv_pixel_col")
    }
    return st.fixed_dictionaries(
        {
            "conv_source": st.tuples(st.just("radio"), st.sampled_from(SOURCES)),
            "conv_digit": st.tuples(st.just("slider"), integer(0, 9)),
            "conv_preset": st.tuples(
                st.just("selectbox"), st.sampled_from([*KERNELS, SOBEL_MAGNITUDE])
            ),
            "conv_size": st.tuples(st.just("radio"), st.sampled_from([3, 5])),
            "conv_padding": st.tuples(st.just("radio"), st.sampled_from(["zero", "edge"])),
            "conv_display": st.tuples(st.just("radio"), st.sampled_from(list(DISPLAY_MODES))),
        },
        optional={**kernel, **positions},
    )


def shown_weights(at: AppTest) -> set[str]:
    """The keys of the weight boxes the page shows now: size x size of them, or none for
    the Sobel magnitude (two fixed kernels at once)."""
    if at.selectbox(key="conv_preset").value == SOBEL_MAGNITUDE:
        return set()
    size = at.radio(key="conv_size").value
    return {f"conv_k_{r}_{c}" for r in range(size) for c in range(size)}


@pytest.fixture(scope="module")
def conv_page() -> AppTest:
    return open_page("app_pages/convolution.py")


@FEW
@given(values=conv_values())
def test_convolution_page_survives_any_kernel_and_positions(conv_page, values) -> None:
    """Any source, preset, size, padding, display, kernel weights (huge, tiny, infinite) and
    patch or pixel position renders without an exception."""
    at = conv_page
    # The source decides which widgets follow it, so it goes first; then every other value
    # goes to a widget the page must show for that source, in one run.
    values = dict(values)
    source = values.pop("conv_source")
    at.session_state["draw_latest_image"] = None  # Whatever a test before left: no drawing.
    apply(at, {"conv_source": source})
    at.run()
    assert_clean(at, source)
    if source[1] in NEEDS_INPUT:
        # No drawing and no file here: the page says what it needs and stops.
        assert widget(at, "selectbox", "conv_preset") is None
        assert at.info, f"{source[1]}: the page stopped without saying why"
        return
    if source[1] != "Handwritten-style digit":
        del values["conv_digit"]
    shown = shown_weights(at)
    apply(at, {k: v for k, v in values.items() if not k.startswith("conv_k_") or k in shown})
    at.run()
    assert_clean(at, (source, values))


@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.parametrize("weight", [1e308, -1e200, 101.0, math.inf])
def test_kernel_weights_beyond_the_limit_cannot_be_entered(conv_page, weight: float) -> None:
    """A weight beyond +-WEIGHT_LIMIT (1e308 once showed "inf" and put overflow warnings in the
    server's log) is put back within the limit by Streamlit, and the page stays clean."""
    at = conv_page
    # The fuzz before may have left a source with no preset box (an empty upload): pick a
    # photo and let the page draw its controls first.
    at.radio(key="conv_source").set_value(next(iter(PHOTOS))).run()
    at.selectbox(key="conv_preset").set_value("Sharpen").run()
    at.number_input(key="conv_k_0_0").set_value(weight)
    at.number_input(key="conv_k_2_2").set_value(-weight)
    at.run()
    assert_clean(at, weight)
    for key in ("conv_k_0_0", "conv_k_2_2"):
        assert abs(at.number_input(key=key).value) <= WEIGHT_LIMIT
    assert not any("inf" in m.value for m in at.markdown)


@pytest.mark.filterwarnings("error::RuntimeWarning")
@pytest.mark.parametrize("sign", [1, -1, "mixed"])
def test_the_largest_accepted_weights_give_no_warning(conv_page, sign) -> None:
    """Every one of 25 weights at +-WEIGHT_LIMIT, every display, both paddings: no
    RuntimeWarning (an error here), finite numbers on the page."""
    at = conv_page
    at.radio(key="conv_source").set_value(next(iter(PHOTOS))).run()
    at.selectbox(key="conv_preset").set_value("Sharpen").run()
    at.radio(key="conv_size").set_value(5).run()
    for r in range(5):
        for c in range(5):
            signed = sign if sign != "mixed" else (-1) ** (r + c)
            at.number_input(key=f"conv_k_{r}_{c}").set_value(signed * WEIGHT_LIMIT)
    for padding in ("zero", "edge"):
        at.radio(key="conv_padding").set_value(padding)
        for mode in DISPLAY_MODES:
            at.radio(key="conv_display").set_value(mode).run()
            assert_clean(at, (sign, padding, mode))
            caption = next(c.value for c in at.caption if c.value.startswith("The output's"))
            assert "inf" not in caption and "nan" not in caption, caption


@pytest.mark.parametrize(
    "drawing",
    [
        np.zeros((1, 1, 4), np.uint8),
        np.zeros((7, 300, 4), np.uint8),
        np.full((8, 8, 4), 255, np.uint8),
        np.zeros((2000, 9, 4), np.uint8),
    ],
    ids=["1x1", "7x300", "8x8", "2000x9"],
)
def test_convolution_with_odd_latest_drawings(conv_page, drawing: np.ndarray) -> None:
    """A latest drawing of any size, down to one pixel, gives a message rather than an error."""
    at = conv_page
    at.session_state["draw_latest_image"] = drawing
    at.radio(key="conv_source").set_value("Your latest drawing").run()
    assert_clean(at, drawing.shape)
