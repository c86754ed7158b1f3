"""Several runs' curves of one measure on one SVG chart, told apart without colour too.

Each run has a colour from the Okabe-Ito palette (readable with the common colour-vision
deficiencies), a dash pattern and a marker shape of its own, and the legend draws all three,
so a student who cannot tell two colours apart still tells the lines apart. The chart is an
image like the live charts (ui/charts/svg_axes.py); its alt text names each run's last value,
and the page's caption says the rest (core.basics.run_curves.compare_caption).
"""

from __future__ import annotations

import base64
import html
from collections.abc import Sequence
from dataclasses import dataclass

from core.basics.run_curves import MEASURES, RunCurve
from ui.charts.svg_axes import Axes, chart_html, nice_ticks

WIDTH, HEIGHT = 460, 280
MARKED_POINTS = 8  # A long line (a batch curve, many epochs) gets this many markers along it.


@dataclass(frozen=True)
class LineStyle:
    colour: str
    dash: str  # An SVG stroke-dasharray; "" for a solid line.
    marker: str  # "circle", "square", "triangle", "diamond" or "cross".


STYLES = (
    LineStyle("#0072B2", "", "circle"),
    LineStyle("#D55E00", "7 4", "square"),
    LineStyle("#009E73", "2 3", "triangle"),
    LineStyle("#CC79A7", "10 3 2 3", "diamond"),
    LineStyle("#111827", "4 2", "cross"),  # Okabe-Ito's yellow-orange was 2.2:1 on white.
)


def style_of(index: int) -> LineStyle:
    """The style of the index-th run on the chart (styles repeat after five runs)."""
    return STYLES[index % len(STYLES)]


def _marker(shape: str, x: float, y: float, colour: str, size: float = 4.5) -> str:
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size:.1f}" fill="{colour}"/>'
    if shape == "square":
        side = 1.7 * size
        return (
            f'<rect x="{x - side / 2:.1f}" y="{y - side / 2:.1f}" width="{side:.1f}" '
            f'height="{side:.1f}" fill="{colour}"/>'
        )
    if shape == "triangle":
        corners = [
            (x, y - 1.2 * size),
            (x - 1.1 * size, y + 0.8 * size),
            (x + 1.1 * size, y + 0.8 * size),
        ]
    elif shape == "diamond":
        corners = [(x, y - 1.3 * size), (x + size, y), (x, y + 1.3 * size), (x - size, y)]
    else:  # A cross: two strokes.
        d = size
        return (
            f'<path d="M{x - d:.1f},{y - d:.1f} L{x + d:.1f},{y + d:.1f} M{x - d:.1f},'
            f'{y + d:.1f} L{x + d:.1f},{y - d:.1f}" stroke="{colour}" stroke-width="2.5"/>'
        )
    points = " ".join(f"{cx:.1f},{cy:.1f}" for cx, cy in corners)
    return f'<polygon points="{points}" fill="{colour}"/>'


def _marked(count: int) -> list[int]:
    """Which points of a line get a marker: all of a short line, a few spread along a long one."""
    if count <= MARKED_POINTS * 3:
        return list(range(count))
    step = (count - 1) / (MARKED_POINTS - 1)
    return sorted({round(i * step) for i in range(MARKED_POINTS)})


def _sample(style: LineStyle) -> str:
    """A short stretch of the line with its marker, for the legend, as an image."""
    dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
    svg = (
        '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 40 14" width="40" height="14">'
        f'<line x1="1" y1="7" x2="39" y2="7" stroke="{style.colour}" stroke-width="2.5"{dash}/>'
        f"{_marker(style.marker, 20, 7, style.colour, 4)}</svg>"
    )
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
    look = "display:inline-block;width:40px;height:14px;vertical-align:middle"
    return f'<img src="{uri}" alt="" style="{look}">'


def legend(labels: Sequence[str], numbers: Sequence[int]) -> str:
    """One entry per run: its line's colour, dash and marker, then its label."""
    spans = [
        f"<span>{_sample(style_of(number))} {html.escape(label)}</span>"
        for label, number in zip(labels, numbers, strict=True)
    ]
    return (
        '<div style="display:flex;flex-direction:column;gap:0.15rem;font-size:0.85rem;'
        f'margin-top:0.3rem">{"".join(spans)}</div>'
    )


def overlay_svg(curves: Sequence[RunCurve], measure: str, styles: Sequence[int] = ()) -> str:
    """Every curve as a line against epochs trained; `styles` gives each curve's style number
    (its run's place among all the kept runs, so a run keeps its look when others are hidden)."""
    numbers = list(styles) or list(range(len(curves)))
    accuracy = "accuracy" in measure
    top_x = max([1.0, *(x for curve in curves for x in curve.xs)])
    values = [y for curve in curves for y in curve.ys]
    y_range = (0.0, 1.0) if accuracy else (0.0, max(values) if values else 1.0)
    axes = Axes(WIDTH, HEIGHT, nice_ticks(0.0, top_x), nice_ticks(*y_range, count=5))
    parts = axes.frame("epochs trained", MEASURES[measure], "{:.0%}" if accuracy else "{:g}")
    spoken = []
    for curve, number in zip(curves, numbers, strict=True):
        style = style_of(number)
        points = [(axes.x(x), axes.y(y)) for x, y in zip(curve.xs, curve.ys, strict=True)]
        dash = f' stroke-dasharray="{style.dash}"' if style.dash else ""
        path = " ".join(f"{x:.1f},{y:.1f}" for x, y in points)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{style.colour}" stroke-width="2.5" '
            f'stroke-linejoin="round"{dash}/>'
        )
        parts.extend(_marker(style.marker, *points[i], style.colour) for i in _marked(len(points)))
        last = f"{curve.ys[-1]:.0%}" if accuracy else f"{curve.ys[-1]:.3g}"
        spoken.append(f"{curve.name} ends at {last}")
    title = f"{MEASURES[measure].capitalize()} of each run"
    alt = f"{title}, against epochs trained: " + ("; ".join(spoken) if spoken else "no run")
    labels = [curve.label for curve in curves]
    return chart_html(axes, parts, alt, legend(labels, numbers), title)
