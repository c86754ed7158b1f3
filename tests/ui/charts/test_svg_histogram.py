"""The two-group histogram (ui/charts/svg_histogram.py): bars, counts, fills and alt text."""

from __future__ import annotations

import base64
import html
import re
import xml.etree.ElementTree as ElementTree

import numpy as np
import pytest

from ui.charts.svg_histogram import Group, count_ticks, histogram_svg

SVG = "{http://www.w3.org/2000/svg}"
GROUPS = [
    Group("digits", "#4F46E5", [0, 2, 7]),
    Group("others", "#F59E0B", [5, 3, 1], striped=True),
]


def _svg(chart: str) -> ElementTree.Element:
    (encoded,) = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', chart)
    return ElementTree.fromstring(base64.b64decode(encoded))


def _chart() -> str:
    return histogram_svg(
        GROUPS,
        [10, 40, 70, 100],
        title="Top probability",
        x_title="top probability (%)",
        y_title="pictures",
        band_names=["10-39%", "40-69%", "70-100%"],
    )


def test_each_band_gets_one_bar_per_group_with_its_count_above_it():
    svg = _svg(_chart())
    bars = [r for r in svg.iter(f"{SVG}rect") if r.get("stroke-width") == "1.5"]
    assert len(bars) == 6
    heights = [float(r.get("height")) for r in bars]
    # The bars' heights keep the counts' proportions (7 is 3.5 times 2).
    assert heights[2] == pytest.approx(3.5 * heights[1], rel=0.02) and heights[0] == 0
    written = [t.text for t in svg.iter(f"{SVG}text") if t.get("style")]
    assert written == ["0", "2", "7", "5", "3", "1"]


def test_the_two_groups_differ_in_fill_not_only_in_colour():
    chart = _chart()
    svg = _svg(chart)
    fills = {r.get("fill") for r in svg.iter(f"{SVG}rect") if r.get("stroke-width") == "1.5"}
    assert fills == {"#4F46E5", "url(#stripes1)"}
    assert len(list(svg.iter(f"{SVG}pattern"))) == 1
    assert "digits (solid)" in chart and "others (striped)" in chart


def test_the_alt_text_reads_every_bands_counts():
    alt = html.unescape(re.search(r'alt="([^"]*)"', _chart()).group(1))
    assert alt == (
        "Top probability. 10-39%: 0 digits, 5 others; 40-69%: 2 digits, 3 others; "
        "70-100%: 7 digits, 1 others"
    )


def test_counts_that_do_not_fit_the_bands_are_refused():
    with pytest.raises(ValueError):
        histogram_svg(GROUPS, [0, 50, 100], title="", x_title="", y_title="", band_names=["a", "b"])
    with pytest.raises(ValueError):
        histogram_svg(GROUPS, [0, 1, 2, 3], title="", x_title="", y_title="", band_names=["a"])


@pytest.mark.parametrize("highest", [1, 3, 9, 58, 60, 100, 1234])
def test_the_count_axis_has_whole_ticks_and_room_above_the_tallest_bar(highest):
    ticks = count_ticks(highest)
    assert ticks[0] == 0 and ticks[-1] >= highest * 1.05
    assert np.all(ticks == np.round(ticks)) and 3 <= len(ticks) <= 8
