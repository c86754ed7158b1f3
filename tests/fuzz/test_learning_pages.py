"""Fuzzing the Neurons, Gradient descent, Over-fitting and Iris pages with AppTest.

No value a browser can send breaks a page: see tests/fuzz/test_convolution_page.py for the
method.

Widgets (read from app_pages/*.py):
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
"""

from __future__ import annotations

import math

import pytest
from hypothesis import given
from hypothesis import strategies as st
from streamlit.testing.v1 import AppTest

from core.basics.neurons import ACTIVATIONS
from core.iris.data import FEATURES
from tests.fuzz.pages import (
    FEW,
    FUZZ,
    apply,
    assert_clean,
    integer,
    metric_values,
    number,
    open_page,
    widget,
)

# --- Neurons -----------------------------------------------------------------------------------

NEURON_FLOATS = [f"neurons_{n}{i}" for n in "xw" for i in (1, 2, 3)] + ["neurons_bias"]
NEURON_SHAPE = {
    "neurons_inputs": (1, 8),
    "neurons_hidden_layers": (0, 4),
    "neurons_per_layer": (1, 16),
    "neurons_outputs": (1, 5),
}


@pytest.fixture(scope="module")
def neurons_page() -> AppTest:
    return open_page("app_pages/neurons.py")


@FUZZ
@given(
    floats=st.fixed_dictionaries({k: number(-2.0, 2.0, 0.1) for k in NEURON_FLOATS}),
    shape=st.fixed_dictionaries({k: integer(*b) for k, b in NEURON_SHAPE.items()}),
    activation=st.sampled_from(list(ACTIVATIONS)),
)
def test_neurons_page_survives_any_inputs(neurons_page, floats, shape, activation) -> None:
    """Any neuron inputs, weights, bias, activation and network shape render without error."""
    at = neurons_page
    values = {k: ("slider", v) for k, v in {**floats, **shape}.items()}
    values["neurons_activation"] = ("radio", activation)
    apply(at, values)
    at.run()
    assert_clean(at, (floats, shape, activation))
    for key, (lo, hi) in NEURON_SHAPE.items():
        assert lo <= at.slider(key=key).value <= hi  # Out-of-range values fell back.
    assert not any("nan" in v.lower() for v in metric_values(at))


# --- Gradient descent --------------------------------------------------------------------------

GD_ACTION = st.one_of(
    st.tuples(st.just("gd_learning_rate"), number(0.01, 0.6, 0.01)),
    st.tuples(st.just("gd_start_weight"), number(-3.0, 7.0, 0.5)),
    st.tuples(st.sampled_from(["gd_step", "gd_run", "gd_reset"]), st.just(True)),
)


@pytest.fixture(scope="module")
def gd_page() -> AppTest:
    return open_page("app_pages/gradient_descent.py")


@FUZZ
@given(actions=st.lists(GD_ACTION, min_size=1, max_size=6))
def test_gradient_descent_survives_any_click_sequence(gd_page, actions) -> None:
    """Any mix of learning rates, starting weights and Step/Run/Reset clicks keeps the weight
    finite and within the problem's limit, with no exception."""
    at = gd_page
    for key, value in actions:
        kind = "slider" if key in ("gd_learning_rate", "gd_start_weight") else "button"
        apply(at, {key: (kind, value)})
        at.run()
        assert_clean(at, actions)
        weight = float(at.metric[0].value)
        assert math.isfinite(weight) and abs(weight) <= 50.0, (actions, weight)
        assert all("nan" not in v.lower() and "inf" not in v.lower() for v in metric_values(at))


# --- Over-fitting ------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def overfitting_page() -> AppTest:
    return open_page("app_pages/overfitting.py")


@FUZZ
@given(degree=integer(1, 15), seed=integer(0, 999))
def test_overfitting_survives_any_degree_and_seed(overfitting_page, degree, seed) -> None:
    """Every degree and data seed, extreme or out of range, gives finite errors and no error."""
    at = overfitting_page
    apply(
        at, {"overfitting_degree": ("slider", degree), "overfitting_seed": ("number_input", seed)}
    )
    at.run()
    assert_clean(at, (degree, seed))
    assert not any("nan" in v.lower() or "inf" in v.lower() for v in metric_values(at))


# --- Iris --------------------------------------------------------------------------------------


def iris_values() -> st.SearchStrategy[dict]:
    sliders = {
        "iris_test_fraction": number(0.1, 0.5, 0.05),
        "iris_layers": integer(1, 3),
        "iris_neurons_1": integer(1, 64),
        "iris_neurons_2": integer(1, 64),
        "iris_neurons_3": integer(1, 64),
        "iris_epochs": integer(1, 50),
        "iris_steps": integer(10, 500),
    }
    others = {
        "iris_x_feature": st.tuples(st.just("selectbox"), st.sampled_from(FEATURES)),
        "iris_y_feature": st.tuples(st.just("selectbox"), st.sampled_from(FEATURES)),
        "iris_batch": st.tuples(st.just("select_slider"), st.sampled_from([8, 16, 32, 64, 128])),
        "iris_learning_rate": st.tuples(
            st.just("select_slider"),
            st.sampled_from([0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1]),
        ),
        "iris_seed": st.tuples(st.just("number_input"), integer(0, 10_000)),
    }
    for i in range(4):
        others[f"iris_measure_{i}"] = st.tuples(st.just("number_input"), number(0.0, 30.0, 0.1))
    parts = {k: st.tuples(st.just("slider"), v) for k, v in sliders.items()}
    return st.fixed_dictionaries({**parts, **others})


@pytest.fixture(scope="module")
def iris_page(iris_result) -> AppTest:
    at = open_page("app_pages/iris.py", {"iris_result": iris_result})
    assert widget(at, "number_input", "iris_measure_0") is not None
    return at


@FEW
@given(values=iris_values())
def test_iris_page_survives_any_settings_and_measurements(iris_page, values) -> None:
    """Any axes, network settings and flower measurements render, with a prediction."""
    at = iris_page
    neurons = {k: v for k, v in values.items() if k.startswith("iris_neurons_")}
    apply(at, {k: v for k, v in values.items() if k not in neurons})
    at.run()  # The page now shows one size slider per hidden layer: set those.
    layers = at.slider(key="iris_layers").value
    apply(at, {f"iris_neurons_{i}": neurons[f"iris_neurons_{i}"] for i in range(1, layers + 1)})
    at.run()
    assert_clean(at, values)
    assert any(m.value.startswith("### Prediction:") for m in at.markdown)
    for i in range(4):
        assert 0.0 <= at.number_input(key=f"iris_measure_{i}").value <= 30.0


def test_iris_page_without_a_model_fuzzes_cleanly() -> None:
    """Without a trained network every setting still renders and the page asks to train."""
    at = open_page("app_pages/iris.py")
    for layers in (1, 3):
        at.slider(key="iris_layers").set_value(layers).run()
        assert_clean(at, layers)
    assert any("Press **Train the network**" in i.value for i in at.info)
