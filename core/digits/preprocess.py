"""Turn a drawing or a photo of a digit into the 28x28 image an MNIST model expects.

A canvas drawing merely shrunk is small, off-centre and thin, so MNIST's normalisation is
repeated step by step, each step kept to show; the ink keeps its polarity, the workshop's
lesson (docs/architecture.md, "A drawing to 28x28").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PIL import Image

PAPERS = ("black", "white", "auto")
FIELD = 28  # MNIST images are 28x28 ...
BOX = 20  # ... and the digit's longer side is 20 px.
# Measured on MNIST's test set: the centre of mass, in pixel indices (the first pixel's centre
# is 0), lies between 13.5 and 14.5 with a uniform fractional part, mean 14.0. So MNIST moved
# each digit by whole pixels to put its centre of mass on pixel 14; we do the same.
CENTRE = 14.0
# Ink fainter than this (out of 255) is noise: it neither counts as a drawing nor widens the crop.
NOISE = 32.0
_LUMA = np.array([0.299, 0.587, 0.114], dtype=np.float32)  # ITU-R 601, as PIL's "L" mode.


@dataclass(frozen=True)
class Preprocessed:
    """The network's input plus the intermediate images, all in the polarity as drawn."""

    input: np.ndarray  # (28, 28) float32 in [0, 1]: the centred image / 255, as in training.
    empty: bool  # True when no ink was found; `input` is then plain paper.
    cropped: np.ndarray  # uint8 grey crop around the ink (whole image if centre=False or empty).
    scaled20: np.ndarray  # uint8, the crop with its longer side scaled to 20 px.
    centred: np.ndarray  # uint8 (28, 28), before the division by 255.


def _grey_and_paper(image: np.ndarray, paper: str) -> tuple[np.ndarray, float]:
    """Grey float32 image with transparent pixels painted as paper, and the paper's grey."""
    img = np.asarray(image)
    if img.ndim not in (2, 3) or (img.ndim == 3 and img.shape[2] not in (3, 4)) or img.size == 0:
        raise ValueError(f"expected a (H, W), (H, W, 3) or (H, W, 4) image, got {img.shape}")
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {PAPERS}, got {paper!r}")
    if img.dtype != np.uint8:  # Uploads and the CLI may hand over other types.
        img = np.clip(np.nan_to_num(img.astype(np.float32)), 0, 255)
    if img.ndim == 2:
        grey = img.astype(np.float32)
    else:
        grey = img[..., 0] * _LUMA[0] + img[..., 1] * _LUMA[1] + img[..., 2] * _LUMA[2]
    alpha = img[..., 3] * np.float32(1 / 255) if img.ndim == 3 and img.shape[2] == 4 else None
    if paper != "auto":
        value = 0.0 if paper == "black" else 255.0
    elif alpha is not None and np.median(_border(alpha)) < 0.5:
        # A transparent sheet has no colour of its own: the paper is whatever contrasts with
        # the strokes (the canvas's default black pen means white paper).
        strokes = grey[alpha >= 0.5]
        value = 255.0 if strokes.size == 0 or np.mean(strokes) < 128 else 0.0
    else:
        opaque = grey if alpha is None else grey * alpha + 255.0 * (1 - alpha)
        value = float(np.median(_border(opaque)))
    if alpha is not None:
        grey = grey * alpha + value * (1 - alpha)  # Composite the drawing over the paper.
    return grey, value


def _border(a: np.ndarray) -> np.ndarray:
    return np.concatenate([a[0], a[-1], a[1:-1, 0], a[1:-1, -1]])


def _resize(a: np.ndarray, width: int, height: int) -> np.ndarray:
    """Resize a float image with smoothing, like MNIST's anti-aliased size normalisation.

    Shrinking averages the area each output pixel covers (BOX); enlarging a tiny drawing
    interpolates (BILINEAR) rather than making blocks.
    """
    shrinking = width <= a.shape[1] and height <= a.shape[0]
    method = Image.Resampling.BOX if shrinking else Image.Resampling.BILINEAR
    out = Image.fromarray(np.ascontiguousarray(a, dtype=np.float32)).resize((width, height), method)
    return np.asarray(out)


