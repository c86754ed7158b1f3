"""The workshop's own ten pictures, fed as the workshop feeds them, and its published tables.

The digits 1-9 and a dog (assets/workshop_examples/, Apache License 2.0), read as the
notebook reads them: `imread(f"{i}.png") / 255.0`, nothing else. Most are dark digits on light
paper, so only a network trained with inverted copies gets most of them right.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

from core.digits.image_files import to_greyscale

if TYPE_CHECKING:  # TensorFlow loads only when a prediction is asked for.
    import keras

    from core.digits.predict import DigitPrediction

FOLDER = Path(__file__).resolve().parents[2] / "assets" / "workshop_examples"
NAMES = ("1", "2", "3", "4", "5", "6", "7", "8", "9", "dog")
SIZE = 28  # The workshop's pictures are MNIST-sized, and fed to the network as they are.
SOURCE = "milliams/intro_deep_learning (commit 721099d7a4aa), Apache License 2.0"

# The workshop's published results (one epoch, its own run), in percent: one row per
# picture in NAMES order, one column per digit 0-9. "Your results will likely be different
# but they will probably have the same strengths and weaknesses."
PUBLISHED_WITHOUT_INVERT = (
    (0, 0, 15, 38, 0, 14, 1, 0, 32, 0),
    (0, 0, 91, 6, 0, 0, 2, 0, 0, 0),
    (0, 0, 13, 58, 0, 8, 1, 0, 20, 0),
    (0, 0, 0, 99, 0, 0, 0, 0, 0, 0),
    (0, 0, 0, 0, 0, 100, 0, 0, 0, 0),
    (1, 0, 0, 23, 0, 50, 1, 0, 25, 0),
    (1, 0, 2, 5, 0, 23, 2, 65, 2, 0),
    (1, 0, 4, 49, 0, 40, 1, 1, 4, 0),
    (1, 0, 19, 32, 0, 4, 2, 1, 41, 1),
    (0, 0, 51, 28, 0, 5, 1, 0, 15, 0),
)
PUBLISHED_WITH_INVERT = (
    (1, 71, 9, 3, 1, 3, 2, 6, 3, 1),
    (0, 0, 100, 0, 0, 0, 0, 0, 0, 0),
    (0, 0, 0, 100, 0, 0, 0, 0, 0, 0),
    (0, 0, 0, 0, 100, 0, 0, 0, 0, 0),
    (0, 0, 0, 3, 0, 97, 0, 0, 0, 0),
    (0, 0, 0, 0, 0, 1, 99, 0, 0, 0),
    (0, 2, 0, 0, 0, 0, 0, 98, 0, 0),
    (0, 0, 0, 0, 0, 0, 0, 0, 100, 0),
    (81, 1, 3, 1, 0, 0, 1, 0, 11, 2),
    (1, 16, 7, 10, 2, 11, 7, 22, 23, 1),
)


@dataclass(frozen=True)
class WorkshopPicture:
    """One of the ten pictures; `truth` is None for the dog, which is no digit at all."""

    name: str
    truth: int | None
    image: np.ndarray  # (28, 28) uint8 grey, exactly as stored in the PNG.


def truth_of(name: str) -> int | None:
    return int(name) if name.isdigit() else None


@lru_cache(maxsize=1)
def pictures() -> tuple[WorkshopPicture, ...]:
    """The ten pictures in the workshop's order, read once per process."""
    rows = []
    for name in NAMES:
        with Image.open(FOLDER / f"{name}.png") as image:
            grey = np.asarray(image.convert("L"), dtype=np.uint8)
        grey.setflags(write=False)
        rows.append(WorkshopPicture(name, truth_of(name), grey))
    return tuple(rows)


def workshop_input(image: np.ndarray) -> np.ndarray:
    """One picture as the workshop feeds it: (28, 28) float32, each pixel / 255, nothing else.

    `image` is a 28x28 grey, RGB or RGBA uint8 array (colour becomes grey by ITU-R 601 luma,
    transparent parts white, as a browser shows them). No cropping, centring or contrast
    stretch: the point of the workshop's table is to see what the network makes of a picture
    as it is. Other sizes are refused, because the workshop's recipe has no resizing step.
    """
    array = np.asarray(image)
    if array.ndim not in (2, 3) or (array.ndim == 3 and array.shape[2] not in (3, 4)):
        raise ValueError(f"Expected a grey or colour picture, not an array of shape {array.shape}.")
    if array.shape[:2] != (SIZE, SIZE):
        height, width = array.shape[:2]
        raise ValueError(
            f"The workshop feeds {SIZE}x{SIZE} pictures as they are, with no resizing; "
            f"this one is {width}x{height} pixels."
        )
    grey = to_greyscale(array) if array.ndim == 3 else array
    return np.clip(grey, 0, 255).astype(np.float32) / np.float32(255.0)


@lru_cache(maxsize=1)
def workshop_batch() -> np.ndarray:
    """The ten pictures as the network receives them: (10, 28, 28, 1) float32 in [0, 1]."""
    batch = np.stack([workshop_input(p.image) for p in pictures()])[..., np.newaxis]
    batch.setflags(write=False)
    return batch


def published(invert: bool) -> np.ndarray:
    """The workshop's published table for its run without or with INVERT, (10, 10) percent."""
    return np.array(PUBLISHED_WITH_INVERT if invert else PUBLISHED_WITHOUT_INVERT, dtype=int)


def digits_right(probabilities: np.ndarray) -> int:
    """How many of the nine digit pictures get their own digit as the most probable answer."""
    table = np.asarray(probabilities)
    return sum(
        int(table[row].argmax()) == picture.truth
        for row, picture in enumerate(pictures())
        if picture.truth is not None
    )


def predict_as_workshop(model: keras.Model, image: np.ndarray) -> DigitPrediction:
    """The network's answer for one picture fed the workshop's way (`workshop_input`).

    Returns a `core.digits.predict.DigitPrediction` whose steps are all the picture itself,
    in grey, because nothing was done to it. Raises ValueError for a picture not 28x28.
    """
    from core.digits.predict import DigitPrediction, forward
    from core.digits.preprocess import Preprocessed

    x = workshop_input(image)
    grey = np.rint(x * 255).astype(np.uint8)
    pre = Preprocessed(input=x, empty=False, cropped=grey, scaled20=grey, centred=grey)
    probabilities = forward(model, x[np.newaxis, :, :, np.newaxis])[0]
    return DigitPrediction(pre, probabilities)
