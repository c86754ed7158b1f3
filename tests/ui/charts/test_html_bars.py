"""The live probability bars (ui/charts/html_bars.py): what they say, and what they refuse."""

from __future__ import annotations

import re

import numpy as np
import pytest

from ui.charts.figures import LOSE_COLOUR, WIN_COLOUR
from ui.charts.html_bars import BAR_COLOUR, probability_html

DIGITS = [str(d) for d in range(10)]


def _colours(chart: str) -> list[str]:
    return re.findall(r"background:(#[0-9A-Fa-f]{6})", chart)


def test_the_winner_is_green_and_every_bar_has_its_percentage():
    p = np.full(10, 0.02)
    p[7] = 0.82
    chart = probability_html(p, DIGITS, "Probability of each digit")
    colours = _colours(chart)
    assert colours[7] == WIN_COLOUR and colours.count(BAR_COLOUR) == 9
    assert re.findall(r'pbar-value">([^<]*)<', chart) == ["2%"] * 7 + ["82%", "2%", "2%"]
    # The label reads the likeliest first, then every class of 1% or more.
    assert 'aria-label="Probability of each digit. 7: 82%, 0: 2%, 1: 2%' in chart
    assert "9: 2%." in chart


def test_a_wrong_winner_is_red_when_the_truth_is_known():
    chart = probability_html([0.1, 0.7, 0.2], ["setosa", "versicolor", "virginica"], "t", truth=2)
    assert _colours(chart)[1] == LOSE_COLOUR
    assert "✗ 70%" in chart and "Wrong: the answer is virginica." in chart  # Not colour alone.


def test_nothing_asked_yet_draws_empty_bars_without_a_winner():
    chart = probability_html(np.zeros(10), DIGITS, "Probability of each digit")
    assert set(_colours(chart)) == {BAR_COLOUR}
    assert "%" not in chart.split("</style>")[1].split('aria-label="')[0]
    assert "Nothing asked yet" in chart


def test_bad_numbers_are_clipped_and_labels_escaped():
    chart = probability_html([np.nan, 2.0, -1.0], ["<b>", "a&b", '"q"'], "x < y")
    assert "<b>" not in chart.split("</style>")[1] and "&lt;b&gt;" in chart
    heights = [float(h) for h in re.findall(r"height:([0-9.]+)px;background", chart)]
    assert heights[0] == 0 and heights[2] == 0 and 0 < heights[1] < 190


def test_labels_and_probabilities_must_match():
    with pytest.raises(ValueError, match="3 probabilities for 2 labels"):
        probability_html([0.2, 0.3, 0.5], ["a", "b"], "t")
