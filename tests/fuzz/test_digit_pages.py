"""Fuzzing the pages' widgets with AppTest: no value a browser can send breaks a page.

This module: MNIST training, Draw and Inside the CNN; test_convolution_page.py has Kernel
convolution, test_learning_pages.py the others.

Each page is opened once per module through the app's router, as one browser session; every
hypothesis example then sets the page's widgets (found by key) to random, extreme or
just-inside values and reruns it. After each run the page must show no exception. Streamlit
1.67 resets out-of-range or non-finite slider and number values to the widget's default on the
server, so values beyond the bounds are sent too: a hand-made websocket message can carry them.

Widgets (read from app_pages/*.py):
- mnist_training: select sliders mnist_filters1/2, mnist_kernel, mnist_dense, mnist_train_size,
  mnist_batch; sliders mnist_dropout (0..0.8), mnist_epochs (1..10); number input mnist_seed
  (0..10,000); toggle mnist_invert; with runs: radio mnist_choice. Train is not pressed.
- draw (with a run): selectbox draw_model, radio draw_paper, slider draw_pen (5..40), button
  draw_clear, toggle draw_centre, multiselect draw_compare (at most 2), file uploaders
  draw_upload and draw_model_file (test_page_uploads.py). The canvas cannot be driven here.
- inside_cnn (with a run): radio cnn_source, slider cnn_digit (0..9), selectbox cnn_layer.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from tests.fuzz.pages import FEW, FUZZ, apply, assert_clean, integer, number, open_page

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
    drawing = at.session_state.get("draw_latest_image")
    if at.radio(key="cnn_source").value == "Your latest drawing" and drawing is not None:
        del values["cnn_digit"]  # The page shows the drawing: there is no digit to choose.
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