def _to_uint8(a: np.ndarray) -> np.ndarray:
    return np.clip(np.rint(a), 0, 255).astype(np.uint8)


def preprocess_drawing(
    image: np.ndarray, paper: str = "black", centre: bool = True
) -> Preprocessed:
    """Normalise a drawing the way MNIST was normalised; never raises on an empty drawing.

    `image` is RGBA (as the drawing canvas returns it; alpha 0 counts as paper), RGB or grey,
    any size. `paper` is "black" (white ink, like MNIST), "white" (dark ink, like paper) or
    "auto" (the median of the image border). With `centre=False` the whole image is just
    shrunk to 28x28, to show why cropping and centring matter.
    """
    grey, paper_value = _grey_and_paper(image, paper)
    white = paper_value >= 128
    ink = paper_value - grey if white else grey - paper_value
    np.maximum(ink, 0, out=ink)  # Only what is darker (lighter) than white (black) paper is ink.
    strongest = float(ink.max())
    background = np.uint8(255 if white else 0)
    if strongest < NOISE or strongest - float(ink.min()) < NOISE:  # No ink, or no shape.
        blank = np.full((FIELD, FIELD), background, dtype=np.uint8)
        return Preprocessed(
            input=blank.astype(np.float32) / 255.0,
            empty=True,
            cropped=_to_uint8(grey),
            scaled20=np.full((BOX, BOX), background, dtype=np.uint8),
            centred=blank,
        )
    # Stretch the contrast so the strongest ink is full strength, as in MNIST (a photo's
    # grey paper and grey pencil would otherwise give a faint digit).
    ink *= 255.0 / strongest

    def as_drawn(a: np.ndarray) -> np.ndarray:
        return _to_uint8(255.0 - a if white else a)

    if not centre:
        h, w = ink.shape
        side = max(h, w)  # Pad to a square with paper so the shape is not distorted.
        square = np.zeros((side, side), dtype=np.float32)
        square[(side - h) // 2 : (side - h) // 2 + h, (side - w) // 2 : (side - w) // 2 + w] = ink
        small = as_drawn(_resize(square, FIELD, FIELD))
        return Preprocessed(small.astype(np.float32) / 255.0, False, as_drawn(ink), small, small)

    rows = np.flatnonzero((ink >= NOISE).any(axis=1))
    cols = np.flatnonzero((ink >= NOISE).any(axis=0))
    crop = ink[rows[0] : rows[-1] + 1, cols[0] : cols[-1] + 1]
    h, w = crop.shape
    scale = BOX / max(h, w)
    new_w, new_h = max(1, round(w * scale)), max(1, round(h * scale))
    scaled = np.clip(_resize(crop, new_w, new_h), 0, 255)

    # Place the scaled digit so that its centre of mass lands on pixel (14, 14), by whole pixels.
    mass = scaled.sum()
    com_y = (scaled.sum(axis=1) @ np.arange(new_h)) / mass
    com_x = (scaled.sum(axis=0) @ np.arange(new_w)) / mass
    top, left = int(np.rint(CENTRE - com_y)), int(np.rint(CENTRE - com_x))
    field = np.zeros((FIELD, FIELD), dtype=np.float32)
    # Clip the paste to the field: a lopsided digit may be pushed partly over the edge.
    y0, x0 = max(top, 0), max(left, 0)
    y1, x1 = min(top + new_h, FIELD), min(left + new_w, FIELD)
    field[y0:y1, x0:x1] = scaled[y0 - top : y1 - top, x0 - left : x1 - left]
    centred = as_drawn(field)
    return Preprocessed(
        input=centred.astype(np.float32) / 255.0,
        empty=False,
        cropped=as_drawn(crop),
        scaled20=as_drawn(scaled),
        centred=centred,
    )


def to_model_batch(pre: Preprocessed) -> np.ndarray:
    """The (1, 28, 28, 1) float32 batch a Keras MNIST model takes."""
    return pre.input.reshape(1, FIELD, FIELD, 1).astype(np.float32, copy=False)
