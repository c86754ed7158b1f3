"""The charts' colours: apart for every student, and visible on the white page (issue 31).

(a) Every pair of colours drawn together in one chart stays apart under simulated
protanopia and deuteranopia (Machado et al. 2009, severity 1.0: no working L or M cones, the
hardest case) and normal vision: CIEDE2000 of at least MIN_DIFFERENCE. Why 12: one unit is
about the smallest difference seen between large patches side by side; chart marks are
small dots and thin lines, for which the difference needed grows several-fold with shrinking
size (Stone, Szafir and Setlur 2014, "An engineering model for color difference as a
function of size"). 12 is well clear of that and is met by the Okabe-Ito palette, designed
for colour-blind readers, that the run comparison and the class board use. The pairs also
differ in shape, dash or text (checked where each chart is tested): colour is a second cue.
(b) Every mark colour has at least 3:1 contrast against the white page (WCAG 2.1 SC 1.4.11).
(c) Every text colour has at least 4.5:1 (SC 1.4.3).

Grid lines and the network diagram's connecting lines are left out on purpose: they are
decoration, the chart reads without them (SC 1.4.11 exempts them).
"""

from __future__ import annotations

import itertools

import pytest

from tests.ui.charts.colour_vision import VISIONS, ciede2000, contrast, difference
from ui.charts import backprop, conv, html_bars, learning, svg_axes, svg_scatter
from ui.charts.figures import LOSE_COLOUR, TEST_COLOUR, TRAIN_COLOUR, WIN_COLOUR
from ui.charts.iris import SPECIES_COLOURS
from ui.charts.run_overlay import STYLES
from ui.class_board.board_chart import GROUP_LOOK, MINE_COLOUR

MIN_DIFFERENCE = 12.0
MARKS, TEXT = 3.0, 4.5
BACKGROUND = "#FFFFFF"

# Colours drawn together, chart by chart: every pair within a set must stay apart.
SHOWN_TOGETHER = {
    "training and test curves, closing histogram, activation": [TRAIN_COLOUR, TEST_COLOUR],
    "probability bars, right answer": [html_bars.BAR_COLOUR, WIN_COLOUR],
    "probability bars, wrong answer": [html_bars.BAR_COLOUR, LOSE_COLOUR],
    "loss against the weight": [
        learning.CURVE_COLOUR,
        TRAIN_COLOUR,
        learning.FIT_COLOUR,
        TEST_COLOUR,
        learning.BEST_COLOUR,
    ],
    "polynomial fit": [learning.CURVE_COLOUR, learning.FIT_COLOUR, TRAIN_COLOUR, TEST_COLOUR],
    "error against degree": [TRAIN_COLOUR, TEST_COLOUR, learning.BEST_COLOUR],
    "iris scatter with the student's flower": [
        *SPECIES_COLOURS.values(),
        svg_scatter.CROSS_COLOUR,
    ],
    "kernel outlines": [conv.BOX_COLOUR, conv.WINNER_COLOUR],
    "backpropagation network": [backprop.NEURON, backprop.INPUT],
    "runs compared": [style.colour for style in STYLES],
    "class board": sorted({colour for colour, _ in GROUP_LOOK.values()} | {MINE_COLOUR}),
}
MARK_COLOURS = sorted({colour for colours in SHOWN_TOGETHER.values() for colour in colours})
TEXT_COLOURS = [svg_axes.TEXT_COLOUR]
PAIRS = [
    (chart, first, second)
    for chart, colours in SHOWN_TOGETHER.items()
    for first, second in itertools.combinations(colours, 2)
]


@pytest.mark.parametrize(("chart", "first", "second"), PAIRS)
@pytest.mark.parametrize("vision", list(VISIONS))
def test_colours_shown_together_stay_apart(chart: str, first: str, second: str, vision: str):
    seen = difference(first, second, vision)
    assert seen >= MIN_DIFFERENCE, f"{chart}: {first} and {second} under {vision}: {seen:.1f}"


@pytest.mark.parametrize("colour", MARK_COLOURS)
def test_every_mark_stands_out_from_the_white_page(colour: str):
    assert contrast(colour, BACKGROUND) >= MARKS, f"{colour}: {contrast(colour):.2f}:1"


@pytest.mark.parametrize("colour", TEXT_COLOURS)
def test_chart_text_is_readable(colour: str):
    assert contrast(colour, BACKGROUND) >= TEXT, f"{colour}: {contrast(colour):.2f}:1"


def test_the_checks_can_fail():
    """The measures on known cases: red and green merge for a deuteranope, amber is faint."""
    assert difference("#DC2626", "#16A34A") > 50  # Far apart with normal vision ...
    assert difference("#DC2626", "#16A34A", "deuteranopia") < MIN_DIFFERENCE  # ... not here.
    assert contrast("#F59E0B") < MARKS  # The old test colour.
    assert contrast("#000000") == pytest.approx(21.0)
    assert contrast("#777777") == pytest.approx(4.48, abs=0.01)  # WCAG's well-known 4.48:1.
    # Sharma et al.'s test pair 1: (50, 2.6772, -79.7751) and (50, 0, -82.7485) give 2.0425.
    assert ciede2000((50, 2.6772, -79.7751), (50, 0, -82.7485)) == pytest.approx(2.0425, abs=1e-4)
