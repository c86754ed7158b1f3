"""The Inside-the-CNN page in AppTest: without a model, and with one in the session."""

from __future__ import annotations

import types

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core.engine.models.trained_network import TrainedNetwork
from tests.conftest import ROOT
from tests.core.mnist.test_inside import build_mnist_model

APP = str(ROOT / "app.py")
PAGE = "app_pages/inside_cnn.py"


@pytest.fixture(scope="module")
def model():
    return build_mnist_model()


def _app_with(model) -> AppTest:
    """The page through the app's router (its link to the closing page needs the router)."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    network = TrainedNetwork.from_keras(model)
    at.session_state["mnist_runs"] = [types.SimpleNamespace(network=network, label="test model")]
    return at.switch_page(PAGE)


def test_without_a_model_the_page_asks_for_training():
    at = AppTest.from_file(APP, default_timeout=30).run().switch_page(PAGE).run()
    assert not at.exception
    assert "Train a model on the MNIST training page first" in at.info[0].value
    assert not at.selectbox  # The page stopped before its widgets.


def test_with_a_model_shows_sizes_and_every_layer(model):
    at = _app_with(model).run()
    assert not at.exception
    assert any("test model" in c.value for c in at.caption)
    assert at.header[0].value == "The 16 learned filters of the first layer"
    assert at.page_link[-1].proto.page == "closing"  # On to the last page.
    assert any(c.value.startswith("Each 5x5 square is one kernel") for c in at.caption)
    sizes = "28x28x1 → 28x28x16 → 14x14x16 → 14x14x32 → 7x7x32"
    assert any(sizes in m.value for m in at.markdown)
    for layer, (height, width, channels) in {
        "conv1": (28, 28, 16),
        "pool1": (14, 14, 16),
        "conv2": (14, 14, 32),
        "pool2": (7, 7, 32),
    }.items():
        at.selectbox(key="cnn_layer").set_value(layer).run()
        assert not at.exception
        assert any(c.value.startswith(f"{channels} maps of {height}x{width}") for c in at.caption)


def test_digit_choice_and_drawing(model):
    at = _app_with(model).run()
    at.slider(key="cnn_digit").set_value(8).run()
    assert not at.exception
    at.radio(key="cnn_source").set_value("Your latest drawing").run()
    assert not at.exception
    assert "Draw page" in at.info[0].value  # No drawing yet: a test digit instead.
    drawing = np.zeros((280, 280, 4), dtype=np.uint8)
    drawing[60:220, 130:150, 3] = 255
    at.session_state["draw_latest_image"] = drawing
    at.run()
    assert not at.exception
    assert not at.info


def test_headings_and_layer_names_come_from_the_model_shown():
    """A network of another shape (8 and 12 filters, 3x3 kernels): every heading, legend and
    layer name says its numbers, none the workshop's 16, 32 or 5x5."""
    from core.mnist.config import MnistConfig
    from core.mnist.model import build_mnist_model as build

    at = _app_with(build(MnistConfig(filters=(8, 12), kernel_size=3))).run()
    assert not at.exception
    assert at.header[0].value == "The 8 learned filters of the first layer"
    assert any(c.value.startswith("Each 3x3 square is one kernel") for c in at.caption)
    names = at.selectbox(key="cnn_layer").options
    assert "conv1: 8 feature maps of the first convolution" in names
    assert "pool1: the same 8 maps after 2x2 max pooling" in names
    assert "conv2: 12 feature maps of the second convolution" in names
    assert "pool2: after the second pooling, 7x7x12 values the dense layers read" in names
    legend = next(c.value for c in at.caption if c.value.startswith("Each "))
    text = " ".join([h.value for h in at.header] + [legend, *names])
    assert "16" not in text and "32" not in text and "5x5" not in text
