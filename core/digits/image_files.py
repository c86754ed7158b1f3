"""Safe decoding of uploaded PNG and JPEG files, shared by the pages and the command line.

An upload is untrusted: it may be empty, not an image, cut short, enormous once decoded
(a "decompression bomb": a few kilobytes that expand to gigabytes) or absurdly shaped.
Every such file becomes an `ImageFileError` whose message is one plain sentence; sizes are
checked from the header BEFORE any pixel is decoded.
"""

from __future__ import annotations

import io
import os
import warnings
from pathlib import Path
from typing import Literal

import numpy as np
from PIL import Image, ImageOps

MAX_PIXELS = 25_000_000
MAX_BYTES = 5 * 2**20
MAX_ASPECT = 50
FORMATS = ("PNG", "JPEG")


class ImageFileError(ValueError):
    """A file that cannot be used as an image here; the message says why, in one line."""


def _megabytes(n: int) -> str:
    return f"{n / 2**20:.1f} MB"


def _open(data: bytes, max_pixels: int) -> Image.Image:
    """Read only the header; PIL's own bomb check is turned into our error too."""
    with warnings.catch_warnings():
        warnings.simplefilter("error", Image.DecompressionBombWarning)
        try:
            image = Image.open(io.BytesIO(data))
        except (Image.DecompressionBombError, Image.DecompressionBombWarning) as err:
            raise ImageFileError(
                f"The image has too many pixels to decode safely (the limit is {max_pixels:,})."
            ) from err
        except Exception as err:  # Untrusted bytes: PIL's plugins raise many kinds of error.
            raise ImageFileError("The file is not a PNG or JPEG image that can be read.") from err
    if image.format not in FORMATS:
        raise ImageFileError(f"Only PNG and JPEG images are accepted, not {image.format}.")
    return image


def _check_size(width: int, height: int, max_pixels: int, max_aspect: float) -> None:
    if width < 1 or height < 1:
        raise ImageFileError("The image has no pixels.")
    if width * height > max_pixels:
        raise ImageFileError(
            f"The image is {width:,} x {height:,} pixels: more than the {max_pixels:,} allowed."
        )
    if max(width, height) / min(width, height) > max_aspect:
        raise ImageFileError(
            f"The image is {width:,} x {height:,} pixels: too long and thin "
            f"(more than 1:{max_aspect:g})."
        )


def _to_rgba(image: Image.Image) -> Image.Image:
    """Any PIL mode to RGBA; 16- and 32-bit greyscale are scaled, not clipped, to 8 bits."""
    if image.mode in ("I", "I;16", "I;16B", "I;16L", "I;16N", "F"):
        values = np.asarray(image, dtype=float)
        if values.max(initial=0) > 255:
            values = values / 257  # 16-bit: 65535 -> 255.
        grey = np.clip(np.rint(values), 0, 255).astype(np.uint8)
        image = Image.fromarray(grey)
    return image.convert("RGBA")


def decode_image(
    data: bytes,
    max_pixels: int = MAX_PIXELS,
    max_bytes: int = MAX_BYTES,
    max_aspect: float = MAX_ASPECT,
    mode: Literal["RGBA", "L"] = "RGBA",
) -> np.ndarray:
    """Decode PNG or JPEG bytes to a uint8 array, upright as the camera's EXIF tag says.

    mode="RGBA" (default) gives shape (height, width, 4); mode="L" gives greyscale
    (height, width), with any transparency laid over white paper.
    Raises ImageFileError for anything that is not a reasonable image.
    """
    if not data:
        raise ImageFileError("The file is empty.")
    if len(data) > max_bytes:
        raise ImageFileError(
            f"The file is {_megabytes(len(data))}; the limit is {_megabytes(max_bytes)}."
        )
    image = _open(bytes(data), max_pixels)
    _check_size(*image.size, max_pixels, max_aspect)
    try:
        image.load()
        image = ImageOps.exif_transpose(image) or image
        rgba = _to_rgba(image)
    except Exception as err:  # Truncated data raises OSError, broken chunks SyntaxError, ...
        raise ImageFileError(f"The {image.format} file is damaged or cut short.") from err
    array = np.asarray(rgba, dtype=np.uint8)
    return to_greyscale(array) if mode == "L" else array


def load_image_file(path: str | os.PathLike, **limits) -> np.ndarray:
    """Read and decode an image file (for the command line); same checks as `decode_image`."""
    path = Path(path)
    max_bytes = limits.get("max_bytes", MAX_BYTES)
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise ImageFileError(
                f"{path.name} is {_megabytes(size)}; the limit is {_megabytes(max_bytes)}."
            )
        data = path.read_bytes()
    except OSError as err:
        raise ImageFileError(f"Cannot read {path}: {err.strerror or err}.") from err
    return decode_image(data, **limits)


def to_greyscale(image: np.ndarray, paper: int = 255) -> np.ndarray:
    """RGBA, RGB or grey uint8 to greyscale uint8; transparent parts become `paper`."""
    image = np.asarray(image)
    if image.ndim == 2:
        return image.astype(np.uint8)
    rgb = image[..., :3].astype(float)
    grey = rgb @ np.array([0.299, 0.587, 0.114])  # ITU-R 601 luma, as PIL's convert("L").
    if image.shape[-1] == 4:
        alpha = image[..., 3] / 255.0
        grey = grey * alpha + paper * (1 - alpha)
    return np.clip(np.rint(grey), 0, 255).astype(np.uint8)
