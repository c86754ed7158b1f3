"""Plotly figures used across the pages. Plain functions: data in, figure out."""

from __future__ import annotations

import itertools
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from core.basics.chart_text import confusion_cells, curves_text, network_text
from ui.charts.described import describe

TRAIN_COLOUR = "#4F46E5"
TEST_COLOUR = "#C2410C"  # Orange-700: 5.2:1 on white (amber was 2.2:1), apart from indigo
# under protanopia and deuteranopia (tests/ui/charts/test_palette.py).
WIN_COLOUR = "#16A34A"
LOSE_COLOUR = "#DC2626"


def _compact(fig: go.Figure, height: int = 300) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "y": -0.2},
    )
    return fig


def curves_figure(history: dict[str, list[float]], metric: str, title: str) -> go.Figure:
    """Training and test curves of one metric ('loss' or 'accuracy') per epoch."""
    fig = go.Figure()
    for key, name, colour in (
        (metric, "training", TRAIN_COLOUR),
        (f"val_{metric}", "test", TEST_COLOUR),
    ):
        values = history.get(key, [])
        if values:
            fig.add_scatter(
                x=list(range(1, len(values) + 1)),
                y=values,
                mode="lines+markers",
                name=f"{name} data",
                line={"color": colour},
            )
    fig.update_layout(title=title, xaxis_title="epoch", yaxis_title=metric)
    fig.update_xaxes(rangemode="tozero", dtick=1 if len(history.get(metric, [])) <= 20 else None)
    if metric == "accuracy":
        fig.update_yaxes(range=[0, 1.02])
    return _compact(describe(fig, curves_text(history, metric)))


def confusion_figure(
    matrix: np.ndarray, labels: Sequence[str], title: str = "Confusion matrix"
) -> go.Figure:
    """Rows are the true classes, columns what the network said; the diagonal is right."""
    matrix = np.asarray(matrix)
    names = [str(label) for label in labels]
    fig = go.Figure(
        go.Heatmap(
            z=matrix,
            x=names,
            y=names,
            colorscale="Blues",
            showscale=False,
            text=matrix,
            texttemplate="%{text}",
            hovertemplate="true %{y}, predicted %{x}: %{z}<extra></extra>",
        )
    )
    fig.update_layout(title=title, xaxis_title="predicted", yaxis_title="true")
    fig.update_yaxes(autorange="reversed", type="category")
    fig.update_xaxes(type="category", side="bottom")
    describe(fig, confusion_cells(matrix, names))
    return _compact(fig, 320 if len(names) <= 3 else 420)


def network_figure(
    layer_sizes: Sequence[int],
    input_labels: Sequence[str] | None = None,
    output_labels: Sequence[str] | None = None,
    max_drawn: int = 16,
) -> go.Figure:
    """The network as columns of neurons joined by arrows, the workshop's diagram.

    Layers wider than `max_drawn` show their first neurons and a '...' with the true count,
    so a 64-neuron layer stays readable.
    """
    xs, ys, texts, hover = [], [], [], []
    positions: list[list[tuple[float, float]]] = []
    for column, size in enumerate(layer_sizes):
        shown = min(size, max_drawn)
        column_positions = []
        for row in range(shown):
            y = (shown - 1) / 2 - row
            column_positions.append((column, y))
            xs.append(column)
            ys.append(y)
            if column == 0 and input_labels:
                texts.append(input_labels[row])
            elif column == len(layer_sizes) - 1 and output_labels:
                texts.append(output_labels[row])
            else:
                texts.append("")
            hover.append(f"layer {column}, neuron {row + 1} of {size}")
        positions.append(column_positions)

    edge_x: list[float | None] = []
    edge_y: list[float | None] = []
    for left, right in itertools.pairwise(positions):
        for x0, y0 in left:
            for x1, y1 in right:
                edge_x += [x0, x1, None]
                edge_y += [y0, y1, None]

    fig = go.Figure()
    fig.add_scatter(
        x=edge_x, y=edge_y, mode="lines", line={"color": "#CBD5E1", "width": 1}, hoverinfo="skip"
    )
    text_position = ["middle left" if x == 0 else "middle right" for x in xs]
    fig.add_scatter(
        x=xs,
        y=ys,
        mode="markers+text",
        marker={"size": 18, "color": TRAIN_COLOUR, "line": {"color": "white", "width": 2}},
        text=texts,
        textposition=text_position,
        hovertext=hover,
        hoverinfo="text",
    )
    last = len(layer_sizes) - 1
    names = ["input"] + [f"hidden {i}" for i in range(1, last)] + ["output"]
    for column, (size, name) in enumerate(zip(layer_sizes, names, strict=True)):
        top = (min(size, max_drawn) - 1) / 2
        label = f"{name}<br>{size} neurons"
        if size > max_drawn:
            label += f"<br>(first {max_drawn} drawn)"
        fig.add_annotation(x=column, y=top + 1.3, text=label, showarrow=False)
    fig.update_layout(showlegend=False)
    fig.update_xaxes(visible=False, range=[-1.4, last + 1.4])
    fig.update_yaxes(visible=False)
    tallest = min(max(layer_sizes), max_drawn)
    describe(fig, network_text(layer_sizes))
    return _compact(fig, max(260, 28 * tallest + 90))
