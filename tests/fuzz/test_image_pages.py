"""Fuzzing the pages' widgets with AppTest: no value a browser can send breaks a page.

This module: Convolution, MNIST training, Draw and Inside the CNN; test_learning_pages.py
has the others.

Each page is opened once per module through the app's router, as one browser session; every
hypothesis example then sets the page's widgets (found by key) to random, extreme or
just-inside values and reruns it. After each run the page must show no exception. Streamlit
1.67 resets out-of-range or non-finite slider and number values to the widget's default on the
server, so values beyond the bounds are sent too: a hand-made websocket message can carry them.

Widgets per page (read from app_pages/*.py):
- neurons: sliders neurons_x1..3, neurons_w1..3, neurons_bias (-2..2, step 0.1), radio
  neurons_activation, sliders neurons_inputs (1..8), neurons_hidden_layers (0..4),
  neurons_per_layer (1..16), neurons_outputs (1..5).
- gradient_descent: sliders gd_learning_rate (0.01..0.6), gd_start_weight (-3..7, step 0.5,
  on_change resets), buttons gd_step, gd_run, gd_reset.
- overfitting: slider overfitting_degree (1..15), number input overfitting_seed (0..999).
- iris: selectboxes iris_x_feature, iris_y_feature; sliders iris_test_fraction (0.1..0.5),
  iris_layers (1..3), iris_neurons_1..3 (1..64), iris_epochs (1..50), iris_steps (10..500);
  select sliders iris_batch, iris_learning_rate; number inputs iris_seed (0..10,000) and, with a
  trained model, iris_measure_0..3 (0..30). The Train button is not pressed.
- convolution: radio conv_source, slider conv_digit (0..9), sliders conv_patch_row/col and
  conv_pixel_row/col (0..image size), selectbox conv_preset, radios conv_size (3, 5),
  conv_padding, conv_display, number inputs conv_k_{r}_{c} (-100..100), file uploader
  conv_upload (covered in test_fuzz_uploads.py).
- mnist_training: select sliders mnist_filters1/2, mnist_kernel, mnist_dense, mnist_train_size,
  mnist_batch; sliders mnist_dropout (0..0.8), mnist_epochs (1..10); number input mnist_seed
  (0..10,000); toggle mnist_invert; with runs: radio mnist_choice. Train is not pressed.
- draw (with a run): selectbox draw_model, radio draw_paper, slider draw_pen (5..40), button
  draw_clear, toggle draw_centre, multiselect draw_compare (at most 2), file uploaders
  draw_upload and draw_model_file (test_fuzz_uploads.py). The canvas cannot be driven here.
- inside_cnn (with a run): radio cnn_source, slider cnn_digit (0..9), selectbox cnn_layer.
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
from tests.fuzz.pages import FEW, FUZZ, apply, assert_clean, integer, number, open_page

# --- Convolution -------------------------------------------------------------------------------

SOURCES = [*PHOTOS, "Handwritten-style digit", "Your latest drawing", "Upload an image"]
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


@pytest.fixture(scope="module")
def conv_page() -> AppTest:
    return open_page("app_pages/convolution.py")


@FEW
@given(values=conv_values())
def test_convolution_page_survives_any_kernel_and_positions(conv_page, values) -> None:
    """Any source, preset, size, padding, display, kernel weights (huge, tiny, infinite) and
    patch or pixel position renders without an exception."""
    at = conv_page
    apply(at, values)
    at.run()
    assert_clean(at, values)


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


# --- MNIST training ----------------------------------------------------------------------------


def mnist_values() -> st.SearchStrategy[dict]:
    select = {
        "mnist_filters1": [4, 8, 16, 32, 64],
        "mnist_filters2": [8, 16, 32, 64, 128],
        "mnist_kernel": [3, 5, 7],
        "mnist_dense": [32, 64, 128, 256, 512],
        "mnist_train_size": [5_000, 10_000, 20_000, 30_000, 60_000],
        "mnist_batch": [32, 64, 128, 256, 512],
    }
    parts = {k: st.tuples(st.just("select_slider"), st.sampled_from(v)) for k, v in select.items()}
    parts["mnist_dropout"] = st.tuples(st.just("slider"), number(0.0, 0.8, 0.1))
    parts["mnist_epochs"] = st.tuples(st.just("slider"), integer(1, 10))
    parts["mnist_seed"] = st.tuples(st.just("number_input"), integer(0, 10_000))
    parts["mnist_invert"] = st.tuples(st.just("toggle"), st.booleans())
    return st.fixed_dictionaries(parts)


@pytest.fixture(scope="module")
def mnist_page() -> AppTest:
    return open_page("app_pages/mnist_training.py")


@FUZZ
@given(values=mnist_values())
def test_mnist_settings_render_the_layer_table(mnist_page, values) -> None:
    """Any architecture and training settings (without training) give a layer table."""
    at = mnist_page
    apply(at, values)
    at.run()
    assert_clean(at, values)
    assert len(at.dataframe) == 1
    assert at.session_state["mnist_runs"] == []  # Nothing was trained.


@pytest.fixture(scope="module")
def mnist_results_page(mnist_run) -> AppTest:
    at = open_page("app_pages/mnist_training.py", {"mnist_runs": [mnist_run, mnist_run]})
    assert "3. Results" in [h.value for h in at.header]
    return at


@FEW
@given(values=mnist_values(), choice=st.sampled_from([0, 1]))
def test_mnist_results_render_with_a_trained_run(mnist_results_page, values, choice) -> None:
    """With trained runs in the session, any settings and run choice render the results."""
    at = mnist_results_page
    values["mnist_choice"] = ("radio", choice)
    apply(at, values)
    at.run()
    assert_clean(at, values)
    assert "3. Results" in [h.value for h in at.header]
    assert len(at.dataframe) == 2  # The layer table and the run table.


# --- Draw and Inside the CNN, with a trained run -----------------------------------------------


@pytest.fixture(scope="module")
def draw_page(mnist_run) -> AppTest:
    from dataclasses import replace

    runs = [replace(mnist_run, label=f"Run {i}") for i in (1, 2, 3)]
    return open_page("app_pages/draw.py", {"mnist_runs": runs})


@FEW
@given(
    model=st.sampled_from(["Run 1", "Run 2", "Run 3"]),
    paper=st.sampled_from(["black", "white"]),
    pen=integer(5, 40),
    clear=st.booleans(),
    centre=st.booleans(),
    compare=st.lists(st.sampled_from(["Run 1", "Run 2", "Run 3"]), max_size=2, unique=True),
)
def test_draw_page_survives_any_settings(draw_page, model, paper, pen, clear, centre, compare):
    """Any network, paper, pen width, Clear click, centring and comparison renders."""
    at = draw_page
    values = {
        "draw_model": ("selectbox", model),
        "draw_paper": ("radio", paper),
        "draw_pen": ("slider", pen),
        "draw_clear": ("button", clear),
        "draw_centre": ("toggle", centre),
        "draw_compare": ("multiselect", compare),
    }
    apply(at, values)
    at.run()
    assert_clean(at, values)
    tables = [h for h in at.html if '<table class="xt">' in h.value]
    assert len(tables) == len(compare)  # One example table per compared network.


def test_draw_page_compare_with_more_than_allowed(draw_page) -> None:
    """Three networks sent for a two-network comparison (a hand-made message) do not crash."""
    at = draw_page
    at.multiselect(key="draw_compare").set_value(["Run 1", "Run 2", "Run 3"])
    at.run()
    assert_clean(at, "three networks")


@pytest.fixture(scope="module")
def cnn_page(mnist_run) -> AppTest:
    return open_page("app_pages/inside_cnn.py", {"mnist_runs": [mnist_run]})


@FEW
@given(
    source=st.sampled_from(["A test digit", "Your latest drawing"]),
    digit=integer(0, 9),
    layer=st.sampled_from(["conv1", "pool1", "conv2", "pool2"]),
)
def test_inside_cnn_survives_any_choice(cnn_page, source, digit, layer) -> None:
    """Any input source, digit and layer shows feature maps without an exception."""
    at = cnn_page
    values = {
        "cnn_source": ("radio", source),
        "cnn_digit": ("slider", digit),
        "cnn_layer": ("selectbox", layer),
    }
    apply(at, values)
    at.run()
    assert_clean(at, values)


@pytest.mark.parametrize(
    "drawing",
    [
        np.zeros((280, 280, 4), np.uint8),
        np.full((280, 280, 4), 255, np.uint8),
        np.zeros((1, 1, 4), np.uint8),
        np.random.default_rng(0).integers(0, 256, (280, 280, 4), dtype=np.uint8),
    ],
    ids=["transparent", "white", "1x1", "noise"],
)
def test_inside_cnn_with_odd_latest_drawings(cnn_page, drawing: np.ndarray) -> None:
    """A blank, white, one-pixel or noisy latest drawing still shows the layers."""
    at = cnn_page
    at.session_state["draw_latest_image"] = drawing
    at.radio(key="cnn_source").set_value("Your latest drawing").run()
    assert_clean(at, drawing.shape)
