"""The notes under single pictures of the workshop's example table, measured from the pixels.

Which pictures get a note, and what it says, comes from each picture's pixels, not from a
list written by hand: the light-on-dark digit, the faint ones, the one in a frame, any other
unlike MNIST (core/digits/picture_look.py, core/digits/frame_look.py), and the dog. Each note
quotes only the workshop run shown beside it: the one trained like the student's network
(with or without INVERT), or both for a network from a file, whose training is not known.
"""

from __future__ import annotations

from collections.abc import Sequence
from functools import lru_cache

import numpy as np

from core.digits import workshop_examples as workshop
from core.digits.frame_look import Framed, framed
from core.digits.picture_look import (
    BOTH_WAYS,
    DARK_ON_LIGHT,
    LIGHT_ON_DARK,
    MNIST_LEAST_CONTRAST,
    Look,
    look,
)
from core.digits.workshop_reading import (
    NUMBER_WORDS,
    digit_and_percent,
    whole_percent,
    with_word,
)

WORKSHOP_ON_THE_9 = "“it doesn't really represent the training data set”"
NEAR_WHITE_FROM = 0.8  # A mark this bright is "near-white"; a plate this dark "near-black".
NEAR_BLACK_UP_TO = 0.2

Pictures = Sequence[workshop.WorkshopPicture]


@lru_cache(maxsize=1)
def _workshop_looks() -> tuple[Look, ...]:
    return tuple(look(p.image) for p in workshop.pictures())


@lru_cache(maxsize=1)
def _workshop_frames() -> tuple[Framed | None, ...]:
    return tuple(framed(p.image) for p in workshop.pictures())


def looks(pictures: Pictures | None = None) -> tuple[Look, ...]:
    """Each picture's paper and marks (core.digits.picture_look), the workshop's measured once."""
    return _workshop_looks() if pictures is None else tuple(look(p.image) for p in pictures)


def frames(pictures: Pictures | None = None) -> tuple[Framed | None, ...]:
    """Each picture's frame and plate (core.digits.frame_look), None for a picture without."""
    return _workshop_frames() if pictures is None else tuple(framed(p.image) for p in pictures)


def digits_way_round(way: str, pictures: Pictures | None = None) -> tuple[str, ...]:
    """Names of the digit pictures whose marks go `way` round (picture_look.LIGHT_ON_DARK, ...)."""
    pictures = workshop.pictures() if pictures is None else pictures
    return tuple(
        p.name
        for p, seen in zip(pictures, looks(pictures), strict=True)
        if p.truth is not None and seen.way_round == way
    )


def _pct(share: float) -> str:
    return f"{whole_percent(share)}%"


def workshop_said(index: int, runs: Sequence[bool]) -> str:
    """'The workshop's run with INVERT said 0 (81%).': only the run(s) shown beside the note."""
    theirs = [digit_and_percent(workshop.published(run)[index] / 100.0) for run in runs]
    if len(runs) == 1:
        return f"The workshop's run {with_word(runs[0])} INVERT said {theirs[0]}."
    return f"The workshop's runs said {theirs[0]} without INVERT and {theirs[1]} with it."


def light_on_dark_note(
    index: int, yours: Sequence[float], runs: Sequence[bool], pictures: Pictures | None = None
) -> str:
    """Why a light-on-dark picture is like what every network here trained on."""
    pictures = workshop.pictures() if pictures is None else pictures
    name, seen = pictures[index].name, looks(pictures)[index]
    alike = digits_way_round(LIGHT_ON_DARK, pictures)
    digits = NUMBER_WORDS[sum(p.truth is not None for p in pictures)]
    if len(alike) == 1:
        text = f"The {name} is the only light-on-dark digit of the {digits}"
    else:
        text = f"The {name} is one of {NUMBER_WORDS[len(alike)]} light-on-dark digits"
    return (
        f"{text}: light ink on dark paper (the paper {_pct(seen.paper)} bright, the ink up to "
        f"{_pct(seen.paper + seen.contrast)}), the way round MNIST's own digits are, so every "
        "network here has trained on pictures like it, with invert or without. "
        f"{workshop_said(index, runs)} Yours says {digit_and_percent(yours)}."
    )


def faint_note(
    index: int, yours: Sequence[float], runs: Sequence[bool], pictures: Pictures | None = None
) -> str:
    """A dark-on-light digit fainter than any MNIST digit (or inverted copy) is."""
    pictures = workshop.pictures() if pictures is None else pictures
    name, every = pictures[index].name, looks(pictures)
    seen, image = every[index], pictures[index].image
    digits = [i for i, p in enumerate(pictures) if p.truth is not None]
    if min(digits, key=lambda i: every[i].contrast) == index:
        text = f"The {name} is the faintest of the {NUMBER_WORDS[len(digits)]} digits"
    else:
        text = f"The {name} is faint"
    strongest = seen.paper - seen.contrast
    if seen.grey_paper:
        way = "dark marks on grey paper, where MNIST's inverted copies have white"
    else:
        way = "dark marks on light paper, like MNIST's inverted copies"
    if strongest > NEAR_BLACK_UP_TO:
        way += ", but the marks are grey, not black"
    return (
        f"{text}: {way}. Its pixel values run from {int(np.min(image))} to "
        f"{int(np.max(image))}: the paper {_pct(seen.paper)} bright, its strongest marks "
        f"{_pct(strongest)}, only {_pct(seen.contrast)} of the range apart. Every MNIST digit's "
        f"ink is at least {_pct(MNIST_LEAST_CONTRAST)} of the range from its paper: MNIST has "
        f"no digit this faint, inverted or not. {workshop_said(index, runs)} Yours says "
        f"{digit_and_percent(yours)}."
    )


