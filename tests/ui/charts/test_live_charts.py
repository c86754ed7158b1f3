"""The live charts drawn through Vega-Lite: a spec that never changes with the values.

Streamlit's Vega-Lite element swaps only the data when the spec stays the same, which is what
makes a redraw cheap for the browser; so the specs must not depend on the numbers shown.
"""

from __future__ import annotations

import json

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from ui.charts import vega_live

DIGITS = [str(d) for d in range(10)]


def test_the_switch_defaults_to_the_hand_written_charts(monkeypatch) -> None:
    monkeypatch.delenv(vega_live.VARIABLE, raising=False)
    assert vega_live.live_charts() == "svg"
    monkeypatch.setenv(vega_live.VARIABLE, " Vega ")
    assert vega_live.live_charts() == "vega"


def test_probability_bars_mark_the_winner_and_keep_their_spec() -> None:
    spec = json.dumps(vega_live.probability_spec("Probability of each digit", DIGITS))
    data = vega_live.probability_data(np.eye(10)[7] * 0.9 + 0.01, DIGITS, truth=3)
    assert list(data["state"]).count("wrong") == 1 and data["state"][7] == "wrong"
    assert data["shown"][7] == "91%"
    nothing = vega_live.probability_data(np.zeros(10), DIGITS)
    assert set(nothing["state"]) == {"other"} and set(nothing["shown"]) == {""}
    # Values never reach the spec: the same spec serves every update.
    assert json.dumps(vega_live.probability_spec("Probability of each digit", DIGITS)) == spec
    assert "0.91" not in spec


def test_curves_drop_points_that_blew_up() -> None:
    data = vega_live.curves_data({"training data": ([1, 2, 3], [0.5, float("nan"), 0.2])})
    assert list(data["x"]) == [1.0, 3.0]
    spec = vega_live.curves_spec("Loss", "epoch", 10, percent=False)
    assert spec["encoding"]["x"]["scale"]["domain"] == [0, 10.0]


@pytest.mark.parametrize("charts", ["svg", "vega"])
def test_the_iris_page_measures_a_flower_with_either_chart(monkeypatch, charts: str) -> None:
    monkeypatch.setenv(vega_live.VARIABLE, charts)
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120).run()
    at.switch_page("app_pages/iris.py").run()
    at.slider(key="iris_epochs").set_value(2).run()
    at.button(key="iris_train").click().run()
    assert not at.exception, [e.message for e in at.exception]
    at.number_input(key="iris_measure_2").set_value(5.0).run()
    assert not at.exception
    vega = at.get("vega_lite_chart")
    bars = [h for h in at.html if "pbars" in h.value]
    if charts == "vega":
        assert len(vega) >= 2 and not bars  # The bars and the scatter.
    else:
        assert bars and not vega
