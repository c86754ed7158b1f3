"""A student's settings survive a visit to other pages (AppTest through the app's router).

Each test sets widgets on one page, goes to other pages (with a second run on one of them,
as a student who moves a slider there), comes back, and finds its settings as it left
them: in Python, and sent to the browser (`set_value`), which otherwise shows the default.
test_settings_edge_cases.py has the cases where what was remembered no longer fits.
"""

from __future__ import annotations

import pytest

from tests.pages.navigation import (
    CASES,
    DRAW,
    HOME,
    INSIDE,
    IRIS,
    KERNELS,
    NEURONS,
    assert_kept,
    away_and_back,
    open_app,
    set_all,
    visit,
)
from ui.state import keys


@pytest.mark.parametrize("page", list(CASES), ids=lambda page: page.split("/")[-1][:-3])
def test_settings_survive_a_visit_to_other_pages(page: str, untrained_runs) -> None:
    at = open_app({keys.MNIST_RUNS: untrained_runs[:2]})
    visit(at, page)
    set_all(at, CASES[page])
    away = (HOME, KERNELS) if page == NEURONS else (DRAW, NEURONS)
    if page == DRAW:
        away = (INSIDE, HOME)
    # Three runs away, then two: a value handed back in one run is stored differently in the
    # next, and the browser must be told to show it either way.
    away_and_back(at, page, away)
    assert_kept(at, CASES[page])
    away_and_back(at, page, away[:1])
    assert_kept(at, CASES[page])


def test_the_page_computes_with_the_remembered_settings() -> None:
    """Not only the widgets: what the page shows comes from the kept values."""
    at = visit(open_app(), NEURONS)
    at.slider(key="neurons_bias").set_value(2.0).run()  # p = 0.8 + 2 = 2.8
    at.slider(key="neurons_hidden_layers").set_value(0).run()  # 4 inputs x 3 outputs
    away_and_back(at, NEURONS)
    shown = {metric.label: metric.value for metric in at.metric}
    assert shown["weighted sum p"] == "2.80"
    assert shown["weights (arrows)"] == "12"


def test_hidden_layer_sizes_come_back_with_their_layers() -> None:
    """`iris_neurons_3` exists only with three layers: it waits, hidden, until they return."""
    at = visit(open_app(), IRIS)
    set_all(at, {"iris_layers": ("slider", 3), "iris_neurons_2": ("slider", 5)})
    set_all(at, {"iris_neurons_3": ("slider", 64), "iris_layers": ("slider", 1)})
    assert len(at.slider) and not any(s.key == "iris_neurons_3" for s in at.slider)
    away_and_back(at, IRIS)
    assert at.slider(key="iris_layers").value == 1
    at.slider(key="iris_layers").set_value(3).run()
    assert not at.exception
    assert at.slider(key="iris_neurons_2").value == 5
    assert at.slider(key="iris_neurons_3").value == 64
