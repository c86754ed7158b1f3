"""Inside the CNN's grids of filters and feature maps keep square pixels (ui/charts/conv.py).

Plotly stretches a heatmap to fill its cell unless each y axis is tied to its own x axis;
the browser test tests/e2e/test_browser_phone.py measures the drawn maps on a phone.
"""

from __future__ import annotations

import numpy as np
import pytest

from ui.charts.conv import grid_figure


@pytest.mark.parametrize(("count", "side"), [(16, 28), (16, 14), (32, 14), (32, 7), (16, 5)])
def test_every_map_has_square_pixels(count: int, side: int):
    maps = np.random.default_rng(0).random((count, side, side))
    figure = grid_figure(maps, [str(k + 1) for k in range(count)], signed=side == 5)
    layout = figure.layout
    assert len(figure.data) == count
    for index, trace in enumerate(figure.data, start=1):
        suffix = "" if index == 1 else str(index)
        x_axis, y_axis = layout[f"xaxis{suffix}"], layout[f"yaxis{suffix}"]
        # Each map on its own pair of axes, its y scale tied to its x scale one to one.
        assert (trace.xaxis, trace.yaxis) == (f"x{suffix}", f"y{suffix}")
        assert y_axis.scaleanchor == f"x{suffix}" and y_axis.scaleratio == 1
        assert x_axis.constrain == "domain" and y_axis.constrain == "domain"
        assert y_axis.autorange == "reversed"  # Row 0 at the top, as in an image.
