"""A picture in a frame: a light outline round its edge, a dark plate inside, and a mark on it.

The workshop's 9 is a house number on a dark plate in a light frame; measured as paper and ink
it would go unmentioned, so the three parts are measured instead. The steps, which you may
skip: docs/architecture.md, "A picture in a frame".
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import ndimage

BAND = 3  # The frame lies in the outermost 3 pixels of each side.
PLATE_FROM = 0.5  # At least half of the inside dark: a plate, not light paper with ink.
STRONGEST_PERCENTILE = 99.5  # The mark's strongest pixels, ignoring the odd stray one.


@dataclass(frozen=True)
class Framed:
    """A framed picture's parts, each brightness between 0 (black) and 1 (white)."""

    frame: float  # Median brightness of the light pixels in the outer band.
    plate: float  # Median brightness of the dark pixels inside the band.
    mark: float  # How bright the mark on the plate gets (its strongest pixels).
    plate_share: float  # Share of the inside that is dark: the plate.
    corners_cut: int  # Corners (0-4) left outside the frame: 4 makes a rounded outline.

    @property
    def rounded(self) -> bool:
        """The frame cuts across all four corners: a closed, rounded loop, like a 0."""
        return self.corners_cut == 4


def otsu_threshold(grey: np.ndarray) -> int:
    """The 0-255 level that best splits the pixels into a dark and a light group (Otsu).

    It maximises the between-group variance w0 w1 (m0 - m1)^2 over all cuts; pixels at or
    above the level are light.
    """
    counts = np.bincount(np.asarray(grey, dtype=np.uint8).ravel(), minlength=256).astype(float)
    share = counts / counts.sum()
    levels = np.arange(256, dtype=float)
    w0 = np.cumsum(share)[:-1]  # Dark group for a cut at 1..255: levels below the cut.
    sum0 = np.cumsum(share * levels)[:-1]
    w1 = 1.0 - w0
    with np.errstate(divide="ignore", invalid="ignore"):
        between = w0 * w1 * (sum0 / w0 - (sum0[-1] + share[-1] * 255 - sum0) / w1) ** 2
    between = np.nan_to_num(between, nan=-1.0, posinf=-1.0, neginf=-1.0)
    return int(between.argmax()) + 1


def outside(dark: np.ndarray) -> np.ndarray:
    """Dark pixels joined to the picture's edge through dark pixels (side by side, not only
    corner to corner, so a diagonal line of light pixels still closes a loop)."""
    labels, _ = ndimage.label(dark)
    edge = np.concatenate([labels[0], labels[-1], labels[:, 0], labels[:, -1]])
    return np.isin(labels, edge[edge > 0])


def _depth(out: np.ndarray) -> int:
    """How far the outside reaches in from the top edge along its middle half, up to BAND."""
    width = out.shape[1]
    middle = out[:BAND, width // 4 : width - width // 4]
    return int(np.median(np.cumprod(middle, axis=0).sum(axis=0)))


def _cut(out: np.ndarray, corner: int) -> bool:
    """Whether the frame cuts across one corner (0-3, each turned to the top left in turn):
    more of the corner's BAND x BAND square lies outside than a square corner would leave,
    given how far in the frame runs along the two sides that meet there."""
    turned = np.rot90(out, corner)  # Its sides are now the top and the left.
    top, left = _depth(turned), _depth(turned.T)
    square = BAND * BAND - (BAND - top) * (BAND - left)
    return int(turned[:BAND, :BAND].sum()) > square


def framed(image: np.ndarray) -> Framed | None:
    """Measure a grey picture (2-D, 0-255) as a framed plate, or None if it is not one."""
    grey = np.clip(np.asarray(image, dtype=float), 0, 255)
    if grey.ndim != 2 or min(grey.shape) <= 2 * BAND + 2:
        raise ValueError(f"Expected a grey picture larger than 8x8 pixels, not {grey.shape}.")
    light = grey >= otsu_threshold(np.rint(grey))
    dark = ~light
    out = outside(dark)
    inside = np.zeros_like(light)
    inside[BAND:-BAND, BAND:-BAND] = True
    band = ~inside
    plate = dark & inside
    plate_share = float(plate.sum() / inside.sum())
    if (out & inside).any() or plate_share < PLATE_FROM or not (light & band).any():
        return None  # Open to the edge, light inside (paper), or no light round it.
    corners_cut = sum(_cut(out, corner) for corner in range(4))
    bright = grey / 255.0
    return Framed(
        frame=float(np.median(bright[light & band])),
        plate=float(np.median(bright[plate])),
        mark=float(np.percentile(bright[inside], STRONGEST_PERCENTILE)),
        plate_share=plate_share,
        corners_cut=int(corners_cut),
    )
