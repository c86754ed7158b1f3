"""The Iris page's picture of the network being set up, beside its settings."""

from __future__ import annotations

from functools import lru_cache

import plotly.graph_objects as go
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
    plotly_described(st, _diagram(tuple(hidden)), "iris_network")
    st.caption(split_sentence(test_fraction, steps, batch_size))


@lru_cache(maxsize=64)
def _diagram(hidden: tuple[int, ...]) -> go.Figure:
    """Built once per shape for the whole server, read by every session and never changed:
    building a plotly figure is most of the page's own work, and a class opens it at once."""
    return network_figure([len(FEATURES), *hidden, len(SPECIES)], INPUT_NAMES, SPECIES)
