"""Kernel convolution, the operation a convolutional layer repeats with learned kernels.

Pure numpy: no Streamlit, no TensorFlow, so the convolution page stays fast. Like Keras'
`Conv2D`, `convolve` computes a cross-correlation (the kernel is not flipped) and keeps the
image's size ('same'), padding the border with zeros unless told to repeat the edge pixels.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal, NamedTuple

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

Padding = Literal["zero", "edge"]

# The largest kernel weight the page accepts, either sign. Every preset is within +-16, and
# at +-100 a 5x5 kernel over 0-255 pixels sums to at most 637,500: far from any overflow
# (1e308 once gave "inf" on the page and overflow warnings in the server's log).
WEIGHT_LIMIT = 100.0
DisplayMode = Literal["clip", "magnitude", "signed"]


@dataclass(frozen=True)
class Kernel:
    """A preset kernel: integer weights and a divisor, the way it is usually written down."""

    grid: tuple[tuple[int, ...], ...]
    divisor: float = 1.0
    about: str = ""

    @property
    def weights(self) -> np.ndarray:
        return np.asarray(self.grid, dtype=float) / self.divisor


SOBEL_MAGNITUDE = "Sobel magnitude"

KERNELS: dict[str, Kernel] = {
    "Identity": Kernel(((0, 0, 0), (0, 1, 0), (0, 0, 0)), about="copies each pixel unchanged."),
    "Sharpen": Kernel(
        ((0, -1, 0), (-1, 5, -1), (0, -1, 0)),
        about="the pixel minus its neighbours, added to itself: differences get stronger.",
    ),
    "Box blur": Kernel(((1, 1, 1), (1, 1, 1), (1, 1, 1)), 9, "the average of the 9 pixels."),
    "Gaussian blur": Kernel(
        ((1, 2, 1), (2, 4, 2), (1, 2, 1)), 16, "a weighted average, nearer pixels count more."
    ),
    "Edge detection (Laplacian)": Kernel(
        ((0, -1, 0), (-1, 4, -1), (0, -1, 0)),
        about="zero where the image is flat, large where a pixel differs from its neighbours.",
    ),
    "Sobel horizontal": Kernel(
        ((-1, -2, -1), (0, 0, 0), (1, 2, 1)),
        about="bottom row minus top row: finds horizontal edges (bright above dark or dark above "
        "bright).",
    ),
    "Sobel vertical": Kernel(
        ((-1, 0, 1), (-2, 0, 2), (-1, 0, 1)),
        about="right column minus left column: finds vertical edges.",
    ),
    "Emboss": Kernel(
        ((-2, -1, 0), (-1, 1, 1), (0, 1, 2)),
        about="one side minus the other, plus the pixel itself: edges look raised.",
    ),
}

DISPLAY_MODES: dict[str, str] = {
    "clip": "Values below 0 are shown as black and values above 255 as white.",
    "magnitude": "The sign is dropped and the values rescaled so the largest magnitude is white.",
    "signed": "Rescaled so 0 is mid-grey: negative values are darker, positive values lighter.",
}


def _check(image: np.ndarray, kernel: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    image = np.asarray(image, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    if image.ndim != 2 or kernel.ndim != 2:
        raise ValueError("image and kernel must both be 2-D (greyscale)")
    if kernel.shape[0] % 2 == 0 or kernel.shape[1] % 2 == 0:
        raise ValueError("the kernel needs an odd number of rows and columns, so it has a centre")
    return image, kernel


def _pad(image: np.ndarray, kernel: np.ndarray, padding: Padding) -> np.ndarray:
    if padding not in ("zero", "edge"):
        raise ValueError(f"padding must be 'zero' or 'edge', not {padding!r}")
    widths = ((kernel.shape[0] // 2,) * 2, (kernel.shape[1] // 2,) * 2)
    return np.pad(image, widths, mode="constant" if padding == "zero" else "edge")


def convolve(image: np.ndarray, kernel: np.ndarray, padding: Padding = "zero") -> np.ndarray:
    """Slide the kernel over the image; each output pixel is the sum of kernel x neighbourhood.

    The output has the input's size (Keras' padding="same"); pixels beyond the border count
    as 0 ('zero') or as copies of the nearest border pixel ('edge').
    """
    image, kernel = _check(image, kernel)
    windows = sliding_window_view(_pad(image, kernel, padding), kernel.shape)
    return np.einsum("ijkl,kl->ij", windows, kernel)


def sobel_magnitude(image: np.ndarray, padding: Padding = "zero") -> np.ndarray:
    """Edge strength in any direction: sqrt(horizontal response² + vertical response²)."""
    across = convolve(image, KERNELS["Sobel horizontal"].weights, padding)
    down = convolve(image, KERNELS["Sobel vertical"].weights, padding)
    return np.hypot(across, down)


class Neighbourhood(NamedTuple):
    """The arithmetic behind one output pixel, for the step-by-step view."""

    patch: np.ndarray  # the input pixels under the kernel (padding included at the border)
    products: np.ndarray  # patch * kernel, element by element
    total: float  # the output pixel: the sum of the products


def neighbourhood_products(
    image: np.ndarray, kernel: np.ndarray, row: int, col: int, padding: Padding = "zero"
) -> Neighbourhood:
    """The neighbourhood of (row, col), its products with the kernel and their sum."""
    image, kernel = _check(image, kernel)
    if not (0 <= row < image.shape[0] and 0 <= col < image.shape[1]):
        raise ValueError(f"pixel ({row}, {col}) lies outside the {image.shape} image")
    padded = _pad(image, kernel, padding)
    patch = padded[row : row + kernel.shape[0], col : col + kernel.shape[1]]
    products = patch * kernel
    return Neighbourhood(patch, products, float(products.sum()))


def to_display(result: np.ndarray, mode: DisplayMode = "clip") -> np.ndarray:
    """Turn a convolution's output (any real numbers) into 0-255 pixels a screen can show."""
    result = np.asarray(result, dtype=float)
    if mode == "clip":
        shown = result
    elif mode == "magnitude":
        peak = np.abs(result).max()
        shown = np.abs(result) * (255 / peak) if peak > 0 else np.zeros_like(result)
    elif mode == "signed":
        peak = np.abs(result).max()
        shown = 127.5 + result * (127.5 / peak) if peak > 0 else np.full_like(result, 127.5)
    else:
        raise ValueError(f"mode must be one of {list(DISPLAY_MODES)}, not {mode!r}")
    return np.clip(np.rint(shown), 0, 255).astype(np.uint8)


