"""What the glossary shows as the student's own: their settings and trained networks, read
from session state.

Settings come from the widgets' own keys, which ui/state/remembered.py keeps for the whole
session; a page not visited yet has none, and the glossary says nothing for it. The Iris and
MNIST settings start at their configs' defaults, as those pages' widgets do.
"""

from __future__ import annotations

from typing import Any

import streamlit as st

from core.basics.backpropagation import LEARNING_RATE, TinyNetwork
from core.glossary import Yours
from core.iris.config import IrisConfig
from core.mnist.config import MnistConfig
from ui.state import keys
from ui.state.networks import chosen_run


def _read(fields: dict[str, str]) -> dict[str, Any]:
    """{field: value} for each widget key the session holds ({field: widget key})."""
    state = st.session_state
    return {name: state[key] for name, key in fields.items() if key in state}


def _iris() -> IrisConfig:
    found = _read(
        {
            "test_fraction": "iris_test_fraction",
            "epochs": "iris_epochs",
            "steps_per_epoch": "iris_steps",
            "batch_size": "iris_batch",
            "learning_rate": "iris_learning_rate",
            "seed": "iris_seed",
        }
    )
    layers = st.session_state.get("iris_layers")
    if isinstance(layers, int):
        sizes = _read({str(i): f"iris_neurons_{i}" for i in range(1, layers + 1)})
        if len(sizes) == layers:
            found["hidden"] = tuple(sizes[str(i)] for i in range(1, layers + 1))
    try:
        return IrisConfig(**found)
    except (TypeError, ValueError):  # A value the config refuses: its defaults, as a page would.
        return IrisConfig()


def _mnist() -> MnistConfig:
    found = _read(
        {
            "epochs": "mnist_epochs",
            "train_size": "mnist_train_size",
            "batch_size": "mnist_batch",
            "seed": "mnist_seed",
            "invert": "mnist_invert",
            "kernel_size": "mnist_kernel",
            "dense_units": "mnist_dense",
            "dropout": "mnist_dropout",
        }
    )
    filters = _read({"1": "mnist_filters1", "2": "mnist_filters2"})
    if len(filters) == 2:
        found["filters"] = (filters["1"], filters["2"])
    try:
        return MnistConfig(**found)
    except (TypeError, ValueError):
        return MnistConfig()


def _backprop() -> TinyNetwork:
    fields = {name: f"backprop_{name}" for name in ("x1", "x2", "target", "w1", "w5")}
    return TinyNetwork(**{name: float(value) for name, value in _read(fields).items()})


def live_values() -> Yours:
    """The student's settings and results, for core.glossary.yours."""
    state = st.session_state
    neuron = kernel = overfitting = iris_result = mnist_result = None
    if {"neurons_w1", "neurons_bias", "neurons_activation"} <= state.keys():
        neuron = (state["neurons_w1"], state["neurons_bias"], state["neurons_activation"])
    if {"conv_preset", "conv_size"} <= state.keys():
        kernel = (state["conv_preset"], state["conv_size"])
    if {"overfitting_degree", "overfitting_seed"} <= state.keys():
        overfitting = (int(state["overfitting_degree"]), int(state["overfitting_seed"]))
    result = state.get(keys.IRIS_RESULT)
    if result is not None and result.history.get("loss"):
        iris_result = (result.test_accuracy, result.history["loss"][-1])
    run = chosen_run()
    if run is not None and run.evaluation is not None:
        mnist_result = (run.label, run.evaluation.test_accuracy)
    return Yours(
        iris=_iris(),
        mnist=_mnist(),
        backprop=_backprop(),
        backprop_rate=state.get("backprop_learning_rate", LEARNING_RATE),
        neuron=neuron,
        kernel=kernel,
        overfitting=overfitting,
        iris_result=iris_result,
        mnist_result=mnist_result,
    )
