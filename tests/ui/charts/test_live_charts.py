"""The live charts are hand-written HTML/SVG on every page: no Vega-Lite chart, no switch."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from ui.charts.html_bars import clipped


def test_probabilities_are_clipped_once_for_every_chart() -> None:
    shown = clipped([float("nan"), -0.2, 0.4, 1.7])
    assert shown.tolist() == [0.0, 0.0, 0.4, 1.0]


def test_the_iris_page_measures_a_flower_with_html_and_svg_charts() -> None:
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("app_pages/iris.py").run()
    at.slider(key="iris_epochs").set_value(2).run()
    at.button(key="iris_train").click().run()
    assert not at.exception, [e.message for e in at.exception]
    at.number_input(key="iris_measure_2").set_value(5.0).run()
    assert not at.exception
    bars = [h for h in at.html if "pbars" in h.value]
    scatter = [h for h in at.html if "svgchart" in h.value and "Your flower, the cross" in h.value]
    assert bars and scatter and not at.get("vega_lite_chart")
