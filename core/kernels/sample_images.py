"""Small greyscale images to convolve: scikit-learn's sample photos and a handwritten-like digit.

Images are kept small (160 pixels wide) so that every slider move recomputes in milliseconds.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageFont

from core.digits.image_files import decode_image, to_greyscale

PHOTOS = {"Chinese temple (photo)": "china.jpg", "Flower (photo)": "flower.jpg"}
SIDE = 160  # Pixels on the longer side of every image the Kernel page shows.


def resize_to_width(image: np.ndarray, width: int) -> np.ndarray:
    """Shrink (or grow) a greyscale uint8 image to `width` columns, keeping its shape."""
    height = max(1, round(image.shape[0] * width / image.shape[1]))
    small = Image.fromarray(np.asarray(image, dtype=np.uint8)).resize(
        (width, height), Image.Resampling.LANCZOS
    )
    return np.asarray(small, dtype=np.uint8)


def fit_within(image: np.ndarray, longest: int = SIDE) -> np.ndarray:
    """Shrink a greyscale image so its longer side is at most `longest` pixels."""
    if max(image.shape) <= longest:
        return np.asarray(image, dtype=np.uint8)
    width = min(longest, round(longest * image.shape[1] / image.shape[0]))
    return resize_to_width(image, max(width, 1))


def uploaded_image(data: bytes) -> np.ndarray:
    """An uploaded PNG or JPEG as grey uint8, at most SIDE pixels a side.

    Decoded straight to that size (core.digits.image_files), so a 25-megapixel upload never
    exists in memory at full size. Raises ImageFileError with a one-line reason.
    """
    return fit_within(decode_image(data, mode="L", longest=SIDE))


def sample_photo(filename: str, width: int = SIDE) -> np.ndarray:
    """One of scikit-learn's sample photos ("china.jpg", "flower.jpg"), grey, `width` wide.

    The JPEG is read straight from scikit-learn's folder: importing `sklearn.datasets` for
    `load_sample_image` would cost seconds on every fresh server (docs/performance.md,
    "Cold start").
    """
    if filename not in PHOTOS.values():
        raise ValueError(
            f"unknown sample photo {filename!r}; choose one of {list(PHOTOS.values())}"
        )
    spec = importlib.util.find_spec("sklearn")
    path = Path(spec.origin).parent / "datasets" / "images" / filename if spec else None
    if path is not None and path.is_file():
        with Image.open(path) as photo:
            rgb = np.asarray(photo.convert("RGB"))
    else:  # pragma: no cover - an unusual installation of scikit-learn.
        from sklearn.datasets import load_sample_image

        rgb = load_sample_image(filename)
    return resize_to_width(to_greyscale(rgb), width)


def sample_digit(digit: int) -> np.ndarray:
    """A 28x28 white-on-black digit (values 0-255, uint8): a real MNIST test digit when
    MNIST is at hand, otherwise one drawn with a font, thickened to look hand-written.
    """
    if not 0 <= digit <= 9:
        raise ValueError("digit must lie between 0 and 9")
    from core.mnist.data import mnist_if_at_hand

    data = mnist_if_at_hand()
    if data is not None:
        return np.array(data.x_test[int(np.flatnonzero(data.y_test == digit)[0])])
    canvas = Image.new("L", (56, 56), 0)
    font = ImageFont.load_default(size=44)
    ImageDraw.Draw(canvas).text((28, 28), str(digit), fill=255, font=font, anchor="mm")
    canvas = canvas.filter(ImageFilter.MaxFilter(3))  # A pen stroke, not a thin font line.
    box = canvas.getbbox()
    if box is None:  # pragma: no cover - a font without digits.
        return np.zeros((28, 28), dtype=np.uint8)
    ink = canvas.crop(box)
    scale = 20 / max(ink.size)  # MNIST fits each digit in a 20x20 box inside 28x28.
    ink = ink.resize(
        (max(1, round(ink.width * scale)), max(1, round(ink.height * scale))),
        Image.Resampling.LANCZOS,
    )
    out = Image.new("L", (28, 28), 0)
    out.paste(ink, ((28 - ink.width) // 2, (28 - ink.height) // 2))
    return np.asarray(out.filter(ImageFilter.GaussianBlur(0.5)), dtype=np.uint8)