def max_pool(image: np.ndarray, size: int = 2) -> tuple[np.ndarray, np.ndarray]:
    """Keep the largest value of each size x size tile, as Keras' MaxPool2D does.

    Returns the pooled image and, for each tile, the (row, col) in the input of the value it
    kept. Rows and columns that do not fill a whole tile are dropped (padding="valid").
    """
    image = np.asarray(image)
    if image.ndim != 2 or size < 1:
        raise ValueError("max_pool needs a 2-D image and a tile size of at least 1")
    rows, cols = image.shape[0] // size, image.shape[1] // size
    if rows == 0 or cols == 0:
        raise ValueError(f"the image is smaller than one {size}x{size} tile")
    tiles = image[: rows * size, : cols * size].reshape(rows, size, cols, size).swapaxes(1, 2)
    flat = tiles.reshape(rows, cols, size * size)
    winner = flat.argmax(axis=2)
    pooled = np.take_along_axis(flat, winner[..., None], axis=2)[..., 0]
    grid_r, grid_c = np.indices((rows, cols))
    positions = np.stack([grid_r * size + winner // size, grid_c * size + winner % size], axis=-1)
    return pooled, positions


def embed(kernel: np.ndarray, size: int) -> np.ndarray:
    """Centre a small kernel in a size x size grid of zeros; it computes the same result."""
    kernel = np.asarray(kernel, dtype=float)
    if size < max(kernel.shape) or (size - kernel.shape[0]) % 2:
        raise ValueError(f"cannot centre a {kernel.shape} kernel in {size}x{size}")
    out = np.zeros((size, size))
    top, left = (size - kernel.shape[0]) // 2, (size - kernel.shape[1]) // 2
    out[top : top + kernel.shape[0], left : left + kernel.shape[1]] = kernel
    return out
