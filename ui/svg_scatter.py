"""The Iris scatter with the student's flower, as an SVG image: redrawn after every keystroke.

Redrawing the plotly scatter cost the browser ~0.15 s per typed measurement on an idle
machine (one student: 0.37 s from Enter to the new answer with it, 0.2 s without), and
seconds when a class shares the server's cores with headless browsers. 150 SVG circles
cost next to nothing. The page's exploratory scatter above stays plotly (zoom, hover).

`st.html` keeps only HTML (its sanitiser drops inline `<svg>`), so the SVG travels as a
data-URI image; an image cannot use the page's font or colours, so they are named here.
"""

from __future__ import annotations

import base64
import html
import math

import numpy as np

from core.iris_data import SPECIES, iris_table
from ui.iris_charts import SPECIES_COLOURS

WIDTH, HEIGHT = 420, 300
LEFT, RIGHT, TOP, BOTTOM = 50, 12, 12, 46  # Room for tick labels and axis titles.
FONT = "'Source Sans Pro', 'Source Sans 3', Arial, sans-serif"
TEXT_COLOUR = "#4B5563"
CROSS_COLOUR = "#111827"
SVG_STYLE = (
    f"<style>text {{ font-family: {FONT}; font-size: 13px; fill: {TEXT_COLOUR}; }} "
    ".axis-title { font-size: 14px; }</style>"
)
STYLE = """<style>
.iscatter { font-family: inherit; max-width: 460px; }
.iscatter img { width: 100%; height: auto; display: block; }
.iscatter-legend { display: flex; flex-wrap: wrap; gap: 0.9rem; font-size: 0.85rem;
  justify-content: center; margin-top: 0.2rem; }
.iscatter-legend i { display: inline-block; width: 10px; height: 10px; border-radius: 50%;
  margin-right: 0.3rem; }
</style>"""


def nice_ticks(low: float, high: float, count: int = 6) -> np.ndarray:
    """Round tick values (steps of 1, 2 or 5 times a power of ten) covering [low, high]."""
    if not high > low:
        low, high = low - 0.5, high + 0.5
    raw = (high - low) / max(count - 1, 1)
    power = 10 ** math.floor(math.log10(raw))
    step = next(m * power for m in (1, 2, 2.5, 5, 10) if m * power >= raw)
    start = math.floor(low / step) * step
    stop = math.ceil(high / step) * step
    return np.round(np.arange(start, stop + step / 2, step), 6)


def _scale(ticks: np.ndarray, pixels_from: float, pixels_to: float):
    low, high = float(ticks[0]), float(ticks[-1])
    return lambda value: pixels_from + (value - low) / (high - low) * (pixels_to - pixels_from)


def iris_scatter_svg(
    x_feature: str, y_feature: str, flower: tuple[float, float] | None = None
) -> str:
    """The 150 flowers on two features, coloured by species, the student's flower as a cross.

    The axes stretch to include the flower, so a measurement far outside the data still shows.
    """
    table = iris_table()
    xs = table[x_feature].to_numpy(dtype=float)
    ys = table[y_feature].to_numpy(dtype=float)
    if flower is not None:
        flower = (float(np.nan_to_num(flower[0])), float(np.nan_to_num(flower[1])))
        xs_all, ys_all = np.append(xs, flower[0]), np.append(ys, flower[1])
    else:
        xs_all, ys_all = xs, ys
    x_ticks = nice_ticks(float(xs_all.min()), float(xs_all.max()))
    y_ticks = nice_ticks(float(ys_all.min()), float(ys_all.max()))
    to_x = _scale(x_ticks, LEFT, WIDTH - RIGHT)
    to_y = _scale(y_ticks, HEIGHT - BOTTOM, TOP)

    parts = [
        SVG_STYLE,
        f'<rect x="{LEFT}" y="{TOP}" width="{WIDTH - LEFT - RIGHT}" '
        f'height="{HEIGHT - TOP - BOTTOM}" fill="none" stroke="rgba(128,128,128,0.5)"/>',
    ]
    for tick in x_ticks:
        x = to_x(tick)
        parts.append(
            f'<line x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{HEIGHT - BOTTOM}" '
            'stroke="rgba(128,128,128,0.18)"/>'
            f'<text x="{x:.1f}" y="{HEIGHT - BOTTOM + 17}" text-anchor="middle">{tick:g}</text>'
        )
    for tick in y_ticks:
        y = to_y(tick)
        parts.append(
            f'<line x1="{LEFT}" y1="{y:.1f}" x2="{WIDTH - RIGHT}" y2="{y:.1f}" '
            'stroke="rgba(128,128,128,0.18)"/>'
            f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end">{tick:g}</text>'
        )
    species = table["species"].to_numpy()
    for name in SPECIES:
        colour = SPECIES_COLOURS[name]
        chosen = species == name
        parts.append(f'<g fill="{colour}" fill-opacity="0.75">')
        parts.extend(
            f'<circle cx="{to_x(x):.1f}" cy="{to_y(y):.1f}" r="4"/>'
            for x, y in zip(xs[chosen], ys[chosen], strict=True)
        )
        parts.append("</g>")
    spoken = f"{len(xs)} iris flowers by {x_feature} and {y_feature}"
    if flower is not None:
        fx, fy = to_x(flower[0]), to_y(flower[1])
        parts.append(
            f'<path d="M{fx - 7:.1f},{fy - 7:.1f} L{fx + 7:.1f},{fy + 7:.1f} '
            f'M{fx - 7:.1f},{fy + 7:.1f} L{fx + 7:.1f},{fy - 7:.1f}" '
            f'stroke="{CROSS_COLOUR}" stroke-width="3" stroke-linecap="round"/>'
        )
        spoken += f"; your flower at {flower[0]:g}, {flower[1]:g}"
    parts.append(
        f'<text class="axis-title" x="{(LEFT + WIDTH - RIGHT) / 2:.0f}" y="{HEIGHT - 6}" '
        f'text-anchor="middle">{html.escape(x_feature)}</text>'
        f'<text class="axis-title" transform="translate(15 {(TOP + HEIGHT - BOTTOM) / 2:.0f}) '
        f'rotate(-90)" text-anchor="middle">{html.escape(y_feature)}</text>'
    )
    legend = [
        f'<span><i style="background:{SPECIES_COLOURS[name]}"></i>{html.escape(name)}</span>'
        for name in SPECIES
    ]
    if flower is not None:
        legend.append("<span><b>&#x2715;</b> your flower</span>")
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}">{"".join(parts)}</svg>'
    )
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
    return (
        f'{STYLE}<div class="iscatter">'
        f'<img src="{uri}" alt="{html.escape(spoken)}">'
        f'<div class="iscatter-legend">{"".join(legend)}</div></div>'
    )
