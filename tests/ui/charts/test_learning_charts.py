"""The over-fitting chart's log axis (ui/charts/learning.py): ticks written out in full,
1, 2 and 5 times each power of ten, never plotly's lone leading digits ("5, 2, 1, 5, 2, 0.1")."""

from __future__ import annotations

import pytest

from core.basics.overfitting import errors_by_degree, make_data
from ui.charts.learning import error_by_degree_figure, log_ticks, tick_label

DEGREES = range(1, 16)


def test_ticks_are_one_two_five_and_written_in_full():
    ticks = log_ticks(0.028, 3.96)
    assert [tick_label(t) for t in ticks] == ["0.02", "0.05", "0.1", "0.2", "0.5", "1", "2", "5"]
    assert [tick_label(t) for t in log_ticks(0.15, 0.4)] == ["0.1", "0.2", "0.5"]
    # Over more than four powers of ten, the powers alone.
    wide = [tick_label(t) for t in log_ticks(2e-6, 3000)]
    assert wide == [
        "0.000001",
        "0.00001",
        "0.0001",
        "0.001",
        "0.01",
        "0.1",
        "1",
        "10",
        "100",
        "1,000",
        "10,000",
    ]
    with pytest.raises(ValueError, match="0 < low <= high"):
        log_ticks(0.0, 1.0)


@pytest.mark.parametrize("seed", [0, 5, 999])
def test_the_error_chart_labels_every_tick_unambiguously(seed):
    train, test = errors_by_degree(make_data(seed=seed), DEGREES)
    axis = error_by_degree_figure(DEGREES, train, test, 7).layout.yaxis
    values, labels = list(axis.tickvals), list(axis.ticktext)
    assert axis.type == "log" and axis.title.text == "mean squared error (log scale)"
    assert values == sorted(values) and len(set(labels)) == len(labels)
    assert [float(label.replace(",", "")) for label in labels] == pytest.approx(values)
    lowest, highest = min(train.min(), test.min()), max(train.max(), test.max())
    assert values[0] <= lowest and values[-1] >= highest  # Every error lies between two ticks.


def test_an_error_of_zero_leaves_the_other_ticks():
    """A perfect fit has no place on a log axis: the chart still draws, ticks for the rest."""
    axis = error_by_degree_figure(range(1, 4), [0.0, 0.05, 0.2], [0.1, 0.3, 2.0], 2).layout.yaxis
    assert list(axis.ticktext) == ["0.05", "0.1", "0.2", "0.5", "1", "2"]
