"""The Iris page's picture of the network being set up, beside its settings."""

from __future__ import annotations

import streamlit as st

from core.iris.data import FEATURES, SPECIES
from core.iris.sentences import split_sentence
from ui.charts.described import plotly_described
from ui.charts.figures import network_figure

INPUT_NAMES = ["sepal length", "sepal width", "petal length", "petal width"]


def network_diagram(
    hidden: tuple[int, ...], test_fraction: float, steps: int, batch_size: int
) -> None:
    """The layers as circles (four inputs, the hidden layers, three species) and the split."""
    sizes = [len(FEATURES), *hidden, len(SPECIES)]
    plotly_described(st, network_figure(sizes, INPUT_NAMES, SPECIES), "iris_network")
    st.caption(split_sentence(test_fraction, steps, batch_size))
