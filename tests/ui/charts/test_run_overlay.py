"""Several runs on one chart (ui/charts/run_overlay.py): told apart by colour, dash and marker."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ElementTree

from core.basics.run_curves import run_curve
from ui.charts.run_overlay import STYLES, overlay_svg

SVG = "{http://www.w3.org/2000/svg}"


def _images(chart: str) -> list[ElementTree.Element]:
    encoded = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', chart)
    return [ElementTree.fromstring(base64.b64decode(e)) for e in encoded]


def _runs():
    epochs = run_curve(
        "Run 2: 12 epochs x 30 steps", {"loss": [1.2 - 0.08 * i for i in range(12)]}, "loss", 12
    )
    batches = [(i, 2.4 - 0.04 * i) for i in range(1, 48)]
    one = run_curve("Run 4: 6,000 examples, 1 epoch", {"loss": [0.52]}, "loss", 1, batches, 47)
    return epochs, one


def test_each_run_is_a_line_with_its_own_colour_dash_and_marker() -> None:
    epochs, one = _runs()
    chart = overlay_svg([epochs, one], "loss", [1, 3])
    chart_svg, *samples = _images(chart)
    lines = list(chart_svg.iter(f"{SVG}polyline"))
    assert len(lines) == 2
    assert [line.get("stroke") for line in lines] == [STYLES[1].colour, STYLES[3].colour]
    assert [line.get("stroke-dasharray") for line in lines] == [STYLES[1].dash, STYLES[3].dash]
    assert len({(s.colour, s.dash, s.marker) for s in STYLES}) == len(STYLES)
    assert len({s.dash for s in STYLES}) == len(STYLES)  # Without colour: by dash alone.
    # A square per epoch of the 12-epoch run; a few diamonds along the 47-batch curve.
    assert len([r for r in chart_svg.iter(f"{SVG}rect") if r.get("fill") == STYLES[1].colour]) == 12
    diamonds = [p for p in chart_svg.iter(f"{SVG}polygon") if p.get("fill") == STYLES[3].colour]
    assert 2 < len(diamonds) < 47
    # The legend draws each run's sample line in the same style, beside its label.
    assert len(samples) == 2
    assert samples[1].find(f"{SVG}line").get("stroke-dasharray") == STYLES[3].dash
    assert "Run 2: 12 epochs x 30 steps" in chart and "Run 4: 6,000 examples, 1 epoch" in chart


def test_the_axis_runs_from_0_to_the_longest_run_and_the_alt_text_names_each_end() -> None:
    epochs, one = _runs()
    chart = overlay_svg([epochs, one], "loss", [1, 3])
    chart_svg = _images(chart)[0]
    ticks = [
        float(t.text)
        for t in chart_svg.iter(f"{SVG}text")
        if t.get("text-anchor") == "middle" and "class" not in t.attrib
    ]
    assert ticks[0] == 0 and ticks[-1] >= 12
    assert 'alt="Training loss of each run, against epochs trained: Run 2 ends at 0.32; ' in chart
    assert "Run 4 ends at 0.52" in chart


def test_accuracy_is_drawn_in_percent() -> None:
    curve = run_curve("Run 1: a", {"val_accuracy": [0.5, 0.75, 0.8]}, "val_accuracy", 3)
    chart = overlay_svg([curve], "val_accuracy")
    labels = [t.text for t in _images(chart)[0].iter(f"{SVG}text") if t.get("text-anchor") == "end"]
    assert labels[0] == "0%" and labels[-1] == "100%"
    assert "Run 1 ends at 80%" in chart
