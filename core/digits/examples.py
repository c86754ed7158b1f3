"""The workshop's example table: a few digit images the project makes itself.

Handwritten-looking digits come from `core.digits.strokes`; printed-looking ones are drawn with
Pillow's built-in font; one picture is not a digit at all (a network always answers).
Both paper colours appear, so the table shows the workshop's lesson on inversion.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from core.digits.strokes import draw_strokes, render_digit

SIZE = 280


@dataclass(frozen=True)
class Example:
    """One picture of the table; `truth` is None for the picture that is not a digit."""

    name: str
    image: np.ndarray  # RGBA uint8, SIZE x SIZE
    truth: int | None
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


def smiley(paper: str) -> np.ndarray:
    """Not a digit: the network still picks one of its ten answers."""
    t = np.linspace(0, 2 * np.pi, 60)
    face = list(zip(140 + 95 * np.cos(t), 140 + 95 * np.sin(t), strict=True))
    mouth = list(zip(140 + 50 * np.cos(t[5:26]), 150 + 40 * np.sin(t[5:26]), strict=True))
    eyes = [[(105, 110), (106, 111)], [(175, 110), (176, 111)]]
    return draw_strokes([face, mouth, *eyes], paper=paper, size=SIZE)


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
    rows.append(Example("a smiley (not a digit)", smiley("white"), None, "white"))
    for row in rows:
        row.image.setflags(write=False)
    return tuple(rows)


def paper_label(paper: str) -> str:
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
