"""The Iris scatter drawn after every typed measurement (ui/charts/svg_scatter.py)."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ElementTree

import numpy as np
import pytest

from core.iris.data import FEATURES, SPECIES
from ui.charts.iris import SPECIES_COLOURS
from ui.charts.svg_axes import nice_ticks
from ui.charts.svg_scatter import CROSS_COLOUR, iris_scatter_svg

SVG = "{http://www.w3.org/2000/svg}"


def _svg(chart: str) -> ElementTree.Element:
    """The image's SVG, parsed: it must be well-formed XML or the browser shows nothing."""
    encoded = re.search(r'src="data:image/svg\+xml;base64,([^"]+)"', chart).group(1)
    return ElementTree.fromstring(base64.b64decode(encoded))


def _ticks(svg: ElementTree.Element, anchor: str) -> list[float]:
    return [
        float(t.text)
        for t in svg.iter(f"{SVG}text")
        if t.get("text-anchor") == anchor and "class" not in t.attrib
    ]


def test_every_flower_is_a_dot_in_its_species_colour_and_the_flower_a_cross():
    chart = iris_scatter_svg(FEATURES[2], FEATURES[3], (5.0, 1.3))
    svg = _svg(chart)
    groups = [g for g in svg.iter(f"{SVG}g")]
    assert [g.get("fill") for g in groups] == [SPECIES_COLOURS[name] for name in SPECIES]
    assert [len(list(g)) for g in groups] == [50, 50, 50]
    (cross,) = [p for p in svg.iter(f"{SVG}path") if p.get("stroke") == CROSS_COLOUR]
    assert cross.get("d").startswith("M")
    # The image's alt text, for screen readers: each species' cloud and the flower.
    assert "Your flower, the cross: petal length (cm) 5, petal width (cm) 1.3." in chart
    assert "50 setosa, petal length (cm) 1 to 1.9, petal width (cm) 0.1 to 0.6" in chart
    assert all(name in chart for name in SPECIES) and "your flower" in chart


def test_the_axes_stretch_to_show_a_flower_far_outside_the_data():
    usual = _svg(iris_scatter_svg(FEATURES[2], FEATURES[3], (5.0, 1.3)))
    assert max(_ticks(usual, "middle")) < 10
    far = _svg(iris_scatter_svg(FEATURES[2], FEATURES[3], (30.0, 0.0)))
    assert max(_ticks(far, "middle")) >= 30
    (cross,) = [p for p in far.iter(f"{SVG}path") if p.get("stroke") == CROSS_COLOUR]
    x = float(re.match(r"M([\d.]+),", cross.get("d")).group(1)) + 7
    assert x == pytest.approx(420 - 12, abs=1)  # At the right edge of the plot, not beyond.


def test_no_flower_and_a_missing_value_still_draw():
    assert "your flower" not in iris_scatter_svg(FEATURES[0], FEATURES[1])
    _svg(iris_scatter_svg(FEATURES[0], FEATURES[1], (float("nan"), 2.0)))


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(1.0, 6.9, [0, 2, 4, 6, 8]), (0.1, 2.5, [0, 0.5, 1, 1.5, 2, 2.5]), (3.0, 3.0, None)],
)
def test_ticks_are_round_numbers_that_cover_the_data(low, high, expected):
    ticks = nice_ticks(low, high)
    assert ticks[0] <= low and ticks[-1] >= high and len(ticks) >= 2
    steps = np.diff(ticks)
    assert np.allclose(steps, steps[0])
    if expected is not None:
        assert ticks.tolist() == expected
