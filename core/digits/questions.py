"""The quick questions of the Draw page and the closing page."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from core.basics.questions import Question
from core.digits.preprocess import BOX, FIELD
from core.digits.words import with_article


def draw_questions() -> list[Question]:
    """What the network reads: its input's size, and the border crop-and-centre leaves."""
    border = (FIELD - BOX) // 2
    return [
        Question(
            f"The network reads your drawing as a {FIELD}x{FIELD} picture, one number per "
            "pixel. How many numbers go into the network?",
            FIELD * FIELD,
            f"{FIELD} × {FIELD} = **{FIELD * FIELD}**, each from 0 (black) to 1 (white).",
        ),
        Question(
            f"*Crop and centre* fits your digit's longer side into {BOX} pixels, in the "
            f"middle of the {FIELD}x{FIELD} picture, as MNIST did. How many pixels of empty "
            "border are left on each side of that longer side?",
            border,
            f"({FIELD} − {BOX}) / 2 = **{border}**. Turn *Crop and centre* off to see how "
            "your network reads a drawing shrunk whole instead.",
        ),
    ]


def closing_questions(rows: Mapping[str, Sequence[float]]) -> list[Question]:
    """The dog's table (percent per digit, one row per network): what the top answer leaves
    the other digits, and how many networks give one digit more than half."""
    name, row = next(iter(rows.items()))
    top = max(range(len(row)), key=lambda digit: row[digit])
    rest = 100 - float(row[top])
    sure = [label for label, values in rows.items() if max(values) > 50]
    return [
        Question(
            f"*{name}* gives the dog {row[top]:.0f}% for {with_article(top)}. What do the other "
            "nine digits get together, in percent?",
            rest,
            f"The ten probabilities add up to 100%: 100 − {row[top]:.1f} = **{rest:.1f}%**.",
            tolerance=1.0,
        ),
        Question(
            f"In the table of {len(rows)} networks, how many give one digit more than half "
            "(over 50%) for the dog?",
            len(sure),
            f"**{len(sure)}**"
            + (f": {', '.join(sure)}." if sure else ".")
            + " A network's probabilities say how it compares the ten digits, never whether "
            "the picture is a digit at all: they add up to 100% for a dog too.",
        ),
    ]
