"""The workshop's commentary on its example table, computed from the pictures and the runs.

The workshop's fixed sentences would be wrong for a student's own network, so each is built
from counts a student can check, and made of their network too (docs/architecture.md, "The
workshop's reading").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from core.digits import workshop_examples as workshop

# A right answer at 80% or more is "confident"; below, "right with a low probability". The
# workshop calls its 91% and 100% "worked well", its 58% and 65% "a low probability".
CONFIDENT_FROM = 80
NUMBER_WORDS = ("no", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine")


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


def digit_and_percent(probabilities: Sequence[float]) -> str:
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


def list_in_words(names: Sequence[str]) -> str:
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
        ways.append(f"{list_in_words([a.name for a in found.confident])} confidently")
    if found.unsure:
        unsure = list_in_words([f"{a.name} ({a.percent}%)" for a in found.unsure])
        ways.append(f"{unsure} with a low probability")
    text += f": {', '.join(ways)}." if ways else "."
    return f"{text} Wrong: {list_in_words([a.name for a in found.wrong])}."


def comparison_sentence(yours: Reading, theirs: Reading, whose: str = "the workshop's") -> str:
    """'Right in both: the 2 and 5. Only yours: the 4. Only the workshop's: the 3 and 7.'"""
    mine = [a.name for a in yours.right]
    other = [a.name for a in theirs.right]
    both = [name for name in mine if name in other]
    only_mine = [name for name in mine if name not in other]
    only_theirs = [name for name in other if name not in mine]
    if not only_mine and not only_theirs:
        if not both:
            return "Neither got any right."
        return f"Right in both: {list_in_words(both)}, and no others."
    parts = [f"Right in both: {list_in_words(both)}."]
    if only_mine:
        parts.append(f"Only yours: {list_in_words(only_mine)}.")
    if only_theirs:
        parts.append(f"Only {whose}: {list_in_words(only_theirs)}.")
    return " ".join(parts)


def reading_paragraph(yours: np.ndarray, invert: bool | None) -> str:
    """The workshop's reading of the published run(s) beside the same reading of yours.

    `invert` is how the student's network was trained; None (a file) shows both runs. One
    markdown paragraph per reading, so the runs can be read one under the other.
    """
    own = reading(yours)
    runs = (False, True) if invert is None else (invert,)
    parts = [
        reading_sentence(published_reading(run), f"The workshop's run {with_word(run)} INVERT")
        for run in runs
    ]
    parts.append(reading_sentence(own, "Your network"))
    if invert is not None:
        parts.append(comparison_sentence(own, published_reading(invert)))
    return "\n\n".join(parts)


def with_word(invert: bool) -> str:
    return "with" if invert else "without"


def alike(yours: Reading, theirs: Reading) -> int:
    """How many digits two readings get right or wrong alike: shared strengths and weaknesses."""
    return sum(a.right == b.right for a, b in zip(yours.answers, theirs.answers, strict=True))


def strengths_sentence(yours: np.ndarray, invert: bool | None) -> str:
    """Does the student's network share the workshop's strengths and weaknesses? Counted.

    Beside the matching run when how the network was trained is known; beside both runs for
    a network from a file, so the student sees which of the two it is more like.
    """
    own = reading(yours)
    total = len(own.answers)
    if invert is None:
        without, with_ = (alike(own, published_reading(run)) for run in (False, True))
        return (
            f"Like which of the workshop's runs? Right or wrong alike on **{without} of "
            f"{total}** digits with its run without INVERT, on **{with_} of {total}** with its "
            "run with INVERT."
        )
    same = alike(own, published_reading(invert))
    return (
        f"The workshop expected “the same strengths and weaknesses” in your results: your "
        f"network and its run {with_word(invert)} INVERT are right or wrong alike on "
        f"**{same} of {total}** digits."
    )
