"""Live line charts as SVG images: the curves that grow while a network trains.

Redrawn every half second of an MNIST training and after every Iris epoch, while other
students draw on the same server; see ui/charts/svg_axes.py for why they are images.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from core.basics.chart_text import batch_curves_text, curves_text
from core.engine.progress import CurvePoint
from ui.charts.figures import TEST_COLOUR, TRAIN_COLOUR
from ui.charts.svg_axes import Axes, chart_html, legend_html, nice_ticks

WIDTH, HEIGHT = 420, 260
MARKERS_UP_TO = 30  # Points per line that still get a dot each (epochs, not batches).


@dataclass(frozen=True)
class Line:
    name: str
    colour: str
    xs: Sequence[float]
    ys: Sequence[float]

    def points(self) -> list[tuple[float, float]]:
        """The finite points: a loss that blew up to NaN or infinity leaves a gap."""
        return [
            (float(x), float(y))
            for x, y in zip(self.xs, self.ys, strict=True)
            if math.isfinite(x) and math.isfinite(y)
        ]


def lines_svg(
    lines: Sequence[Line],
    *,
    title: str,
    x_title: str,
    y_title: str,
    x_range: tuple[float, float],
    y_range: tuple[float, float] | None = None,
    percent: bool = False,
    markers: bool = True,
    alt: str = "",
) -> str:
    """Lines on fixed x axes (a training's whole length, so the curve grows across).

    Without `y_range` the y axis runs from 0 (or the lowest value) to the highest value.
    `percent` labels the y axis 0%-100%. `markers` dots each point of a short line. `alt`
    says what the lines show (core.basics.chart_text); without it, each line's last value.
    """
    points = {line.name: line.points() for line in lines}
    values = [y for line_points in points.values() for _, y in line_points]
    if y_range is None:  # Nothing yet: 0 to 1, not a scale for invisible values.
        y_range = (min([0.0, *values]), max(values) if values and max(values) > 0 else 1.0)
    axes = Axes(WIDTH, HEIGHT, nice_ticks(*x_range), nice_ticks(*y_range, count=5))
    parts = axes.frame(x_title, y_title, "{:.0%}" if percent else "{:g}")
    spoken = []
    for line in lines:
        drawn = points[line.name]
        if not drawn:
            continue
        path = " ".join(f"{axes.x(x):.1f},{axes.y(y):.1f}" for x, y in drawn)
        parts.append(
            f'<polyline points="{path}" fill="none" stroke="{line.colour}" '
            'stroke-width="2.5" stroke-linejoin="round"/>'
        )
        if markers and len(drawn) <= MARKERS_UP_TO:
            parts.append(f'<g fill="{line.colour}">')
            parts.extend(
                f'<circle cx="{axes.x(x):.1f}" cy="{axes.y(y):.1f}" r="3.5"/>' for x, y in drawn
            )
            parts.append("</g>")
        last = drawn[-1][1]
        spoken.append(f"{line.name} {last:.0%}" if percent else f"{line.name} {last:.3g}")
    alt = f"{title}. {alt}" if alt else f"{title}: " + (", ".join(spoken) or "nothing yet")
    legend = legend_html([(line.colour, line.name) for line in lines])
    return chart_html(axes, parts, alt, legend, title)


def side_by_side(*charts: str) -> str:
    """Charts next to each other, wrapping onto new lines in a narrow column."""
    cells = "".join(f'<div style="flex: 1 1 280px; min-width: 0">{c}</div>' for c in charts)
    return f'<div style="display: flex; flex-wrap: wrap; gap: 1.5rem">{cells}</div>'


def epoch_curves(history: dict[str, list[float]], metric: str, epochs: int) -> str:
    """Training and test curves of 'loss' or 'accuracy' per epoch, as far as training got."""
    lines = [
        Line(f"{name} data", colour, range(1, len(values) + 1), values)
        for key, name, colour in (
            (metric, "training", TRAIN_COLOUR),
            (f"val_{metric}", "test", TEST_COLOUR),
        )
        if (values := history.get(key, []))
    ]
    accuracy = metric == "accuracy"
    return lines_svg(
        lines,
        title=metric.capitalize(),
        x_title="epoch",
        y_title=metric,
        x_range=(1, max(epochs, 2)),
        y_range=(0.0, 1.0) if accuracy else None,
        percent=accuracy,
        alt=curves_text(history, metric),
    )


def batch_curves_svg(curve: Sequence[CurvePoint], total_batches: int) -> str:
    """Running loss and accuracy as training goes (averages since the epoch began, as Keras
    reports them), on an x axis as long as the whole training: the curves grow across."""
    batches = [point.batches_done for point in curve]
    chart = {
        "x_title": "batches trained",
        "x_range": (0, max(total_batches, 1)),
        "markers": False,
        "alt": batch_curves_text(curve, total_batches),
    }
    loss = lines_svg(
        [Line("loss", TRAIN_COLOUR, batches, [point.loss for point in curve])],
        title="Loss so far",
        y_title="loss",
        **chart,
    )
    accuracy = lines_svg(
        [Line("accuracy", TRAIN_COLOUR, batches, [point.accuracy for point in curve])],
        title="Accuracy so far",
        y_title="accuracy",
        y_range=(0.0, 1.0),
        percent=True,
        **chart,
    )
    return side_by_side(loss, accuracy)
