"""Figures for the Iris page."""

from __future__ import annotations

import plotly.graph_objects as go

from core.basics.chart_text import scatter_text
from core.iris.data import SPECIES, iris_table
from ui.charts.described import describe

# Indigo, orange and a dark green: each at least 3:1 on white, and the three pairs apart
# under simulated protanopia and deuteranopia (tests/ui/charts/test_palette.py).
SPECIES_COLOURS = {"setosa": "#4F46E5", "versicolor": "#C2410C", "virginica": "#047857"}
SPECIES_SYMBOLS = ("circle", "diamond", "square")


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
            # A shape per species as well as a colour: the chart reads in grey too.
            marker={
                "color": SPECIES_COLOURS[name],
                "symbol": SPECIES_SYMBOLS[code % len(SPECIES_SYMBOLS)],
                "size": 8,
                "opacity": 0.8,
            },
        )
    fig.update_layout(
        xaxis_title=x_feature,
        yaxis_title=y_feature,
        height=380,
        margin={"l": 10, "r": 10, "t": 30, "b": 10},
        legend={"orientation": "h", "y": -0.2},
    )
    groups = {
        name: (
            table.loc[table["species"] == name, x_feature].tolist(),
            table.loc[table["species"] == name, y_feature].tolist(),
        )
        for name in SPECIES
    }
    return describe(fig, "The flowers: " + scatter_text(groups, x_feature, y_feature))
