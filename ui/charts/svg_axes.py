"""Charts as SVG images: what the live charts share (axes, ticks, the image wrapper).

An SVG image is far cheaper for the browser to redraw than a plotly chart; it travels as a
data-URI image, since `st.html` drops inline SVG (docs/architecture.md, "Live charts as SVG").
"""

from __future__ import annotations

import base64
import html
import math
from collections.abc import Callable

import numpy as np

FONT = "'Source Sans Pro', 'Source Sans 3', Arial, sans-serif"
TEXT_COLOUR = "#4B5563"
GRID = "rgba(128,128,128,0.18)"
FRAME = "rgba(128,128,128,0.5)"
SVG_STYLE = (
    f"<style>text {{ font-family: {FONT}; font-size: 13px; fill: {TEXT_COLOUR}; }} "
    ".axis-title { font-size: 14px; }</style>"
)
STYLE = """<style>
.svgchart { font-family: inherit; max-width: 460px; }
.svgchart img { width: 100%; height: auto; display: block; }
.svgchart-title { font-weight: 600; margin-bottom: 0.2rem; }
.svgchart-legend { display: flex; flex-wrap: wrap; gap: 0.9rem; font-size: 0.85rem;
  justify-content: center; margin-top: 0.2rem; }
.svgchart-legend i { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
  margin-right: 0.3rem; }
</style>"""


def nice_ticks(low: float, high: float, count: int = 6) -> np.ndarray:
    """Round tick values (steps of 1, 2, 2.5 or 5 times a power of ten) covering [low, high]."""
    if not high > low:
        low, high = low - 0.5, high + 0.5
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    stop = math.ceil(high / step) * step
    return np.round(np.arange(start, stop + step / 2, step), 6)


class Axes:
    """A plot area in a width x height SVG with ticks, grid and titles on both axes."""

    LEFT, RIGHT, TOP, BOTTOM = 50, 12, 12, 46  # Room for tick labels and axis titles.

    def __init__(self, width: int, height: int, x_ticks: np.ndarray, y_ticks: np.ndarray) -> None:
        self.width, self.height = width, height
        self.x_ticks, self.y_ticks = x_ticks, y_ticks
        self.x = _scale(x_ticks, self.LEFT, width - self.RIGHT)
        self.y = _scale(y_ticks, height - self.BOTTOM, self.TOP)

    def frame(self, x_title: str, y_title: str, y_format: str = "{:g}") -> list[str]:
        """The frame, grid lines, tick labels and both axis titles, as SVG elements."""
        left, right = self.LEFT, self.width - self.RIGHT
        top, bottom = self.TOP, self.height - self.BOTTOM
        parts = [
            SVG_STYLE,
            f'<rect x="{left}" y="{top}" width="{right - left}" height="{bottom - top}" '
            f'fill="none" stroke="{FRAME}"/>',
        ]
        for tick in self.x_ticks:
            x = self.x(tick)
            parts.append(
                f'<line x1="{x:.1f}" y1="{top}" x2="{x:.1f}" y2="{bottom}" stroke="{GRID}"/>'
                f'<text x="{x:.1f}" y="{bottom + 17}" text-anchor="middle">{tick:g}</text>'
            )
        for tick in self.y_ticks:
            y = self.y(tick)
            parts.append(
                f'<line x1="{left}" y1="{y:.1f}" x2="{right}" y2="{y:.1f}" stroke="{GRID}"/>'
                f'<text x="{left - 6}" y="{y + 4:.1f}" text-anchor="end">'
                f"{y_format.format(tick)}</text>"
            )
        parts.append(
            f'<text class="axis-title" x="{(left + right) / 2:.0f}" y="{self.height - 6}" '
            f'text-anchor="middle">{html.escape(x_title)}</text>'
            f'<text class="axis-title" transform="translate(15 {(top + bottom) / 2:.0f}) '
            f'rotate(-90)" text-anchor="middle">{html.escape(y_title)}</text>'
        )
        return parts


def _scale(ticks: np.ndarray, pixels_from: float, pixels_to: float) -> Callable[[float], float]:
    low, high = float(ticks[0]), float(ticks[-1])
    return lambda value: pixels_from + (value - low) / (high - low) * (pixels_to - pixels_from)


def legend_html(entries: list[tuple[str, str]]) -> str:
    """(colour, name) pairs as dots with names; a colour of "" gives a bold cross instead."""
    spans = [
        f'<span><i style="background:{colour}"></i>{html.escape(name)}</span>'
        if colour
        else f"<span><b>&#x2715;</b> {html.escape(name)}</span>"
        for colour, name in entries
    ]
    return f'<div class="svgchart-legend">{"".join(spans)}</div>'


def chart_html(axes: Axes, parts: list[str], alt: str, legend: str, title: str = "") -> str:
    """The SVG as an image with its alt text, a title above and the legend below."""
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {axes.width} {axes.height}" '
        f'width="{axes.width}" height="{axes.height}">{"".join(parts)}</svg>'
    )
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
    heading = f'<div class="svgchart-title">{html.escape(title)}</div>' if title else ""
    return (
        f'{STYLE}<div class="svgchart">{heading}'
        f'<img src="{uri}" alt="{html.escape(alt)}">{legend}</div>'
    )
