"""The example table's commentary (core/digits/workshop_reading.py), computed from the
pictures, the published tables and a network's probabilities."""

from __future__ import annotations

import numpy as np
import pytest

from core.digits import workshop_examples as workshop
from core.digits import workshop_reading as wr
from tests.core.digits.made_up_networks import SEVEN_RIGHT, network

WORKSHOP_WITHOUT = (
    "The workshop's run without INVERT got **4 of 9** right: the 2 and 5 confidently, the 3 "
    "(58%) and 7 (65%) with a low probability. Wrong: the 1, 4, 6, 8 and 9."
)
WORKSHOP_WITH = (
    "The workshop's run with INVERT got **8 of 9** right: the 2, 3, 4, 5, 6, 7 and 8 "
    "confidently, the 1 (71%) with a low probability. Wrong: the 9."
)


def test_the_published_tables_read_as_the_workshop_reads_them():
    without, with_invert = wr.published_reading(False), wr.published_reading(True)
    assert [a.name for a in without.confident] == ["2", "5"]
    assert [(a.name, a.percent) for a in without.unsure] == [("3", 58), ("7", 65)]
    assert [a.name for a in without.wrong] == ["1", "4", "6", "8", "9"]
    assert len(with_invert.right) == 8
    assert [(a.name, a.percent) for a in with_invert.unsure] == [("1", 71)]
    assert [(a.name, a.digit, a.percent) for a in with_invert.wrong] == [("9", 0, 81)]
    for invert, found in ((False, without), (True, with_invert)):  # Same count as the table's.
        assert len(found.right) == workshop.digits_right(workshop.published(invert))
    assert wr.reading_sentence(without, "The workshop's run without INVERT") == WORKSHOP_WITHOUT
    assert wr.reading_sentence(with_invert, "The workshop's run with INVERT") == WORKSHOP_WITH


def test_a_made_up_network_with_seven_of_nine_right():
    found = wr.reading(SEVEN_RIGHT)
    assert len(found.answers) == 9  # The dog is no digit and is not read.
    assert [a.name for a in found.confident] == ["1", "2", "5", "6", "7"]
    assert [(a.name, a.percent) for a in found.unsure] == [("3", 52), ("8", 79)]
    assert [(a.name, a.digit) for a in found.wrong] == [("4", 9), ("9", 4)]
    assert wr.reading_sentence(found, "Your network") == (
        "Your network got **7 of 9** right: the 1, 2, 5, 6 and 7 confidently, the 3 (52%) "
        "and 8 (79%) with a low probability. Wrong: the 4 and 9."
    )
    assert wr.comparison_sentence(found, wr.published_reading(False)) == (
        "Right in both: the 2, 3, 5 and 7. Only yours: the 1, 6 and 8."
    )
    same = wr.reading(network({"2": (2, 0.6), "5": (5, 0.9), "3": (3, 0.9), "7": (7, 0.7)}))
    assert wr.comparison_sentence(same, wr.published_reading(False)) == (
        "Right in both: the 2, 3, 5 and 7, and no others."
    )
    assert wr.comparison_sentence(wr.reading(network({})), wr.reading(network({}))) == (
        "Neither got any right."
    )


def test_none_right_and_all_right():
    nothing = wr.reading(network({}))  # Every picture called a 0.
    assert wr.reading_sentence(nothing, "Yours") == (
        "Yours got **0 of 9** right. Wrong: the 1, 2, 3, 4, 5, 6, 7, 8 and 9."
    )
    everything = wr.reading(network({n: (int(n), 0.9) for n in workshop.NAMES[:9]}))
    assert wr.reading_sentence(everything, "Yours") == (
        "Yours got **9 of 9** right: the 1, 2, 3, 4, 5, 6, 7, 8 and 9 confidently. Wrong: none."
    )


def test_the_paragraph_reads_the_matching_run_or_both():
    with_run = wr.reading_paragraph(SEVEN_RIGHT, invert=True)
    assert with_run.startswith(WORKSHOP_WITH + "\n\nYour network got **7 of 9** right")
    assert with_run.endswith(
        "Right in both: the 1, 2, 3, 5, 6, 7 and 8. Only the workshop's: the 4."
    )
    from_a_file = wr.reading_paragraph(SEVEN_RIGHT, invert=None)
    assert from_a_file.startswith(f"{WORKSHOP_WITHOUT}\n\n{WORKSHOP_WITH}\n\nYour network got")
    assert "Right in both" not in from_a_file  # Which run to compare with is not known.


def test_a_table_of_the_wrong_shape_is_refused():
    with pytest.raises(ValueError, match="10 rows of ten"):
        wr.reading(np.zeros((9, 10)))


def test_the_strengths_and_weaknesses_are_counted_not_promised():
    """The workshop's "same strengths and weaknesses", as the number of digits alike."""
    beside_plain = wr.strengths_sentence(SEVEN_RIGHT, invert=False)
    # Without INVERT the workshop got the 2, 3, 5, 7 right; SEVEN_RIGHT also the 1, 6, 8.
    assert beside_plain.endswith(
        "its run without INVERT are right or wrong alike on **6 of 9** digits."
    )
    assert "“the same strengths and weaknesses”" in beside_plain
    # With INVERT the workshop got all but the 9: alike on everything but the 4.
    assert "**8 of 9**" in wr.strengths_sentence(SEVEN_RIGHT, invert=True)
    # The workshop's own run is alike with itself on all nine, and unlike the other run.
    own = workshop.published(True) / 100.0
    assert "**9 of 9**" in wr.strengths_sentence(own, invert=True)
    from_a_file = wr.strengths_sentence(own, invert=None)
    assert from_a_file == (
        "Like which of the workshop's runs? Right or wrong alike on **5 of 9** digits with its "
        "run without INVERT, on **9 of 9** with its run with INVERT."
    )
