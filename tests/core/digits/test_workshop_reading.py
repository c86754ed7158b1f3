"""The example table's commentary (core/digits/workshop_reading.py), computed from the
pictures, the published tables and a network's probabilities."""

from __future__ import annotations

import numpy as np
import pytest

from core.digits import workshop_examples as workshop
from core.digits import workshop_reading as wr
from core.digits.workshop_examples import WorkshopPicture

WORKSHOP_WITHOUT = (
    "The workshop's run without INVERT got **4 of 9** right: the 2 and 5 confidently, the 3 "
    "(58%) and 7 (65%) with a low probability. Wrong: the 1, 4, 6, 8 and 9."
)
WORKSHOP_WITH = (
    "The workshop's run with INVERT got **8 of 9** right: the 2, 3, 4, 5, 6, 7 and 8 "
    "confidently, the 1 (71%) with a low probability. Wrong: the 9."
)


def network(answers: dict[str, tuple[int, float]]) -> np.ndarray:
    """Made-up (10, 10) probabilities: for each picture, its answer and how sure, the rest
    spread evenly; pictures not named answer 0 at 50%."""
    table = np.zeros((10, 10))
    for row, name in enumerate(workshop.NAMES):
        digit, sure = answers.get(name, (0, 0.5))
        table[row] = (1 - sure) / 9
        table[row, digit] = sure
    return table


# Seven of nine right: five confidently, the 3 and the 8 unsure; the 4 and 9 wrong.
SEVEN_RIGHT = network(
    {
        "1": (1, 0.93),
        "2": (2, 0.88),
        "3": (3, 0.52),
        "4": (9, 0.61),
        "5": (5, 0.999),
        "6": (6, 0.8),
        "7": (7, 0.97),
        "8": (8, 0.794),  # Rounds to 79%: unsure, as the table shows it.
        "9": (4, 0.45),
        "dog": (3, 0.3),
    }
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


def test_the_notes_go_under_the_5_the_9_and_the_dog():
    notes = wr.row_notes(SEVEN_RIGHT, invert=False)
    assert [name for name, note in zip(workshop.NAMES, notes, strict=True) if note] == [
        "5",
        "9",
        "dog",
    ]
    assert notes[4] == (
        "The 5 is the only light-on-dark digit of the nine: light ink on dark paper (the paper "
        "0% bright, the ink up to 100%), the way round MNIST's own digits are. So a network "
        "trained without invert has seen pictures like it: the workshop's run without INVERT "
        "said 5 (100%). Yours says 5 (100%)."
    )
    assert notes[9] == (
        "The dog is not a digit, yet the network still picks one: yours says 3 (30%), the "
        "workshop's said 2 (51%)."
    )
    assert "said 2 (51%) without INVERT and 8 (23%) with it." in wr.row_notes(SEVEN_RIGHT, None)[9]


def test_the_9s_note_says_what_makes_it_unlike_mnist():
    note = wr.row_notes(SEVEN_RIGHT, invert=True)[8]
    assert note == (
        "The 9 does not look like the training data: its paper is grey, 49% bright (the "
        "greyest of the nine digits' papers), and uneven (6% to 70% at the edge); its marks "
        "are both darker (38% of its pixels) and lighter (12%) than that paper, at most 45% of "
        "the range away. Every MNIST digit is light ink on black paper, at least 80% of the "
        "range apart, so neither MNIST nor its inverted copies look like this. The workshop's "
        "run with INVERT said 0 (81%): “it doesn't really represent the training data set”. "
        "Yours says 4 (45%)."
    )


def swapped(light: str | None = None, both: str | None = None) -> tuple[WorkshopPicture, ...]:
    """The workshop's pictures with `light` turned white on black, and `both` given grey
    paper with marks either way: what the sentences say follows the pixels."""
    pictures = list(workshop.pictures())
    for name, kind in ((light, "light"), (both, "both")):
        if name is None:
            continue
        index = workshop.NAMES.index(name)
        if kind == "light":
            image = 255 - pictures[index].image
        else:
            image = np.full((28, 28), 128, dtype=np.uint8)
            image[4:24, 8:12], image[4:24, 16:20] = 0, 255
        pictures[index] = WorkshopPicture(name, pictures[index].truth, image)
    return tuple(pictures)


def test_with_two_light_on_dark_digits_the_note_says_so():
    pictures = swapped(light="2")
    assert wr.digits_way_round(wr.LIGHT_ON_DARK, pictures) == ("2", "5")
    note = wr.light_on_dark_note(1, SEVEN_RIGHT[1], pictures)
    assert note.startswith("The 2 is one of two light-on-dark digits: light ink on dark paper")
    # The workshop's run without INVERT read its own, dark-on-light 2 right: 2 (91%).
    assert note.endswith("without INVERT said 2 (91%). Yours says 2 (88%).")
    # Its workshop number for the 4 was wrong: the note says so instead of claiming it.
    note = wr.light_on_dark_note(3, SEVEN_RIGHT[3], swapped(light="4"))
    assert "Yet the workshop's run without INVERT said 3 (99%)." in note


def test_another_picture_unlike_mnist_gets_its_own_measures_and_no_quotation():
    pictures = swapped(both="3")
    assert wr.digits_way_round(wr.BOTH_WAYS, pictures) == ("3", "9")
    note = wr.unlike_mnist_note(2, SEVEN_RIGHT[2], pictures)
    assert note.startswith("The 3 does not look like the training data: its paper is grey, 50%")
    assert "greyest" in note and "uneven" not in note  # Its paper is even mid grey.
    assert "both darker (10% of its pixels) and lighter (10%)" in note
    # The workshop's run with INVERT read its real 3 right: 3 (100%). No quotation about it.
    assert "Yet the workshop's run with INVERT read it: 3 (100%)." in note and "“" not in note
    assert wr.row_notes(SEVEN_RIGHT, True)[2] == ""  # The real 3 gets no note.
