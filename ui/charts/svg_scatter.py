"""The Iris scatter with the student's flower, as an SVG image: redrawn after every keystroke.

With the plotly scatter, one student waited nearly twice as long from Enter to the new answer
(docs/performance.md, "In the browser"; ui/charts/svg_axes.py says why an image). The page's
exploratory scatter above stays plotly.
"""

from __future__ import annotations

import numpy as np

from core.basics.chart_text import scatter_text
from core.iris.data import SPECIES, iris_table
from ui.charts.iris import SPECIES_COLOURS
from ui.charts.svg_axes import Axes, chart_html, legend_html, nice_ticks

WIDTH, HEIGHT = 420, 300
CROSS_COLOUR = "#111827"


def iris_scatter_svg(
    x_feature: str, y_feature: str, flower: tuple[float, float] | None = None
) -> str:
    """The 150 flowers on two features, coloured by species, the student's flower as a cross.

    The axes stretch to include the flower, so a measurement far outside the data still shows.
    """
    table = iris_table()
    xs = table[x_feature].to_numpy(dtype=float)
    ys = table[y_feature].to_numpy(dtype=float)
    xs_all, ys_all = xs, ys
    if flower is not None:
        flower = (float(np.nan_to_num(flower[0])), float(np.nan_to_num(flower[1])))
        xs_all, ys_all = np.append(xs, flower[0]), np.append(ys, flower[1])
    axes = Axes(
        WIDTH,
        HEIGHT,
        nice_ticks(float(xs_all.min()), float(xs_all.max())),
        nice_ticks(float(ys_all.min()), float(ys_all.max())),
    )
    parts = axes.frame(x_feature, y_feature)
    species = table["species"].to_numpy()
    for name in SPECIES:
        chosen = species == name
        parts.append(f'<g fill="{SPECIES_COLOURS[name]}" fill-opacity="0.75">')
        parts.extend(
            f'<circle cx="{axes.x(x):.1f}" cy="{axes.y(y):.1f}" r="4"/>'
            for x, y in zip(xs[chosen], ys[chosen], strict=True)
        )
        parts.append("</g>")
    clouds = {name: (xs[species == name], ys[species == name]) for name in SPECIES}
    alt = f"{len(xs)} iris flowers by {x_feature} and {y_feature}: " + scatter_text(
        clouds, x_feature, y_feature
    )
    legend = [(SPECIES_COLOURS[name], name) for name in SPECIES]
    if flower is not None:
        fx, fy = axes.x(flower[0]), axes.y(flower[1])
        parts.append(
            f'<path d="M{fx - 7:.1f},{fy - 7:.1f} L{fx + 7:.1f},{fy + 7:.1f} '
            f'M{fx - 7:.1f},{fy + 7:.1f} L{fx + 7:.1f},{fy - 7:.1f}" '
            f'stroke="{CROSS_COLOUR}" stroke-width="3" stroke-linecap="round"/>'
        )
        alt += f" Your flower, the cross: {x_feature} {flower[0]:g}, {y_feature} {flower[1]:g}."
        legend.append(("", "your flower"))
    return chart_html(axes, parts, alt, legend_html(legend))
