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


def test_the_plotly_figures_carry_their_words_for_a_screen_reader():
    """ui.charts.described.plotly_described puts these beside the chart."""
    import numpy as np

    from ui.charts.described import words
    from ui.charts.figures import confusion_figure, curves_figure, network_figure
    from ui.charts.learning import error_by_degree_figure

    history = {"loss": [0.9, 0.4, 0.3], "val_loss": [0.8, 0.5, 0.45]}
    assert words(curves_figure(history, "loss", "Loss")) == (
        "The training loss fell from 0.90 to 0.30 over 3 epochs; "
        "the test loss fell from 0.80 to 0.45 over 3 epochs."
    )
    matrix = np.array([[4, 1], [0, 6]])
    assert "true b: 6 as b." in words(confusion_figure(matrix, ["a", "b"]))
    assert words(network_figure([3, 5, 2])).endswith(
        "hidden layer 1: 5 neurons, output: 2 neurons."
    )
    error = words(error_by_degree_figure([2, 4], [0.2, 0.1], [0.3, 0.6], 4))
    assert "lowest test error is at degree 2; the chosen degree is 4." in error