def _readers_of_zero(index: int, yours: Sequence[float], runs: Sequence[bool]) -> str:
    """', as the workshop's run with INVERT did and yours does', or '' if none said 0."""
    readers = [
        f"the workshop's run {with_word(run)} INVERT did"
        for run in runs
        if int(workshop.published(run)[index].argmax()) == 0
    ]
    if int(np.argmax(yours)) == 0:
        readers.append("yours does")
    return f", as {' and '.join(readers)}" if readers else ""


def framed_note(
    index: int,
    yours: Sequence[float],
    runs: Sequence[bool],
    frame: Framed,
    pictures: Pictures | None = None,
) -> str:
    """A mark on a plate inside a frame, such as the workshop's 9: its three parts measured."""
    pictures = workshop.pictures() if pictures is None else pictures
    name = pictures[index].name
    mark = "near-white" if frame.mark >= NEAR_WHITE_FROM else "light"
    plate = "near-black" if frame.plate <= NEAR_BLACK_UP_TO else "dark"
    corners = "cuts off its four corners" if frame.rounded else "closes a loop round it"
    text = (
        f"The {name} is not ink on paper: it is a {mark} {name} (up to {_pct(frame.mark)} "
        f"bright) on a {plate} plate ({_pct(frame.plate)} bright), inside a light frame "
        f"({_pct(frame.frame)} bright) that runs round the whole picture and {corners}. "
        "Every MNIST digit's outermost pixels are black: no MNIST digit has a frame, inverted "
        "or not. "
    )
    if frame.rounded:
        text += (
            "The frame is a rounded outline round everything, the shape of a large 0: a likely "
            f"reason a network may read the picture as a 0{_readers_of_zero(index, yours, runs)}. "
        )
    text += workshop_said(index, runs)
    if name == "9" and True in runs:  # The workshop's own words, about its INVERT run's 9.
        text = f"{text[:-1]}; the workshop: {WORKSHOP_ON_THE_9}."
    return f"{text} Yours says {digit_and_percent(yours)}."


def unlike_mnist_note(
    index: int, yours: Sequence[float], runs: Sequence[bool], pictures: Pictures | None = None
) -> str:
    """What makes a picture unlike any MNIST digit, measured: grey paper, marks both ways."""
    pictures = workshop.pictures() if pictures is None else pictures
    name, every = pictures[index].name, looks(pictures)
    seen = every[index]
    paper = f"its paper is {'grey, ' if seen.grey_paper else ''}{_pct(seen.paper)} bright"
    digits = [i for i, p in enumerate(pictures) if p.truth is not None]
    if max(digits, key=lambda i: every[i].greyness) == index:
        paper += f" (the greyest of the {NUMBER_WORDS[len(digits)]} digits' papers)"
    if seen.uneven_paper:
        paper += f", and uneven ({_pct(seen.paper_low)} to {_pct(seen.paper_high)} at the edge)"
    text = (
        f"The {name} does not look like the training data: {paper}; its marks are both darker "
        f"({_pct(seen.darker)} of its pixels) and lighter ({_pct(seen.lighter)}) than that paper"
    )
    text += f", at most {_pct(seen.contrast)} of the range away. " if seen.faint else ". "
    text += "Every MNIST digit is light ink on black paper"
    if seen.faint:
        text += f", at least {_pct(MNIST_LEAST_CONTRAST)} of the range apart"
    text += ", so neither MNIST nor its inverted copies look like this. "
    return f"{text}{workshop_said(index, runs)} Yours says {digit_and_percent(yours)}."


def dog_note(yours: Sequence[float], runs: Sequence[bool]) -> str:
    """The sentence under the dog: no digit, yet every network picks one."""
    theirs = [digit_and_percent(workshop.published(run)[-1] / 100.0) for run in runs]
    if len(theirs) == 1:
        workshop_said_it = f"the workshop's said {theirs[0]}"
    else:
        workshop_said_it = f"the workshop's said {theirs[0]} without INVERT and {theirs[1]} with it"
    return (
        f"The dog is not a digit, yet the network still picks one: yours says "
        f"{digit_and_percent(yours)}, {workshop_said_it}."
    )


def row_notes(
    yours: np.ndarray, invert: bool | None, pictures: Pictures | None = None
) -> tuple[str, ...]:
    """One note per picture ('' for none), beside the run(s) the table shows: `invert` is how
    the student's network was trained, None if not known. `yours` is its (10, 10) table."""
    runs = (False, True) if invert is None else (invert,)
    pictures = workshop.pictures() if pictures is None else pictures
    every, framing = looks(pictures), frames(pictures)
    notes = []
    for index, picture in enumerate(pictures):
        seen, frame = every[index], framing[index]
        if picture.truth is None:
            notes.append(dog_note(yours[index], runs))
        elif frame is not None:
            notes.append(framed_note(index, yours[index], runs, frame, pictures))
        elif seen.way_round == LIGHT_ON_DARK:
            notes.append(light_on_dark_note(index, yours[index], runs, pictures))
        elif seen.way_round == BOTH_WAYS:
            notes.append(unlike_mnist_note(index, yours[index], runs, pictures))
        elif seen.way_round == DARK_ON_LIGHT and seen.faint:
            notes.append(faint_note(index, yours[index], runs, pictures))
        else:
            notes.append("")
    return tuple(notes)
