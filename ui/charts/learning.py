"""Plotly figures for the learning pages: gradient descent on one weight, and over-fitting.

Data in, figure out: the gradient-descent page's loss curve with the path of the weight, and
the over-fitting page's fitted curve and its error by polynomial degree.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import plotly.graph_objects as go

from core.basics.chart_text import descent_text, error_by_degree_text
from core.basics.gradient_descent import OneWeightProblem, loss, loss_derivative
from core.basics.overfitting import SplitData, true_curve
from ui.charts.described import describe
from ui.charts.figures import TEST_COLOUR, TRAIN_COLOUR

# Five colours that stay apart under protanopia and deuteranopia and reach 3:1 on white
# (tests/ui/charts/test_palette.py): red beside orange, or green beside orange, would not.
CURVE_COLOUR = "#64748B"  # The loss curve and the true curve: slate.
FIT_COLOUR = "#BE185D"  # The tangent and the fitted polynomial: a dark pink.
BEST_COLOUR = "#111827"  # The best weight's star, the chosen degree's line: near black.


def _compact(fig: go.Figure, height: int = 320) -> go.Figure:
    fig.update_layout(
        height=height,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "y": -0.25},
    )
    return fig


def loss_figure(problem: OneWeightProblem, path: Sequence[float]) -> go.Figure:
    """The loss J(w) against w, the path of the weight so far and the tangent at its end."""
    path = np.asarray(path, dtype=float)
    best = problem.best_weight
    low = min(path.min(), best - 3.0)
    high = max(path.max(), best + 3.0)
    margin = 0.1 * (high - low)
    ws = np.linspace(low - margin, high + margin, 400)
    fig = go.Figure()
    fig.add_scatter(
        x=ws, y=loss(ws, problem), mode="lines", name="loss J(w)", line={"color": CURVE_COLOUR}
    )
    fig.add_scatter(
        x=path,
        y=loss(path, problem),
        mode="lines+markers",
        name="path of w",
        line={"color": TRAIN_COLOUR, "width": 1},
        marker={"size": 7, "color": TRAIN_COLOUR},
    )
    w = float(path[-1])
    slope = float(loss_derivative(w, problem))
    # The tangent is drawn over a fixed stretch of the w axis, so a steep slope looks steep.
    half = 0.12 * (high - low + 2 * margin)
    tangent_w = np.array([w - half, w + half])
    fig.add_scatter(
        x=tangent_w,
        y=loss(w, problem) + slope * (tangent_w - w),
        mode="lines",
        name=f"slope dJ/dw = {slope:.2f}",
        line={"color": FIT_COLOUR, "width": 3},
    )
    fig.add_scatter(
        x=[w],
        y=[loss(w, problem)],
        mode="markers",
        name=f"now: w = {w:.3f}",
        marker={"size": 14, "color": TEST_COLOUR, "line": {"color": "white", "width": 2}},
    )
    fig.add_scatter(
        x=[best],
        y=[0.0],
        mode="markers",
        name=f"best w* = {best:.2f}",
        marker={"size": 12, "symbol": "star", "color": BEST_COLOUR},
    )
    top = float(loss(np.array([low - margin, high + margin]), problem).max())
    fig.update_layout(title="Loss against the weight", xaxis_title="weight w")
    fig.update_yaxes(title="loss J(w)", range=[-0.05 * top, 1.05 * top])
    describe(fig, descent_text(path.tolist(), loss(path, problem).tolist(), slope, best))
    return _compact(fig, 380)


def fit_figure(data: SplitData, model, degree: int) -> go.Figure:
    """Training and test points, the true curve, and the polynomial fitted to training only."""
    xs = np.linspace(0.0, 1.0, 400)
    fig = go.Figure()
    fig.add_scatter(
        x=xs,
        y=true_curve(xs),
        mode="lines",
        name="true curve",
        line={"color": CURVE_COLOUR, "dash": "dash"},
    )
    fig.add_scatter(
        x=xs,
        y=model(xs),
        mode="lines",
        name=f"fitted, degree {degree}",
        line={"color": FIT_COLOUR, "width": 3},
    )
    fig.add_scatter(
        x=data.x_train,
        y=data.y_train,
        mode="markers",
        name="training points",
        marker={"size": 9, "color": TRAIN_COLOUR},
    )
    fig.add_scatter(
        x=data.x_test,
        y=data.y_test,
        mode="markers",
        name="test points",
        marker={"size": 11, "color": TEST_COLOUR, "symbol": "diamond"},
    )
    fig.update_layout(title=f"A polynomial of degree {degree}", xaxis_title="x")
    # A wild fit would stretch the axis and hide the data: keep the view on the points.
    fig.update_yaxes(title="y", range=[-2.0, 2.0])
    words = (
        f"{len(data.x_train)} training points and {len(data.x_test)} test points around the "
        f"true curve, and the polynomial of degree {degree} fitted to the training points "
        "alone; its errors on both are the numbers above the chart."
    )
    return _compact(describe(fig, words), 380)


def error_by_degree_figure(
    degrees: Sequence[int], train: Sequence[float], test: Sequence[float], current: int
) -> go.Figure:
    """Training and test error against the degree, on a log scale, current degree marked."""
    fig = go.Figure()
    for values, name, colour in ((train, "training", TRAIN_COLOUR), (test, "test", TEST_COLOUR)):
        fig.add_scatter(
            x=list(degrees),
            y=list(values),
            mode="lines+markers",
            name=f"{name} error",
            line={"color": colour},
        )
    fig.add_vline(x=current, line={"color": BEST_COLOUR, "dash": "dot"})
    fig.update_layout(title="Error against model complexity", xaxis_title="degree")
    fig.update_xaxes(dtick=1)
    fig.update_yaxes(title="mean squared error (log scale)", type="log")
    positive = [float(v) for v in (*train, *test) if 0 < v < math.inf]  # A log axis shows these.
    if positive:
        ticks = log_ticks(min(positive), max(positive))
        fig.update_yaxes(tickvals=ticks, ticktext=[tick_label(t) for t in ticks])
    describe(fig, error_by_degree_text(degrees, train, test, current))
    return _compact(fig, 380)


def log_ticks(low: float, high: float) -> list[float]:
    """Ticks for a log axis from `low` to `high`: 1, 2 and 5 times each power of ten, or the
    powers of ten alone over more than four of them (too many labels otherwise).

    Plotly's own labels on a log axis write only the leading digit between powers of ten
    ("5, 2, 1, 5, 2, 0.1" read down the axis): these are written out in full.
    """
    if not (0 < low <= high and math.isfinite(high)):
        raise ValueError(f"A log axis needs 0 < low <= high, not {low} and {high}.")
    first, last = math.floor(math.log10(low)), math.ceil(math.log10(high))
    steps = (1,) if last - first > 4 else (1, 2, 5)
    values = [m * 10.0**e for e in range(first, last + 1) for m in steps]
    below = max((v for v in values if v <= low), default=values[0])
    above = min((v for v in values if v >= high), default=values[-1])
    return [float(f"{v:.12g}") for v in values if below <= v <= above]


def tick_label(value: float) -> str:
    """'0.05', '0.1', '2', '1,000': every digit written, no '5e-2' and no lone leading digit."""
    decimals = max(0, -math.floor(math.log10(value)))
    return f"{value:,.{decimals}f}"
