"""How a picture's pixels compare with MNIST's: its paper, its marks, and which way round.

Every MNIST digit is white ink on black paper; these measures let the Draw page say which of
the workshop's pictures is which from the pixels, not from a list written by hand. You may
skip the numbers (docs/architecture.md, "How a picture looks").
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

MARK_STEP = 0.25  # A pixel at least a quarter of the range away from the paper is a mark.
BOTH_WAYS_FROM = 0.05  # Marks darker and lighter than the paper, each on 5%+ of the pixels.
STRONGEST_PERCENTILE = 99.5  # The strongest marks, ignoring the odd stray pixel.
GREY_PAPER = (0.25, 0.75)  # Paper this bright is neither black nor white.
UNEVEN_FROM = 0.25  # The paper's 10th-90th percentile range: wider than this is uneven.

MNIST_PAPER = 0.0  # Black, in every MNIST digit.
MNIST_LEAST_CONTRAST = 0.8  # Every MNIST digit's ink is at least this far from its paper.

LIGHT_ON_DARK = "light-on-dark"
DARK_ON_LIGHT = "dark-on-light"
BOTH_WAYS = "both ways"
BLANK = "blank"


@dataclass(frozen=True)
class Look:
    """A picture's paper and marks, each as a brightness or a share between 0 and 1."""

    paper: float  # Median brightness of the outermost ring of pixels: 0 black, 1 white.
    paper_low: float  # 10th percentile of that ring ...
    paper_high: float  # ... and 90th: how even the paper is.
    darker: float  # Share of pixels at least MARK_STEP darker than the paper.
    lighter: float  # Share of pixels at least MARK_STEP lighter than the paper.
    contrast: float  # How far the strongest marks are from the paper (0 to 1).

    @property
    def way_round(self) -> str:
        """LIGHT_ON_DARK (like MNIST), DARK_ON_LIGHT (like MNIST inverted), BOTH_WAYS or BLANK."""
        if self.darker >= BOTH_WAYS_FROM and self.lighter >= BOTH_WAYS_FROM:
            return BOTH_WAYS
        if self.lighter > self.darker:
            return LIGHT_ON_DARK
        if self.darker > self.lighter:
            return DARK_ON_LIGHT
        return BLANK

    @property
    def grey_paper(self) -> bool:
        """Paper neither black (MNIST's) nor white (MNIST inverted)."""
        return GREY_PAPER[0] <= self.paper <= GREY_PAPER[1]

    @property
    def greyness(self) -> float:
        """How far the paper is from both black and white: 0 for either, 0.5 for mid grey."""
        return min(self.paper, 1.0 - self.paper)

    @property
    def uneven_paper(self) -> bool:
        return self.paper_high - self.paper_low > UNEVEN_FROM

    @property
    def faint(self) -> bool:
        """Marks closer to the paper than any MNIST digit's ink is to its paper."""
        return self.contrast < MNIST_LEAST_CONTRAST


def border(image: np.ndarray) -> np.ndarray:
    """The outermost ring of pixels, which stands for the paper: MNIST leaves it empty."""
    return np.concatenate([image[0], image[-1], image[1:-1, 0], image[1:-1, -1]])


def look(image: np.ndarray) -> Look:
    """Measure a grey picture (2-D, 0-255) against what MNIST's digits look like.

    Why the border: MNIST centres each digit in a 20x20 box inside 28x28, so its outermost
    pixels are paper; the workshop's pictures are photos and scans, whose edges are paper too.
    """
    grey = np.asarray(image, dtype=float)
    if grey.ndim != 2 or min(grey.shape) < 3:
        raise ValueError(f"Expected a grey picture of at least 3x3 pixels, not {grey.shape}.")
    grey = np.clip(grey, 0, 255) / 255.0
    ring = border(grey)
    paper = float(np.median(ring))
    low, high = np.percentile(ring, [10, 90])
    away = grey - paper
    return Look(
        paper=paper,
        paper_low=float(low),
        paper_high=float(high),
        darker=float(np.mean(away <= -MARK_STEP)),
        lighter=float(np.mean(away >= MARK_STEP)),
        contrast=float(np.percentile(np.abs(away), STRONGEST_PERCENTILE)),
    )
