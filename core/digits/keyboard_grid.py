"""A digit drawn from the keyboard: cells of a grid in, the 28x28 picture the canvas would give out.

The Draw page's keyboard pen (ui/draw/keyboard_pen.py) inks cells of a GRID x GRID grid with
the arrow keys and Space. The browser sends the grid as a string of "0" and "1", row by row;
this module turns it into a 28x28 uint8 picture in the canvas's colours, so that the drawing
takes the same path as a mouse drawing (core.digits.predict.predict_drawing): crop, scale to
20 px, centre.

Why 14x14 cells, each 2x2 pixels of the 28x28 picture: a digit that fills most of the grid
(about 10 cells tall) is then about 20 px tall, the size MNIST scaled its digits to, and a
line one cell wide is 2 px wide, close to the width of MNIST's strokes. A 28x28 grid would
need twice the key presses for the same digit, and a line one cell wide would be too thin.
"""

from __future__ import annotations

import numpy as np

from core.digits.preprocess import FIELD

GRID = 14  # Cells on each side of the keyboard grid.
CELL = FIELD // GRID  # Pixels of the 28x28 picture on each side of one cell.
INK = {"black": 255, "white": 0}  # The canvas's ink on its two papers: white on black, ...
PAPER = {"black": 0, "white": 255}  # ... or black on white.


def parse_cells(text: str, size: int = GRID) -> np.ndarray:
    """The grid the browser sent, as a (size, size) bool array (True: inked).

    The text comes from the page, so anything but `size * size` characters of "0" and "1"
    is refused with a ValueError that says what was wrong, rather than drawn half.
    """
    if len(text) != size * size:
        raise ValueError(f"expected {size * size} cells, got {len(text)}")
    if set(text) - {"0", "1"}:
        raise ValueError('cells must be "0" (blank) or "1" (inked)')
    return np.frombuffer(text.encode("ascii"), dtype=np.uint8).reshape(size, size) == ord("1")


def cells_text(cells: np.ndarray) -> str:
    """The grid as the browser sends it: "0" and "1", row by row (the inverse of parse_cells)."""
    return "".join("1" if inked else "0" for inked in np.asarray(cells, dtype=bool).ravel())


def blank_cells(size: int = GRID) -> str:
    """An empty grid, as text."""
    return "0" * (size * size)


def grid_image(cells: np.ndarray, paper: str = "black") -> np.ndarray:
    """The 28x28 uint8 picture of the grid, each cell a CELL x CELL block, in the canvas's
    colours (white ink on black paper, or black ink on white).

    Blocks, not a smoothed line: the preprocessing scales the digit to 20 px with smoothing
    anyway (core.digits.preprocess), as it does a mouse drawing.
    """
    grid = np.asarray(cells, dtype=bool)
    if grid.ndim != 2 or grid.shape[0] != grid.shape[1] or FIELD % grid.shape[0]:
        raise ValueError(f"expected a square grid that divides {FIELD}, got {grid.shape}")
    if paper not in INK:
        raise ValueError(f"paper must be one of {tuple(INK)}, got {paper!r}")
    block = FIELD // grid.shape[0]
    inked = np.kron(grid, np.ones((block, block), dtype=bool))
    return np.where(inked, np.uint8(INK[paper]), np.uint8(PAPER[paper])).astype(np.uint8)


def line_cells(points: list[tuple[int, int]], size: int = GRID) -> np.ndarray:
    """Cells inked by a pen moved through (row, column) points one cell at a time, the way
    arrow keys move it: a slanted line becomes a staircase, a step along whichever
    direction has further to go.

    For tests and examples (a 1, a 7) that draw as a student at the keyboard would.
    """
    grid = np.zeros((size, size), dtype=bool)
    row, col = points[0]
    grid[row, col] = True
    for target_row, target_col in points[1:]:
        while (row, col) != (target_row, target_col):
            if abs(target_col - col) >= abs(target_row - row):
                col += 1 if target_col > col else -1
            else:
                row += 1 if target_row > row else -1
            grid[row, col] = True
    return grid
