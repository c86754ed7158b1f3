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


def test_each_kernel_figure_carries_its_words_for_screen_readers():
    from ui.charts.conv import described, grid_figure, image_figure, matrix_figure, pooling_figure

    image = np.zeros((12, 10))
    image[3, 8] = 240
    text = described(image_figure(image, "Input", box=(2, 4, 5), pixel=(6, 1)))
    assert text.startswith("Input: a grey picture of 10x12 pixels, values from 0 (black) to 240")
    assert "Outlined: the 5x5 patch from row 2, column 4." in text
    assert "Marked: the pixel at row 6, column 1" in text
    kernel = np.array([[0.5, -0.25], [1.0, 0.0]])
    assert described(matrix_figure(kernel, "Mine", ".3g", signed=True, first=(3, 7))) == (
        "Mine: 2x2 numbers, columns 7 to 8. row 3: 0.5, -0.25; row 4: 1, 0. 1 of them negative."
    )
    tile = np.array([[1.0, 9, 4, 2], [3, 5, 8, 6]])
    pooled = pooling_figure(tile, np.array([[[10, 21], [11, 22]]]), first=(10, 20))
    assert described(pooled).endswith("Circled, the value each square keeps: 9, 8.")
    maps = np.zeros((2, 4, 4))
    maps[1, 0, 0] = 0.75
    assert described(grid_figure(maps, ["1", "2"])).startswith(
        "2 feature maps of 4x4. Strongest value 0.75, in 2."
    )
