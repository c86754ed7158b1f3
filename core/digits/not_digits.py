"""Things that are not digits, in MNIST's format, to ask a digit reader about.

One dog could be bad luck, so many questions: scribbles, letters, noise and blobs, seeded and
placed as MNIST placed its digits (docs/architecture.md, "Pictures that are no digit").
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import numpy as np
from PIL import Image, ImageDraw, ImageFont

from core.digits.preprocess import FIELD, preprocess_drawing

KINDS = ("scribble", "letter", "noise", "blob")
# Capital letters that do not pass for a digit (no O, I, S, Z, B, G, Q, D): whatever the
# network answers for these is wrong.
LETTERS = "AEFHKMNPRTVWXYC"
CANVAS = 280  # Strokes and letters are drawn large, then shrunk like a drawing on the canvas.
FONT_PX = 200


@dataclass(frozen=True)
class NotDigit:
    """One picture that is no digit: its kind ("letter"), its name ("letter A") and pixels."""

    kind: str
    name: str
    image: np.ndarray  # (28, 28) float32 in [0, 1], white ink on black.


def _as_mnist(ink: Image.Image) -> np.ndarray:
    """A large white-on-black drawing cropped, scaled and centred the way MNIST's were."""
    pre = preprocess_drawing(np.asarray(ink, dtype=np.uint8), paper="black")
    return pre.input


def scribble(rng: np.random.Generator) -> np.ndarray:
    """One or two strokes through random points, the pen as thick as a drawn digit's."""
    canvas = Image.new("L", (CANVAS, CANVAS), 0)
    draw = ImageDraw.Draw(canvas)
    width = int(rng.integers(14, 24))
    for _ in range(int(rng.integers(1, 3))):
        points = rng.uniform(30, CANVAS - 30, size=(int(rng.integers(3, 6)), 2))
        draw.line([tuple(p) for p in points], fill=255, width=width, joint="curve")
    return _as_mnist(canvas)


def _font(size: int) -> ImageFont.ImageFont | ImageFont.FreeTypeFont:
    """Pillow's own font: a scalable one where Pillow has FreeType, else its small bitmap
    font (which preprocessing then enlarges). Neither needs a font file on the machine."""
    try:
        return ImageFont.load_default(size=size)
    except (TypeError, ImportError, OSError):  # Old Pillow, or no FreeType.
        return ImageFont.load_default()


def letter(character: str, stroke: int = 4) -> np.ndarray:
    """A capital letter, drawn in white on black and centred like an MNIST digit.

    `stroke` thickens the lines (in pixels of the large drawing), as a pen would.
    """
    if len(character) != 1 or not character.isalpha():
        raise ValueError(f"expected one letter, got {character!r}")
    font = _font(FONT_PX)
    canvas = Image.new("L", (CANVAS + 120, CANVAS + 120), 0)
    draw = ImageDraw.Draw(canvas)
    stroke = stroke if isinstance(font, ImageFont.FreeTypeFont) else 0
    draw.text((60, 20), character, fill=255, font=font, stroke_width=stroke, stroke_fill=255)
    return _as_mnist(canvas)


def noise(rng: np.random.Generator) -> np.ndarray:
    """Every pixel drawn at random (uniform), at a random overall brightness."""
    brightness = rng.uniform(0.3, 1.0)
    return (rng.random((FIELD, FIELD)) * brightness).astype(np.float32)


def blob(rng: np.random.Generator) -> np.ndarray:
    """One to three soft round spots, some of them faint: a nearly empty picture."""
    y, x = np.mgrid[0:FIELD, 0:FIELD].astype(np.float32)
    image = np.zeros((FIELD, FIELD), dtype=np.float32)
    for _ in range(int(rng.integers(1, 4))):
        cy, cx = rng.uniform(7, FIELD - 7, size=2)
        sigma = rng.uniform(1.5, 5.0)
        image += rng.uniform(0.2, 1.0) * np.exp(-((y - cy) ** 2 + (x - cx) ** 2) / (2 * sigma**2))
    return np.clip(image, 0.0, 1.0).astype(np.float32)


@lru_cache(maxsize=4)
def not_digits(per_kind: int = 15, seed: int = 0) -> tuple[NotDigit, ...]:
    """`per_kind` pictures of each kind in KINDS, in that order; the same for the same seed.

    The letters go through LETTERS in order (each letter with a seeded pen thickness).
    Kept per process: every student's page asks for the same pictures.
    """
    if not 1 <= per_kind <= 100:
        raise ValueError(f"per_kind must be 1 to 100, got {per_kind}")
    rng = np.random.default_rng(seed)
    pictures = []
    for number in range(1, per_kind + 1):
        pictures.append(NotDigit("scribble", f"scribble {number}", scribble(rng)))
    for number in range(per_kind):
        character = LETTERS[number % len(LETTERS)]
        stroke = int(rng.integers(2, 9))
        pictures.append(NotDigit("letter", f"letter {character}", letter(character, stroke)))
    for number in range(1, per_kind + 1):
        pictures.append(NotDigit("noise", f"noise {number}", noise(rng)))
    for number in range(1, per_kind + 1):
        pictures.append(NotDigit("blob", f"blob {number}", blob(rng)))
    for picture in pictures:
        picture.image.setflags(write=False)  # Shared by every session through the cache.
    return tuple(pictures)


def digit_sample(
    images: np.ndarray, labels: np.ndarray, count: int = 60, seed: int = 0
) -> tuple[np.ndarray, np.ndarray]:
    """`count` real digits picked at random (seeded) from MNIST's test images (uint8, as
    core.mnist.data loads them): (count, 28, 28) float32 in [0, 1] and their labels.

    The caller hands the arrays over, so this chapter needs nothing of the MNIST chapter.
    """
    images, labels = np.asarray(images), np.asarray(labels)
    if images.ndim != 3 or images.shape[1:] != (FIELD, FIELD) or len(images) != len(labels):
        raise ValueError(f"expected (N, 28, 28) images with N labels, got {images.shape}")
    if not 1 <= count <= len(images):
        raise ValueError(f"count must be 1 to {len(images)}, got {count}")
    chosen = np.sort(np.random.default_rng(seed).choice(len(images), size=count, replace=False))
    return images[chosen].astype(np.float32) / 255.0, labels[chosen].astype(np.int64)
