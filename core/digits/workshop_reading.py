"""The workshop's commentary on its example table, computed from the pictures and the runs.

The workshop reads its own table in words: without INVERT "2 and 5 seem to have worked well
and 3 and 7 have the correct answer with a low probability but the rest are struggling";
with INVERT it gets most right, but "particularly on the 9 example, the network will
struggle as it doesn't really represent the training data set". Written as fixed sentences,
those would be wrong for a student's own network, and would hide where they come from. Here
each is built from something a student can check: which pictures are light-on-dark and
which are unlike MNIST come from their pixels (core/digits/picture_look.py), the counts
from the published tables, and the same reading is made of the student's own network.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from core.digits import workshop_examples as workshop
from core.digits.picture_look import (
    BOTH_WAYS,
    LIGHT_ON_DARK,
    MNIST_LEAST_CONTRAST,
    Look,
    look,
)

# A right answer at 80% or more is "confident"; below, "right with a low probability". The
# workshop calls its 91% and 100% "worked well", its 58% and 65% "a low probability".
CONFIDENT_FROM = 80
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")
WORKSHOP_ON_THE_9 = "“it doesn't really represent the training data set”"


@dataclass(frozen=True)
class Answer:
    """A network's answer for one digit picture: its most probable digit, in whole percent."""

    name: str
    truth: int
    digit: int
    percent: int

    @property
    def right(self) -> bool:
        return self.digit == self.truth


@dataclass(frozen=True)
class Reading:
    """What a network made of the nine digit pictures, sorted the way the workshop reads it."""

    answers: tuple[Answer, ...]

    @property
    def right(self) -> tuple[Answer, ...]:
        return tuple(a for a in self.answers if a.right)

    @property
    def confident(self) -> tuple[Answer, ...]:
        return tuple(a for a in self.right if a.percent >= CONFIDENT_FROM)

    @property
    def unsure(self) -> tuple[Answer, ...]:
        """Right, but with a low probability."""
        return tuple(a for a in self.right if a.percent < CONFIDENT_FROM)

    @property
    def wrong(self) -> tuple[Answer, ...]:
        return tuple(a for a in self.answers if not a.right)


def whole_percent(probability: float) -> int:
    """Rounded as the table rounds (ui/draw/example_table.percent), so the two agree."""
    return int(np.rint(np.clip(probability, 0.0, 1.0) * 100))


def said(probabilities: Sequence[float]) -> str:
    """'5 (100%)': a network's answer and how sure it is."""
    values = np.asarray(probabilities, dtype=float)
    digit = int(values.argmax())
    return f"{digit} ({whole_percent(values[digit])}%)"


def reading(
    probabilities: np.ndarray, pictures: Sequence[workshop.WorkshopPicture] | None = None
) -> Reading:
    """Read a (10, 10) table of probabilities (0-1), one row per picture, as the workshop
    reads its own: which digits are right, confidently or not, and which are wrong."""
    pictures = workshop.pictures() if pictures is None else pictures
    table = np.asarray(probabilities, dtype=float)
    if table.shape != (len(pictures), 10):
        raise ValueError(f"Expected {len(pictures)} rows of ten probabilities, not {table.shape}.")
    answers = []
    for row, picture in zip(table, pictures, strict=True):
        if picture.truth is not None:
            digit = int(row.argmax())  # As workshop.digits_right counts: the raw winner.
            answers.append(Answer(picture.name, picture.truth, digit, whole_percent(row[digit])))
    return Reading(tuple(answers))


def published_reading(invert: bool) -> Reading:
    """The workshop's reading of its own published run, computed from its table."""
    return reading(workshop.published(invert) / 100.0)


def the(names: Sequence[str]) -> str:
    """'the 2', 'the 2 and 5', 'the 1, 4, 6 and 8'."""
    if not names:
        return "none"
    if len(names) == 1:
        return f"the {names[0]}"
    return f"the {', '.join(names[:-1])} and {names[-1]}"


def reading_sentence(found: Reading, who: str) -> str:
    """'The workshop's run without INVERT got 4 of 9 right: the 2 and 5 confidently, the 3
    (58%) and 7 (65%) with a low probability. Wrong: the 1, 4, 6, 8 and 9.'"""
    total = len(found.answers)
    text = f"{who} got **{len(found.right)} of {total}** right"
    ways = []
    if found.confident:
        ways.append(f"{the([a.name for a in found.confident])} confidently")
    if found.unsure:
        unsure = the([f"{a.name} ({a.percent}%)" for a in found.unsure])
        ways.append(f"{unsure} with a low probability")
    text += f": {', '.join(ways)}." if ways else "."
    return f"{text} Wrong: {the([a.name for a in found.wrong])}."


def comparison_sentence(yours: Reading, theirs: Reading, whose: str = "the workshop's") -> str:
    """'Right in both: the 2 and 5. Only yours: the 4. Only the workshop's: the 3 and 7.'"""
    mine = [a.name for a in yours.right]
    other = [a.name for a in theirs.right]
    both = [name for name in mine if name in other]
    only_mine = [name for name in mine if name not in other]
    only_theirs = [name for name in other if name not in mine]
    if not only_mine and not only_theirs:
        return f"Right in both: {the(both)}, and no others." if both else "Neither got any right."
    parts = [f"Right in both: {the(both)}."]
    if only_mine:
        parts.append(f"Only yours: {the(only_mine)}.")
    if only_theirs:
        parts.append(f"Only {whose}: {the(only_theirs)}.")
    return " ".join(parts)


