"""Figures for the Iris page."""

from __future__ import annotations

import plotly.graph_objects as go

from core.iris_data import SPECIES, iris_table

SPECIES_COLOURS = {"setosa": "#4F46E5", "versicolor": "#F59E0B", "virginica": "#10B981"}


def iris_scatter(
    x_feature: str, y_feature: str, flower: tuple[float, float] | None = None
) -> go.Figure:
    """The 150 flowers on two chosen features, coloured by species.

    `flower`, when given, marks the user's own measurement on the same axes.
    """
    table = iris_table()
    fig = go.Figure()
    for code, name in enumerate(SPECIES):
        rows = table[table["species"] == name]
        fig.add_scatter(
            x=rows[x_feature],
            y=rows[y_feature],
            mode="markers",
            name=f"{name} ({code})",
            marker={"color": SPECIES_COLOURS[name], "size": 8, "opacity": 0.8},
        )
    if flower is not None:
        fig.add_scatter(
            x=[flower[0]],
            y=[flower[1]],
            mode="markers",
            name="your flower",
            marker={"color": "black", "size": 16, "symbol": "x"},
        )
    fig.update_layout(
        xaxis_title=x_feature,
        yaxis_title=y_feature,
        height=380,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": -0.2},
    )
    return fig
