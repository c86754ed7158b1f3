"""Plotly figure for the neurons page: an activation function and one neuron's output on it."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go

from core.basics.neurons import activation
from ui.charts.described import describe
from ui.charts.figures import TEST_COLOUR, TRAIN_COLOUR


def _compact(fig: go.Figure, height: int = 320) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "y": -0.25},
    )
    return fig


def activation_figure(name: str, p: float) -> go.Figure:
    """The activation f(p) as a curve, with the neuron's current sum p and output marked."""
    f = activation(name).function
    half_width = max(5.0, abs(p) + 1.0)
    ps = np.linspace(-half_width, half_width, 401)
    ys = np.asarray(f(ps), dtype=float)
    y = float(f(p))
    fig = go.Figure()
    fig.add_scatter(
        x=ps, y=ys, mode="lines", name=f"{name}(p)", line={"color": TRAIN_COLOUR, "width": 3}
    )
    fig.add_scatter(
        x=[p],
        y=[y],
        mode="markers",
        name=f"this neuron: p = {p:.2f}, output = {y:.3f}",
        marker={"size": 14, "color": TEST_COLOUR, "line": {"color": "white", "width": 2}},
    )
    fig.add_vline(x=p, line={"color": TEST_COLOUR, "dash": "dot"})
    fig.update_layout(title=f"The {name} activation", xaxis_title="p (weighted sum)")
    fig.update_yaxes(title="output f(p)")
    low, high = float(ys.min()), float(ys.max())
    words = (
        f"The {name} activation for sums p from {-half_width:g} to {half_width:g}: its output "
        f"runs from {low:.3g} to {high:.3g}. This neuron's sum p = {p:.2f} gives {y:.3f}."
    )
    return _compact(describe(fig, words))
