"""The example table's further rows: digit pictures the project makes itself.

Prepared as a drawing on the canvas is, they show what is left of the inversion lesson once a
digit is placed as MNIST placed its digits (docs/architecture.md, "The app's own examples").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from core.digits.strokes import render_digit

SIZE = 280


@dataclass(frozen=True)
class Example:
    """One picture of the table and the digit it shows."""

    name: str
    image: np.ndarray  # RGBA uint8, SIZE x SIZE
    truth: int
    paper: str  # "black" or "white"


def printed_digit(digit: int, paper: str) -> np.ndarray:
    """A digit as a printer sets it, centred on the canvas."""
    ink, background = ((255, 255, 255, 255), (0, 0, 0, 255))
    if paper == "white":
        ink, background = background, ink
    image = Image.new("RGBA", (SIZE, SIZE), background)
    font = ImageFont.load_default(size=200)
    ImageDraw.Draw(image).text((SIZE / 2, SIZE / 2), str(digit), font=font, fill=ink, anchor="mm")
    return np.asarray(image)


@lru_cache(maxsize=1)
def examples() -> tuple[Example, ...]:
    """The table's rows, the same every time (seeded)."""
    rng = np.random.default_rng(2024)
    rows = []
    for digit, paper in ((2, "black"), (7, "black"), (5, "black"), (3, "white"), (4, "white")):
        rows.append(Example(f"handwritten {digit}", render_digit(digit, rng, paper), digit, paper))
    rows.append(Example("handwritten 9", render_digit(9, rng, "white"), 9, "white"))
    rows.append(Example("printed 1", printed_digit(1, "black"), 1, "black"))
    rows.append(Example("printed 6", printed_digit(6, "white"), 6, "white"))
    rows.append(Example("printed 8", printed_digit(8, "white"), 8, "white"))
    for row in rows:
        row.image.setflags(write=False)
    return tuple(rows)


def paper_label(paper: str) -> str:
    """How the example's colours are named on the page."""
    return "white on black" if paper == "black" else "black on white"


@lru_cache(maxsize=1)
def example_batch() -> np.ndarray:
    """The examples as the network sees them, (N, 28, 28, 1): prepared once per server."""
    from core.digits.preprocess import preprocess_drawing, to_model_batch

    batch = np.concatenate(
        [to_model_batch(preprocess_drawing(e.image, e.paper)) for e in examples()]
    )
    batch.setflags(write=False)
    return batch
