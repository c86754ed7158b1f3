"""App tests of the Neurons and networks page: sliders in, metrics out."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

PAGE = str(ROOT / "app_pages" / "neurons.py")


def metrics(at: AppTest) -> dict[str, str]:
    return {metric.label: metric.value for metric in at.metric}


@pytest.fixture
def at() -> AppTest:
    app = AppTest.from_file(PAGE, default_timeout=30).run()
    assert not app.exception
    return app


def test_defaults_show_the_hand_computed_neuron(at):
    # 1*0.5 + 0.5*(-1) + 2*0.4 + 0 = 0.8; ReLU(0.8) = 0.8
    shown = metrics(at)
    assert shown["weighted sum p"] == "0.80"
    assert shown["neuron output f(p)"] == "0.800"
    assert any("= 0.80" in latex.value for latex in at.latex)


def test_moving_a_weight_and_the_activation_changes_the_output(at):
    at.slider(key="neurons_w3").set_value(-0.4).run()  # p = 0.5 - 0.5 - 0.8 = -0.8
    assert metrics(at)["weighted sum p"] == "-0.80"
    assert metrics(at)["neuron output f(p)"] == "0.000"  # ReLU silences a negative sum
    at.radio(key="neurons_activation").set_value("sigmoid").run()
    assert metrics(at)["neuron output f(p)"] == "0.310"  # 1 / (1 + e^0.8)
    at.radio(key="neurons_activation").set_value("tanh").run()
    assert metrics(at)["neuron output f(p)"] == "-0.664"
    at.slider(key="neurons_bias").set_value(1.0).run()  # p = 0.2
    at.radio(key="neurons_activation").set_value("step").run()
    assert metrics(at)["neuron output f(p)"] == "1.000"
    assert not at.exception


def test_extreme_sliders_do_not_break_the_page(at):
    for i in (1, 2, 3):
        at.slider(key=f"neurons_x{i}").set_value(2.0)
        at.slider(key=f"neurons_w{i}").set_value(2.0)
    at.slider(key="neurons_bias").set_value(2.0).run()
    assert metrics(at)["weighted sum p"] == "14.00"
    assert not at.exception


def test_the_iris_network_has_170_weights_and_23_biases(at):
    shown = metrics(at)
    assert shown["weights (arrows)"] == "170"
    assert shown["biases (neurons after the inputs)"] == "23"
    assert shown["weights and biases to learn"] == "193"
    total = next(m for m in at.metric if m.label == "weights and biases to learn")
    assert total.help == "193 = 170 weights + 23 biases"


def test_changing_the_shape_recounts(at):
    at.slider(key="neurons_hidden_layers").set_value(0).run()  # 4 inputs straight to 3 outputs
    assert metrics(at)["weights (arrows)"] == "12"
    assert metrics(at)["biases (neurons after the inputs)"] == "3"
    at.slider(key="neurons_hidden_layers").set_value(3)
    at.slider(key="neurons_per_layer").set_value(16)
    at.slider(key="neurons_inputs").set_value(8)
    at.slider(key="neurons_outputs").set_value(5).run()
    # 8*16 + 16*16 + 16*16 + 16*5 = 720; 3*16 + 5 = 53
    assert metrics(at)["weights (arrows)"] == "720"
    assert metrics(at)["biases (neurons after the inputs)"] == "53"
    assert metrics(at)["weights and biases to learn"] == "773"
    assert any("= 720" in latex.value for latex in at.latex)
    assert not at.exception