def reading_paragraph(yours: np.ndarray, invert: bool | None) -> str:
    """The workshop's reading of the published run(s) beside the same reading of yours.

    `invert` is how the student's network was trained; None (a file) shows both runs. One
    markdown paragraph per reading, so the runs can be read one under the other.
    """
    own = reading(yours)
    runs = (False, True) if invert is None else (invert,)
    parts = [
        reading_sentence(published_reading(run), f"The workshop's run {_with(run)} INVERT")
        for run in runs
    ]
    parts.append(reading_sentence(own, "Your network"))
    if invert is not None:
        parts.append(comparison_sentence(own, published_reading(invert)))
    return "\n\n".join(parts)


def _with(invert: bool) -> str:
    return "with" if invert else "without"


# --- Notes under single pictures ---------------------------------------------------------------


@lru_cache(maxsize=1)
def _workshop_looks() -> tuple[Look, ...]:
    return tuple(look(p.image) for p in workshop.pictures())


def looks(pictures: Sequence[workshop.WorkshopPicture] | None = None) -> tuple[Look, ...]:
    """Each picture's paper and marks (core.digits.picture_look), the workshop's measured once."""
    if pictures is None:
        return _workshop_looks()
    return tuple(look(p.image) for p in pictures)


def digits_way_round(
    way: str, pictures: Sequence[workshop.WorkshopPicture] | None = None
) -> tuple[str, ...]:
    """Names of the digit pictures whose marks go `way` round (picture_look.LIGHT_ON_DARK, ...)."""
    pictures = workshop.pictures() if pictures is None else pictures
    return tuple(
        p.name
        for p, seen in zip(pictures, looks(pictures), strict=True)
        if p.truth is not None and seen.way_round == way
    )


def _pct(share: float) -> str:
    return f"{whole_percent(share)}%"


def light_on_dark_note(
    index: int, yours: Sequence[float], pictures: Sequence[workshop.WorkshopPicture] | None = None
) -> str:
    """Why a light-on-dark picture is read right even by a network trained without invert."""
    pictures = workshop.pictures() if pictures is None else pictures
    name, seen = pictures[index].name, looks(pictures)[index]
    alike = digits_way_round(LIGHT_ON_DARK, pictures)
    digits = NUMBER_WORDS[sum(p.truth is not None for p in pictures)]
    if len(alike) == 1:
        text = f"The {name} is the only light-on-dark digit of the {digits}"
    else:
        text = f"The {name} is one of {NUMBER_WORDS[len(alike)]} light-on-dark digits"
    text += (
        f": light ink on dark paper (the paper {_pct(seen.paper)} bright, the ink up to "
        f"{_pct(seen.paper + seen.contrast)}), the way round MNIST's own digits are. "
    )
    theirs = workshop.published(False)[index] / 100.0
    if int(theirs.argmax()) == pictures[index].truth:
        text += "So a network trained without invert has seen pictures like it: "
    else:
        text += "Yet "
    return f"{text}the workshop's run without INVERT said {said(theirs)}. Yours says {said(yours)}."


def unlike_mnist_note(
    index: int, yours: Sequence[float], pictures: Sequence[workshop.WorkshopPicture] | None = None
) -> str:
    """What makes a picture unlike any MNIST digit, measured, and what INVERT made of it."""
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
    theirs = workshop.published(True)[index] / 100.0
    if int(theirs.argmax()) == pictures[index].truth:
        text += f"Yet the workshop's run with INVERT read it: {said(theirs)}."
    else:
        text += f"The workshop's run with INVERT said {said(theirs)}"
        # The workshop's own words are about its 9; another picture gets no quotation.
        text += f": {WORKSHOP_ON_THE_9}." if name == "9" else "."
    return f"{text} Yours says {said(yours)}."


def dog_note(yours: Sequence[float], runs: Sequence[bool]) -> str:
    """The sentence under the dog: no digit, yet every network picks one."""
    theirs = [said(workshop.published(run)[-1] / 100.0) for run in runs]
    if len(theirs) == 1:
        workshop_said = f"the workshop's said {theirs[0]}"
    else:
        workshop_said = f"the workshop's said {theirs[0]} without INVERT and {theirs[1]} with it"
    return (
        f"The dog is not a digit, yet the network still picks one: yours says "
        f"{said(yours)}, {workshop_said}."
    )


def row_notes(yours: np.ndarray, invert: bool | None) -> tuple[str, ...]:
    """One note per workshop picture ('' for none): the light-on-dark digits, the digits
    unlike MNIST, and the dog. `yours` is the student's (10, 10) probabilities."""
    runs = (False, True) if invert is None else (invert,)
    light = digits_way_round(LIGHT_ON_DARK)
    mixed = digits_way_round(BOTH_WAYS)
    notes = []
    for index, picture in enumerate(workshop.pictures()):
        if picture.truth is None:
            notes.append(dog_note(yours[index], runs))
        elif picture.name in light:
            notes.append(light_on_dark_note(index, yours[index]))
        elif picture.name in mixed:
            notes.append(unlike_mnist_note(index, yours[index]))
        else:
            notes.append("")
    return tuple(notes)
