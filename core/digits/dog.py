"""The workshop's dog: a question with no right answer, put to a digit reader.

The workshop's MNIST notebook asks its trained network about nine handwritten digits and
one 28x28 photo of a dog, and the network names a digit for the dog too: "if you ask a
stupid question (like "what handwritten digit is this dog?") you will still get an answer."
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
from PIL import Image

from core.digits.words import with_article
from core.digits.workshop_examples import (
    FOLDER,
    NAMES,
    PUBLISHED_WITH_INVERT,
    PUBLISHED_WITHOUT_INVERT,
)

DOG_PATH = FOLDER / "dog.png"

# The workshop's published answers for the dog, in percent for the digits 0-9: one epoch
# each, from its own run (the dog's rows of core.digits.workshop_examples' tables).
WORKSHOP_DOG_ROWS: dict[str, tuple[int, ...]] = {
    "Workshop, INVERT off": PUBLISHED_WITHOUT_INVERT[NAMES.index("dog")],
    "Workshop, INVERT on": PUBLISHED_WITH_INVERT[NAMES.index("dog")],
}


def workshop_dog(path: Path = DOG_PATH) -> np.ndarray:
    """The dog as the workshop feeds it to the network: (28, 28) float32 in [0, 1].

    Exactly the notebook's `imread("dog.png") / 255.0`: no cropping or centring, which a
    photo of a dog would not survive anyway.
    """
    with Image.open(path) as image:
        pixels = np.asarray(image.convert("L"), dtype=np.float32) / 255.0
    if pixels.shape != (28, 28):
        raise ValueError(f"the dog picture must be 28x28 pixels, got {pixels.shape}")
    return pixels


def dog_sentence(probabilities: np.ndarray, who: str = "It") -> str:
    """'It calls the dog a 2, 51% sure. ...' ('an 8'): the answer a digit reader gives to a dog."""
    values = np.asarray(probabilities, dtype=float).ravel()
    if values.shape != (10,):
        raise ValueError(f"expected ten digit probabilities, got {values.shape}")
    digit = int(values.argmax())
    return (
        f"{who} calls the dog {with_article(digit, bold=True)}, {values[digit]:.0%} sure. It "
        "cannot answer “not a digit”: its ten probabilities always add up to 100%."
    )
