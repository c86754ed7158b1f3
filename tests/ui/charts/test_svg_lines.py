"""The live training curves (ui/charts/svg_lines.py): what they draw while a network trains."""

from __future__ import annotations

import base64
import re
import xml.etree.ElementTree as ElementTree

from core.engine.progress import CurvePoint
from ui.charts.svg_lines import MARKERS_UP_TO, Line, epoch_curves, lines_svg
from ui.charts.svg_lines import batch_curves_svg as batch_curves

SVG = "{http://www.w3.org/2000/svg}"


def _svgs(chart: str) -> list[ElementTree.Element]:
    encoded = re.findall(r'src="data:image/svg\+xml;base64,([^"]+)"', chart)
    return [ElementTree.fromstring(base64.b64decode(e)) for e in encoded]


def _labels(svg: ElementTree.Element, anchor: str) -> list[str]:
    return [
        t.text
        for t in svg.iter(f"{SVG}text")
        if t.get("text-anchor") == anchor and "class" not in t.attrib
    ]


def test_epoch_curves_draw_training_and_test_lines_with_a_dot_per_epoch():
    history = {"loss": [1.1, 0.8, 0.6], "val_loss": [1.0, 0.9, 0.7]}
    chart = epoch_curves(history, "loss", epochs=10)
    (svg,) = _svgs(chart)
    lines = list(svg.iter(f"{SVG}polyline"))
    assert len(lines) == 2 and len(list(svg.iter(f"{SVG}circle"))) == 6
    assert float(_labels(svg, "middle")[-1]) >= 10  # The axis spans every epoch to come.
    assert "training data" in chart and "test data" in chart
    assert (
        'alt="Loss. The training loss fell from 1.10 to 0.60 over 3 epochs; the test loss '
        'fell from 1.00 to 0.70 over 3 epochs."' in chart
    )


def test_accuracy_is_in_percent_from_0_to_100():
    (svg,) = _svgs(epoch_curves({"accuracy": [0.5, 0.9]}, "accuracy", epochs=5))
    labels = _labels(svg, "end")
    assert labels[0] == "0%" and labels[-1] == "100%"
    assert len(list(svg.iter(f"{SVG}polyline"))) == 1  # No test data yet: one line.


def test_long_curves_skip_dots_and_values_that_blew_up():
    ys = [2.0 - i / 100 for i in range(MARKERS_UP_TO + 10)]
    ys[5] = float("nan")
    ys[6] = float("inf")
    (svg,) = _svgs(lines_svg([Line("loss", "#000000", range(len(ys)), ys)], title="t",
                             x_title="x", y_title="y", x_range=(0, 100)))  # fmt: skip
    (line,) = svg.iter(f"{SVG}polyline")
    assert len(line.get("points").split()) == len(ys) - 2
    assert not list(svg.iter(f"{SVG}circle"))


def test_before_the_first_batch_the_charts_are_empty_axes():
    chart = batch_curves((), total_batches=469)
    loss, accuracy = _svgs(chart)
    assert not list(loss.iter(f"{SVG}polyline")) and not list(accuracy.iter(f"{SVG}polyline"))
    assert _labels(loss, "end")[-1] == "1" and _labels(accuracy, "end")[-1] == "100%"
    assert chart.count("No batch trained yet.") == 2


def test_the_mnist_curves_grow_along_the_whole_training():
    curve = [CurvePoint(10, 2.2, 0.2), CurvePoint(20, 1.5, 0.5), CurvePoint(30, 1.0, 0.7)]
    loss, _ = _svgs(batch_curves(curve, total_batches=469))
    assert float(_labels(loss, "middle")[-1]) >= 469
    (line,) = loss.iter(f"{SVG}polyline")
    last_x = float(line.get("points").split()[-1].split(",")[0])
    assert last_x < 100  # 30 of 469 batches: near the left edge, with room to grow.
    assert not list(loss.iter(f"{SVG}circle"))  # A line that grows, without dots that vanish.
