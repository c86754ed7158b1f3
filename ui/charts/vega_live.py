"""The live charts through Streamlit's own Vega-Lite charts, to measure against the HTML/SVG ones.

The probability bars, the training curves and the scatter with the student's flower are
redrawn after every stroke, keystroke or half second of training. The hand-written HTML/SVG
versions (ui/charts/html_bars.py, ui/charts/svg_*.py) were measured against plotly, which
mounts a new chart for every update. Streamlit's Vega-Lite element keeps its view and only
swaps the data when the spec stays the same, so each spec here is fixed for a chart's whole
life (no data, titles or domains that change with the values) and the values travel as a data
frame. How they compared in a class of ten: docs/load-test.md.

`WORKSHOP_LIVE_CHARTS=vega` switches the pages to these (default `svg`), so the load test can
run both on the same code (the load test passes its environment on to the server):
`WORKSHOP_LIVE_CHARTS=vega python -m devtools.load_test`.
"""

from __future__ import annotations

import os
from collections.abc import Sequence

import numpy as np
import pandas as pd

from ui.charts.figures import LOSE_COLOUR, TEST_COLOUR, TRAIN_COLOUR, WIN_COLOUR
from ui.charts.html_bars import BAR_COLOUR

VARIABLE = "WORKSHOP_LIVE_CHARTS"


def live_charts() -> str:
    """'vega' or 'svg' (the default): which live charts the pages draw."""
    return "vega" if os.environ.get(VARIABLE, "").strip().lower() == "vega" else "svg"


def probability_spec(title: str, labels: Sequence[str]) -> dict:
    """Bars of 0-100% per class, coloured by a 'state' column (other, winner, wrong winner)."""
    return {
        "title": title,
        "height": 190,
        "layer": [
            {
                "mark": {"type": "bar", "cornerRadiusTopLeft": 3, "cornerRadiusTopRight": 3},
                "encoding": {
                    "color": {
                        "field": "state",
                        "type": "nominal",
                        "scale": {
                            "domain": ["other", "winner", "wrong"],
                            "range": [BAR_COLOUR, WIN_COLOUR, LOSE_COLOUR],
                        },
                        "legend": None,
                    }
                },
            },
            {
                "mark": {"type": "text", "dy": -6, "fontSize": 11},
                "encoding": {"text": {"field": "shown", "type": "nominal"}},
            },
        ],
        "encoding": {
            "x": {
                "field": "label",
                "type": "ordinal",
                "sort": list(labels),
                "title": None,
                "axis": {"labelAngle": 0},
            },
            "y": {
                "field": "probability",
                "type": "quantitative",
                "scale": {"domain": [0, 1]},
                "axis": {"format": "%", "tickCount": 4},
                "title": None,
            },
        },
    }


def probability_data(
    probabilities: Sequence[float], labels: Sequence[str], truth: int | None = None
) -> pd.DataFrame:
    """One row per class: its probability, its percentage as text, and its colour state."""
    values = np.clip(np.nan_to_num(np.asarray(probabilities, dtype=float)), 0.0, 1.0)
    asked = bool(values.max() > 0)
    winner = int(values.argmax())
    states = ["other"] * len(values)
    if asked:
        states[winner] = "wrong" if truth is not None and truth != winner else "winner"
    return pd.DataFrame(
        {
            "label": [str(label) for label in labels],
            "probability": values,
            "shown": [f"{v:.0%}" if asked else "" for v in values],
            "state": states,
        }
    )


def curves_spec(title: str, x_title: str, total: float, percent: bool) -> dict:
    """Lines of one metric ('training data', 'test data') on an x axis fixed to the training."""
    y: dict = {"field": "value", "type": "quantitative", "title": title.lower()}
    if percent:
        y |= {"scale": {"domain": [0, 1]}, "axis": {"format": "%"}}
    return {
        "title": title,
        "height": 220,
        "mark": {"type": "line", "strokeWidth": 2.5},
        "encoding": {
            "x": {
                "field": "x",
                "type": "quantitative",
                "scale": {"domain": [0, max(float(total), 1.0)]},
                "title": x_title,
            },
            "y": y,
            "color": {
                "field": "line",
                "type": "nominal",
                "scale": {
                    "domain": ["training data", "test data"],
                    "range": [TRAIN_COLOUR, TEST_COLOUR],
                },
                "legend": {"orient": "bottom", "title": None},
            },
        },
    }


def curves_data(lines: dict[str, tuple[Sequence[float], Sequence[float]]]) -> pd.DataFrame:
    """{'training data': (xs, ys), ...} as long-format rows; non-finite points are left out."""
    rows = [
        (name, float(x), float(y))
        for name, (xs, ys) in lines.items()
        for x, y in zip(xs, ys, strict=True)
        if np.isfinite(x) and np.isfinite(y)
    ]
    return pd.DataFrame(rows, columns=["line", "x", "value"])


def scatter_spec(x_feature: str, y_feature: str, species: Sequence[str]) -> dict:
    """The flowers by species, and the student's flower as a cross (the 'kind' column)."""
    from ui.charts.iris import SPECIES_COLOURS

    domain = [*species, "your flower"]
    return {
        "height": 300,
        "mark": {"type": "point", "filled": True, "size": 60},
        "encoding": {
            "x": {"field": "x", "type": "quantitative", "scale": {"zero": False}},
            "y": {"field": "y", "type": "quantitative", "scale": {"zero": False}},
            "color": {
                "field": "kind",
                "type": "nominal",
                "scale": {
                    "domain": domain,
                    "range": [*(SPECIES_COLOURS[s] for s in species), "#111827"],
                },
                "legend": {"orient": "bottom", "title": None},
            },
            "shape": {
                "field": "kind",
                "type": "nominal",
                "scale": {"domain": domain, "range": ["circle"] * len(species) + ["cross"]},
                "legend": None,
            },
        },
        "config": {"axisX": {"title": x_feature}, "axisY": {"title": y_feature}},
    }
