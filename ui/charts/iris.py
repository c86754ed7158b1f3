"""Figures for the Iris page."""

from __future__ import annotations

import plotly.graph_objects as go

from core.iris.data import SPECIES, iris_table

# Indigo, orange and a dark green: each at least 3:1 on white, and the three pairs apart
# under simulated protanopia and deuteranopia (tests/ui/charts/test_palette.py).
SPECIES_COLOURS = {"setosa": "#4F46E5", "versicolor": "#C2410C", "virginica": "#047857"}


def iris_scatter(x_feature: str, y_feature: str) -> go.Figure:
    """The 150 flowers on two chosen features, coloured by species, to explore (zoom, hover).

    The scatter that follows a typed measurement is ui/charts/svg_scatter.py.
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
    fig.update_layout(
        xaxis_title=x_feature,
        yaxis_title=y_feature,
        height=380,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": -0.2},
    )
    return fig
