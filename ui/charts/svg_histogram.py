"""A histogram of two groups side by side, as an SVG image (see ui/charts/svg_axes.py).

Two bars per band, told apart three ways so that neither colour vision nor a grey print is
needed: colour, fill (solid or striped) and the count written above each bar. The legend
shows the same fills.
"""

from __future__ import annotations

import html
import math
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ui.charts.svg_axes import Axes, chart_html

WIDTH, HEIGHT = 460, 270
LEGEND_STYLE = """<style>
.svghist-legend { display: flex; flex-wrap: wrap; gap: 0.9rem; font-size: 0.85rem;
  justify-content: center; margin-top: 0.2rem; }
.svghist-legend i { display: inline-block; width: 14px; height: 12px; margin-right: 0.3rem;
  vertical-align: -1px; border: 1.5px solid; }
</style>"""


@dataclass(frozen=True)
class Group:
    """One group's counts per band, its name, colour and whether its bars are striped."""

    name: str
    colour: str
    counts: Sequence[int]
    striped: bool = False


def count_ticks(highest: int) -> np.ndarray:
    """Whole-number ticks from 0 with room above the tallest bar for its count."""
    room = highest * 1.06 + 0.5
    step = next(m * 10**p for p in range(7) for m in (1, 2, 5) if room / (m * 10**p) <= 7)
    return np.arange(0, math.ceil(room / step) * step + step / 2, step, dtype=float)


def _fill(group: Group, index: int) -> tuple[str, str]:
    """(definitions, fill) for a group's bars: its colour, or stripes of it."""
    if not group.striped:
        return "", group.colour
    pattern = f"stripes{index}"
    return (
        f'<defs><pattern id="{pattern}" width="6" height="6" patternUnits="userSpaceOnUse" '
        f'patternTransform="rotate(45)"><rect width="6" height="6" fill="white"/>'
        f'<rect width="3" height="6" fill="{group.colour}"/></pattern></defs>',
        f"url(#{pattern})",
    )


def _legend(groups: Sequence[Group]) -> str:
    swatches = []
    for group in groups:
        if group.striped:
            background = f"repeating-linear-gradient(45deg, {group.colour} 0 3px, white 3px 6px)"
        else:
            background = group.colour
        swatches.append(
            f'<span><i style="background:{background};border-color:{group.colour}"></i>'
            f"{html.escape(group.name)}{' (striped)' if group.striped else ' (solid)'}</span>"
        )
    return f'{LEGEND_STYLE}<div class="svghist-legend">{"".join(swatches)}</div>'


def histogram_svg(
    groups: Sequence[Group],
    edges: Sequence[float],
    *,
    title: str,
    x_title: str,
    y_title: str,
    band_names: Sequence[str],
) -> str:
    """Bars of each group side by side in each band between consecutive `edges`.

    The alt text reads every band's counts, group by group; `band_names` name the bands
    in it ("90-100%").
    """
    bands = len(edges) - 1
    if bands < 1 or len(band_names) != bands:
        raise ValueError(f"{len(edges)} edges for {len(band_names)} band names")
    for group in groups:
        if len(group.counts) != bands:
            raise ValueError(f"{group.name}: {len(group.counts)} counts for {bands} bands")
    highest = max([1, *(int(c) for g in groups for c in g.counts)])
    axes = Axes(WIDTH, HEIGHT, np.asarray(edges, dtype=float), count_ticks(highest))
    parts = axes.frame(x_title, y_title)
    gap = 0.12  # Of a band's width, left free on each side.
    for index, group in enumerate(groups):
        definitions, fill = _fill(group, index)
        parts.append(definitions)
        for band, count in enumerate(group.counts):
            left, right = axes.x(edges[band]), axes.x(edges[band + 1])
            usable = (right - left) * (1 - 2 * gap)
            width = usable / len(groups)
            x = left + (right - left) * gap + index * width
            top, bottom = axes.y(float(count)), axes.y(0.0)
            parts.append(
                f'<rect x="{x:.1f}" y="{top:.1f}" width="{width:.1f}" '
                f'height="{bottom - top:.1f}" fill="{fill}" stroke="{group.colour}" '
                'stroke-width="1.5"/>'
                f'<text x="{x + width / 2:.1f}" y="{top - 3:.1f}" text-anchor="middle" '
                f'style="font-size:11px">{int(count)}</text>'
            )
    spoken = [
        f"{name}: " + ", ".join(f"{int(group.counts[band])} {group.name}" for group in groups)
        for band, name in enumerate(band_names)
    ]
    alt = f"{title}. " + "; ".join(spoken)
    return chart_html(axes, parts, alt, _legend(groups), title)
