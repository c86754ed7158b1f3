"""The notes under the example table's pictures (core/digits/workshop_notes.py): which
pictures get one follows their pixels, and each quotes only the workshop run beside it."""

from __future__ import annotations

import numpy as np
import pytest

from core.digits import workshop_examples as workshop
from core.digits import workshop_notes as wn
from core.digits.workshop_examples import WorkshopPicture
from tests.core.digits.made_up_networks import SEVEN_RIGHT, network

NAMES = workshop.NAMES


def noted(notes: tuple[str, ...]) -> list[str]:
    return [name for name, note in zip(NAMES, notes, strict=True) if note]


@pytest.mark.parametrize("invert", [False, True, None])
def test_the_notes_go_under_the_faint_digits_the_5_the_9_and_the_dog(invert):
    notes = wn.row_notes(SEVEN_RIGHT, invert)
    assert noted(notes) == ["1", "3", "5", "8", "9", "dog"]
    if invert is not None:  # Only the run beside the note: never the other one.
        other = "without INVERT" if invert else "with INVERT"
        assert not any(other in note for note in notes)
    else:
        assert all("The workshop's runs said" in note for note in notes[:9] if note)


def test_the_5s_note_quotes_the_run_beside_it():
    """Under a network trained with invert, the 5's note quotes the INVERT run: 5 (97%)."""
    beside_invert = wn.row_notes(SEVEN_RIGHT, invert=True)[4]
    assert beside_invert == (
        "The 5 is the only light-on-dark digit of the nine: light ink on dark paper (the paper "
        "0% bright, the ink up to 100%), the way round MNIST's own digits are, so every network "
        "here has trained on pictures like it, with invert or without. The workshop's run with "
        "INVERT said 5 (97%). Yours says 5 (100%)."
    )
    beside_plain = wn.row_notes(SEVEN_RIGHT, invert=False)[4]
    assert beside_plain.endswith(
        "The workshop's run without INVERT said 5 (100%). Yours says 5 (100%)."
    )
    assert "with INVERT" not in beside_plain


def test_the_9_is_a_near_white_9_on_a_near_black_plate_in_a_rounded_frame():
    note = wn.row_notes(SEVEN_RIGHT, invert=True)[8]
    assert note == (
        "The 9 is not ink on paper: it is a near-white 9 (up to 94% bright) on a near-black plate "
        "(17% bright), inside a light frame (62% bright) that runs round the whole picture and "
        "cuts off its four corners. Every MNIST digit's outermost pixels are black: no MNIST "
        "digit has a frame, inverted or not. The frame is a rounded outline round everything, "
        "the shape of a large 0: a likely reason a network may read the picture as a 0, as the "
        "workshop's run with INVERT did. The workshop's run with INVERT said 0 (81%); the "
        "workshop: “it doesn't really represent the training data set”. Yours says 4 (45%)."
    )
    assert "faint" not in note and "paper is" not in note  # Neither faint nor paper.
    plain = wn.row_notes(SEVEN_RIGHT, invert=False)[8]
    # The run without INVERT said 8, not 0, and the workshop's words were about its other run.
    assert "read the picture as a 0." in plain and "“" not in plain
    assert plain.endswith("The workshop's run without INVERT said 8 (41%). Yours says 4 (45%).")
    zero = network({"9": (0, 0.7)})
    assert "as a 0, as yours does." in wn.row_notes(zero, invert=False)[8]


def test_the_1_is_the_faintest_and_its_note_says_so_from_its_pixels():
    note = wn.row_notes(SEVEN_RIGHT, invert=True)[0]
    image = workshop.pictures()[0].image
    assert (int(image.min()), int(image.max())) == (140, 255)  # Grey, not black.
    assert note == (
        "The 1 is the faintest of the nine digits: dark marks on light paper, like MNIST's "
        "inverted copies, but the marks are grey, not black. Its pixel values run from 140 to "
        "255: the paper 100% bright, its strongest marks 59%, only 41% of the range apart. Every "
        "MNIST digit's ink is at least 80% of the range from its paper: MNIST has no digit this "
        "faint, inverted or not. The workshop's run with INVERT said 1 (71%). Yours says 1 (93%)."
    )
    # The 8 is faint for another reason: black marks on grey paper.
    eight = wn.row_notes(SEVEN_RIGHT, invert=False)[7]
    assert eight.startswith("The 8 is faint: dark marks on grey paper, where MNIST's inverted")
    assert "grey, not black" not in eight and "from 4 to 202" in eight


def swapped(light: str | None = None, both: str | None = None) -> tuple[WorkshopPicture, ...]:
    """The workshop's pictures with `light` turned white on black, and `both` given grey
    paper with marks either way: what the sentences say follows the pixels."""
    pictures = list(workshop.pictures())
    for name, kind in ((light, "light"), (both, "both")):
        if name is None:
            continue
        index = NAMES.index(name)
        if kind == "light":
            image = 255 - pictures[index].image
        else:
            image = np.full((28, 28), 128, dtype=np.uint8)
            image[4:24, 8:12], image[4:24, 16:20] = 0, 255
        pictures[index] = WorkshopPicture(name, pictures[index].truth, image)
    return tuple(pictures)


def test_with_two_light_on_dark_digits_the_note_says_so():
    pictures = swapped(light="2")
    assert wn.digits_way_round(wn.LIGHT_ON_DARK, pictures) == ("2", "5")
    note = wn.light_on_dark_note(1, SEVEN_RIGHT[1], (False,), pictures)
    assert note.startswith("The 2 is one of two light-on-dark digits: light ink on dark paper")
    assert note.endswith("without INVERT said 2 (91%). Yours says 2 (88%).")
    notes = wn.row_notes(SEVEN_RIGHT, True, pictures)
    assert noted(notes) == ["1", "2", "3", "5", "8", "9", "dog"]
    assert notes[1].startswith("The 2 is one of two light-on-dark digits")


def test_another_picture_unlike_mnist_gets_its_own_measures_and_no_quotation():
    pictures = swapped(both="3")
    assert wn.digits_way_round(wn.BOTH_WAYS, pictures) == ("3", "9")
    note = wn.unlike_mnist_note(2, SEVEN_RIGHT[2], (True,), pictures)
    assert note.startswith("The 3 does not look like the training data: its paper is grey, 50%")
    assert "greyest" in note and "uneven" not in note  # Its paper is even mid grey.
    assert "both darker (10% of its pixels) and lighter (10%)" in note
    assert note.endswith("The workshop's run with INVERT said 3 (100%). Yours says 3 (52%).")
    assert "“" not in note  # The workshop's words were about its 9.
    assert wn.row_notes(SEVEN_RIGHT, True, pictures)[2] == note


def test_a_digit_neither_faint_nor_odd_gets_no_note():
    notes = wn.row_notes(SEVEN_RIGHT, invert=True)
    assert [notes[NAMES.index(name)] for name in ("2", "4", "6", "7")] == ["", "", "", ""]
