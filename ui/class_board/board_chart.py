"""The class's experiment in one chart: accuracy against training examples, one mark per run.

Runs with and without inverted copies differ in shape as well as colour (a circle, a
diamond), so the chart reads in grey too; the student's own runs wear a ring. Nicknames go
into the hover text escaped: Plotly draws a little HTML in text, and a nickname is only text.
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from typing import Any

import plotly.graph_objects as go

# Blue and orange from the Okabe-Ito palette: apart under protanopia and deuteranopia.
GROUP_LOOK = {
    "with invert": ("#0072B2", "diamond"),
    "without invert": ("#D55E00", "circle"),
    "Iris": ("#0072B2", "circle"),
}
MINE_COLOUR = "#111827"


def board_figure(points: Sequence[dict[str, Any]], measure: str, title: str) -> go.Figure:
    """`measure` is "y" (normal test digits, or Iris) or "y_inverted" (inverted digits)."""
    fig = go.Figure()
    for group, (colour, symbol) in GROUP_LOOK.items():
        chosen = [p for p in points if p["group"] == group and p.get(measure) is not None]
        if not chosen:
            continue
        fig.add_scatter(
            x=[p["x"] for p in chosen],
            y=[p[measure] for p in chosen],
            mode="markers",
            name=group,
            marker={"color": colour, "symbol": symbol, "size": 11, "opacity": 0.85},
            hovertext=[html.escape(p["nickname"]) for p in chosen],
            hovertemplate="%{hovertext}<br>%{x:,} examples: %{y:.1f}%<extra></extra>",
        )
    mine = [p for p in points if p["mine"] and p.get(measure) is not None]
    if mine:
        fig.add_scatter(
            x=[p["x"] for p in mine],
            y=[p[measure] for p in mine],
            mode="markers",
            name="your runs",
            # An open symbol is drawn in the marker's colour: a dark ring around the run.
            marker={
                "color": MINE_COLOUR,
                "symbol": "circle-open",
                "size": 22,
                "line": {"width": 2},
            },
            hoverinfo="skip",
        )
    fig.update_layout(
        title=title,
        height=360,
        margin={"l": 10, "r": 10, "t": 40, "b": 10},
        legend={"orientation": "h", "y": -0.25},
        xaxis_title="training examples",
        yaxis_title="test accuracy (%)",
    )
    # Ticks at the example counts the class used, written out: a log axis's own minor labels
    # ("5 6 7 8 9 10k 2 3") read as nonsense to a student.
    counts = sorted({p["x"] for p in points if p["x"]})
    fig.update_xaxes(
        type="log" if _spread(points) else "linear",
        tickvals=counts,
        ticktext=[f"{count:,}" for count in counts],
    )
    return fig


def _spread(points: Sequence[dict[str, Any]]) -> bool:
    """A log axis when the examples span more than tenfold (500 to 60,000)."""
    xs = [p["x"] for p in points if p["x"]]
    return bool(xs) and max(xs) > 10 * min(xs)


def board_chart_text(points: Sequence[dict[str, Any]], measure: str) -> str:
    """What the chart shows, in words, for a student who cannot see it."""
    shown = [p for p in points if p.get(measure) is not None]
    if not shown:
        return "The chart is empty: no run has been shared yet."
    parts = []
    for group in GROUP_LOOK:
        chosen = [p for p in shown if p["group"] == group]
        if chosen:
            low = min(p[measure] for p in chosen)
            high = max(p[measure] for p in chosen)
            xs = sorted({p["x"] for p in chosen})
            span = f"{xs[0]:,}" if len(xs) == 1 else f"{xs[0]:,} to {xs[-1]:,}"
            score = f"{low:.0f}%" if round(low) == round(high) else f"{low:.0f}-{high:.0f}%"
            runs = "run" if len(chosen) == 1 else "runs"
            what = f"Iris {runs}" if group == "Iris" else f"{runs} {group}"
            parts.append(f"{len(chosen)} {what} ({span} examples) at {score}")
    mine = sum(1 for p in shown if p["mine"])
    own = f"; {mine} of them yours, ringed" if mine else ""
    return "The chart shows " + "; ".join(parts) + own + "."
