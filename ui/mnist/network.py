"""Section 1 of the MNIST page: the network itself, its layer table shown openly, and the
settings that change its shape below it in an expander.

The table is drawn above the expander but filled after the expander's widgets have given
their values (a container placed first), so it always shows the network those settings make.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from core.mnist.config import MnistConfig
from core.mnist.sentences import layer_table_caption
from core.mnist.shapes import layer_rows
from ui.mnist.lessons import layers_lesson
from ui.training.settings import select_slider, slider


def network_section() -> MnistConfig:
    """The layer table, then the widgets that change the network: its settings, with the
    training settings at their defaults (the page fills those in from section 2)."""
    table_place = st.container()
    with st.expander("Change the network (the workshop's “things that may improve performance”)"):
        st.caption(
            "These are **hyperparameters**: you choose them before training, and training then "
            "finds the weights (the *parameters*). Changing them changes what the network can "
            "learn."
        )
        a, b, c, d, e = st.columns(5)
        filters1 = select_slider(
            a, "Filters, conv 1", MnistConfig, "filters", [4, 8, 16, 32, 64], 0,
            key="mnist_filters1",
        )  # fmt: skip
        filters2 = select_slider(
            b, "Filters, conv 2", MnistConfig, "filters", [8, 16, 32, 64, 128], 1,
            key="mnist_filters2",
        )  # fmt: skip
        kernel = select_slider(c, "Kernel size", MnistConfig, "kernel_size", key="mnist_kernel")
        dense = select_slider(
            d, "Dense units", MnistConfig, "dense_units", [32, 64, 128, 256, 512], key="mnist_dense"
        )
        dropout = slider(e, "Dropout", MnistConfig, "dropout", 0.1, key="mnist_dropout")
    network = MnistConfig(
        filters=(filters1, filters2), kernel_size=kernel, dense_units=dense, dropout=dropout
    )
    with table_place:
        show_layer_table(network)
    return network


def show_layer_table(network: MnistConfig) -> None:
    """Each layer's output and what it learns, the total, and what each layer does."""
    rows = layer_rows(network)
    table = pd.DataFrame(
        {
            "layer": [r.name for r in rows],
            "type": [r.kind for r in rows],
            "output shape": [r.output_shape for r in rows],
            "values out": [r.output_size for r in rows],
            "weights": [r.weights for r in rows],
            "biases": [r.biases for r in rows],
        }
    )
    left, right = st.columns([3, 2])
    left.dataframe(table, hide_index=True, key="mnist_layers")
    right.metric("Weights and biases to learn", f"{sum(r.parameters for r in rows):,}")
    right.caption(layer_table_caption(network))
    layers_lesson(network)
