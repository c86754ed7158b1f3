"""The Kernel and Inside-the-CNN pictures in words, with their numbers.

A grey picture, a grid of numbers or a row of feature maps says nothing to a screen reader;
these sentences say what is in them, computed from the very values drawn.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MAX_CELLS = 49  # A grid read out cell by cell up to 7x7; larger ones are summarised.


def _number(value: float, fmt: str) -> str:
    return format(float(value), fmt)


def picture_text(image: np.ndarray, title: str) -> str:
    """A grey picture's size, darkest and brightest values and where the brightest is."""
    values = np.nan_to_num(np.asarray(image, dtype=float))
    height, width = values.shape
    row, col = np.unravel_index(int(values.argmax()), values.shape)
    bright = float(values.max())
    lit = int((values > (bright + values.min()) / 2).sum()) if bright > values.min() else 0
    text = (
        f"{title}: a grey picture of {width}x{height} pixels, values from "
        f"{values.min():.0f} (black) to {bright:.0f} (white), average {values.mean():.0f}"
    )
    if lit:
        text += (
            f"; {lit:,} of {values.size:,} pixels are nearer white than black, the first "
            f"brightest at row {row}, column {col}"
        )
    return text + "."


def matrix_text(
    values: np.ndarray, title: str, fmt: str = ".0f", first: tuple[int, int] = (0, 0)
) -> str:
    """A small grid of numbers read row by row (rows and columns as the chart labels them)."""
    values = np.asarray(values, dtype=float)
    rows, cols = values.shape
    head = f"{title}: {rows}x{cols} numbers"
    if values.size > MAX_CELLS:
        return (
            f"{head}, from {_number(values.min(), fmt)} to {_number(values.max(), fmt)}, "
            f"average {_number(values.mean(), fmt)}."
        )
    read = "; ".join(
        f"row {first[0] + r}: " + ", ".join(_number(v, fmt) for v in values[r]) for r in range(rows)
    )
    negatives = int((values < 0).sum())
    sign = f" {negatives} of them negative." if negatives else ""
    return f"{head}, columns {first[1]} to {first[1] + cols - 1}. {read}.{sign}"


def maps_text(maps: np.ndarray, names: Sequence[str], what: str) -> str:
    """A row of maps (filters or feature maps) on one scale: each one's range, the strongest.

    `what` names them in the plural ("feature maps", "filters").
    """
    maps = np.nan_to_num(np.asarray(maps, dtype=float))
    if len(maps) != len(names):
        raise ValueError(f"{len(maps)} maps for {len(names)} names")
    if not len(maps):
        return f"No {what}."
    height, width = maps.shape[1:]
    peaks = maps.reshape(len(maps), -1).max(axis=1)
    strongest = int(peaks.argmax())
    empty = [names[i] for i in range(len(maps)) if not np.any(maps[i])]
    text = (
        f"{len(maps)} {what} of {width}x{height}. Strongest value "
        f"{peaks[strongest]:.3g}, in {names[strongest]}. "
        + "; ".join(
            f"{name}: {m.min():.3g} to {m.max():.3g}" for name, m in zip(names, maps, strict=True)
        )
        + "."
    )
    if empty:
        text += f" All zero: {', '.join(empty)}."
    return text
