"""How sure a digit reader is, about digits and about things that are not digits.

A network's top probability reads like confidence, but it only says how much one digit
stands out from the other nine. A network trained on digits has ten answers and no "none of
these", so it can be just as sure about a scribble as about a real digit. This module asks a
network about both and counts, so the page states only what this network did.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from core.digits.predict import forward

SURE = 90  # "Sure" on the page: a top probability of at least 90%.
# Ten probabilities that add up to 1: the largest is at least 1/10. Nine bands of 10 points,
# from 10% to 100%, cover every answer; the last band includes 100%.
BAND_LOWS = tuple(range(10, 100, 10))
BATCH = 64  # Images per forward pass: a few hundred kilobytes at a time.


def whole_percent(top: np.ndarray | float) -> np.ndarray:
    """Probabilities as whole percents, rounded down: the page shows "89%" for 0.897, so a
    picture shown below 90% is never counted as at least 90% sure (rounding up would). The
    small allowance keeps a float32 0.9 (0.8999999...) at 90%."""
    return np.floor(np.asarray(top, dtype=np.float64) * 100 + 1e-4).astype(np.int64)


@dataclass(frozen=True)
class Answers:
    """What a network said about a set of pictures: its digit and top probability for each."""

    digits: np.ndarray  # (N,) int: the digit the network named.
    top: np.ndarray  # (N,) float: the probability it gave that digit.

    def __len__(self) -> int:
        return len(self.top)

    @property
    def percent(self) -> np.ndarray:
        """Each top probability as a whole percent, as the page shows it."""
        return whole_percent(self.top)

    def sure(self, threshold: int = SURE) -> int:
        """How many answers came with a top probability of at least `threshold` percent."""
        return int(np.count_nonzero(self.percent >= threshold))

    def bands(self) -> np.ndarray:
        """How many top probabilities fall in each band of BAND_LOWS (9 counts, sum N)."""
        return band_counts(self.percent)


def band_counts(percent: np.ndarray) -> np.ndarray:
    """Counts per 10-point band from 10% to 100% (100% in the last): a histogram.

    Rounding can leave a top probability a hair under 10%: it counts in the first band.
    """
    values = np.clip(np.asarray(percent, dtype=np.int64), BAND_LOWS[0], 100)
    index = np.minimum(values // 10, len(BAND_LOWS)) - 1
    return np.bincount(index, minlength=len(BAND_LOWS)).astype(np.int64)


def band_names() -> list[str]:
    """'10-19%', ..., '90-100%': the bands as the page names them."""
    return [f"{low}-{low + 9}%" for low in BAND_LOWS[:-1]] + [f"{BAND_LOWS[-1]}-100%"]


def ask(model: Any, images: np.ndarray) -> Answers:
    """The network's answer to each (28, 28) image in [0, 1], fed as a batch like a drawing."""
    batch = np.asarray(images, dtype=np.float32)
    if batch.ndim != 3 or batch.shape[1:] != (28, 28):
        raise ValueError(f"expected (N, 28, 28) images, got {batch.shape}")
    parts = [
        forward(model, batch[start : start + BATCH, ..., None])
        for start in range(0, len(batch), BATCH)
    ]
    probabilities = np.concatenate(parts) if parts else np.zeros((0, 10), dtype=np.float32)
    return Answers(digits=probabilities.argmax(axis=1), top=probabilities.max(axis=1))


@dataclass(frozen=True)
class ConfidenceReport:
    """A network's answers to real test digits and to pictures that are no digit."""

    digits: Answers
    labels: np.ndarray  # The test digits' true labels.
    others: Answers

    @property
    def right(self) -> int:
        """Test digits the network read correctly."""
        return int(np.count_nonzero(self.digits.digits == self.labels))

    @property
    def sure_and_wrong(self) -> int:
        """Test digits read wrongly with a top probability of at least SURE."""
        wrong = self.digits.digits != self.labels
        return int(np.count_nonzero(wrong & (self.digits.percent >= SURE)))


def confidence_report(
    model: Any, digits: np.ndarray, labels: np.ndarray, others: np.ndarray
) -> ConfidenceReport:
    """Ask `model` about test digits (with their `labels`) and about `others`."""
    labels = np.asarray(labels).astype(np.int64)
    if len(labels) != len(digits):
        raise ValueError(f"{len(digits)} digits but {len(labels)} labels")
    return ConfidenceReport(digits=ask(model, digits), labels=labels, others=ask(model, others))


def sure_by_kind(report: ConfidenceReport, kinds: Sequence[str]) -> dict[str, tuple[int, int]]:
    """{kind: (sure, all)} for the pictures that are not digits, `kinds` naming each one's."""
    kinds = np.asarray(kinds)
    if len(kinds) != len(report.others):
        raise ValueError(f"{len(kinds)} kinds for {len(report.others)} pictures")
    sure = report.others.percent >= SURE
    return {
        str(kind): (
            int(np.count_nonzero(sure & (kinds == kind))),
            int(np.count_nonzero(kinds == kind)),
        )
        for kind in dict.fromkeys(kinds.tolist())
    }


def confidence_sentence(report: ConfidenceReport, who: str = "Your network") -> str:
    """'Your network was at least 90% sure about 41 of the 60 things that are not digits,
    and about 57 of the 60 test digits. ...': every number counted from the report.

    Without test digits (MNIST not at hand) it speaks of the other pictures only.
    """
    others, digits = report.others, report.digits
    sure = (
        f"{who} was at least {SURE}% sure about {others.sure()} of the {len(others)} "
        "things that are not digits"
    )
    if not len(digits):
        return f"{sure}. Every answer it gave them is wrong: it has no answer “not a digit”."
    sentence = (
        f"{sure}, and about {digits.sure()} of the {len(digits)} test digits. "
        f"It read {report.right} of the {len(digits)} test digits correctly"
    )
    wrong = len(digits) - report.right
    if wrong:
        sentence += (
            f"; it was at least {SURE}% sure of {report.sure_and_wrong} of the {wrong} it got wrong"
        )
    return (
        f"{sentence}. Every answer it gave a thing that is not a digit is wrong: it has no "
        "answer “not a digit”."
    )


def surest_sentence(report: ConfidenceReport, names: Sequence[str]) -> str:
    """'Its surest answer about a thing that is not a digit: letter H is a 4, 100% sure,
    surer than it was about 2 of the 60 test digits.' Confidence is not correctness."""
    if len(names) != len(report.others) or not len(names):
        raise ValueError(f"{len(names)} names for {len(report.others)} pictures")
    index = int(np.argmax(report.others.top))
    percent = int(report.others.percent[index])
    sentence = (
        f"Its surest answer about a thing that is not a digit: **{names[index]}** is a "
        f"**{int(report.others.digits[index])}**, {percent}% sure"
    )
    digits = report.digits
    if not len(digits):
        return sentence + "."
    below = int(np.count_nonzero(digits.percent < percent))
    if below == 0:
        return f"{sentence}, no surer than it was about any of the {len(digits)} test digits."
    return f"{sentence}, surer than it was about {below} of the {len(digits)} test digits."
