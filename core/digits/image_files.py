"""Safe decoding of uploaded PNG and JPEG files, shared by the pages and the command line.

An upload is untrusted and a class shares one small server: every bad file becomes one plain
sentence (`ImageFileError`), sizes are checked before any pixel is decoded, and no full-size
copy is made (docs/architecture.md, "Decoding an upload").
"""

from __future__ import annotations

import io
import math
import os
import warnings
from pathlib import Path
from typing import Literal

import numpy as np
from PIL import Image, PngImagePlugin

from core.digits.jpeg_scans import JpegScanError, jpeg_buffer_bytes

MAX_PIXELS = 25_000_000
MAX_BYTES = 5 * 2**20
MAX_ASPECT = 50
# What the decoder may hold at once: a whole PNG as PIL stores it, or a progressive JPEG's
# coefficients. 64 MB is a 16-megapixel colour PNG or a 25-megapixel grey one; with the
# strips and the result an accepted file stays well under 100 MB above the baseline.
MAX_DECODE_BYTES = 64 * 2**20
# Progressive JPEGs have ~10 scans (libjpeg's default script). libjpeg decodes every scan
# even when they repeat, so a small file that repeats one scan thousands of times takes
# seconds to decode (docs/reliability.md, "Uploaded images").
MAX_JPEG_SCANS = 100
# The most any page uses: the Draw page finds the digit in it and scales that to 20 px, so
# a digit a quarter of the photo wide still gets 140 px for its 20 (see decode_image).
WORKING_SIDE = 560
FORMATS = {"PNG": "PNG", "JPEG": "JPEG", "MPO": "JPEG"}  # Many phones write MPO JPEGs.
STRIP_PIXELS = 2**18  # Pixels converted at once while shrinking a PNG (1 MB as RGBA).

# PIL keeps up to 64 MB of a PNG's text chunks by default; an upload's text is never used.
PngImagePlugin.MAX_TEXT_MEMORY = min(PngImagePlugin.MAX_TEXT_MEMORY, 2**20)

_BYTES_PER_PIXEL = {"1": 1, "L": 1, "P": 1, "I;16": 2, "I;16B": 2, "I;16L": 2, "I;16N": 2}
_SIXTEEN_BIT = ("I", "I;16", "I;16B", "I;16L", "I;16N", "F")
_GREY = ("1", "L", *_SIXTEEN_BIT)
_TRANSPOSE = {
    2: Image.Transpose.FLIP_LEFT_RIGHT,
    3: Image.Transpose.ROTATE_180,
    4: Image.Transpose.FLIP_TOP_BOTTOM,
    5: Image.Transpose.TRANSPOSE,
    6: Image.Transpose.ROTATE_270,
    7: Image.Transpose.TRANSVERSE,
    8: Image.Transpose.ROTATE_90,
}


class ImageFileError(ValueError):
    """A file that cannot be used as an image here; the message says why, in one line."""


def _megabytes(n: int) -> str:
    return f"{n / 2**20:.1f} MB"


def _open(data: bytes, max_pixels: int) -> Image.Image:
    """Read only the header; PIL's own bomb check is turned into our error too."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # E.g. "Corrupt EXIF data": not news for the server log.
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


def _check_decode_cost(image: Image.Image, data: bytes, max_decode_bytes: int) -> None:
    """Refuse, from the header, a file whose decoding alone would need too much memory."""
    width, height = image.size
    if FORMATS[image.format] == "PNG":
        needed = width * height * _BYTES_PER_PIXEL.get(image.mode, 4)
        what = "16-bit PNG" if image.mode in _SIXTEEN_BIT else "colour PNG"
        advice = "send a smaller image or a JPEG"
    else:
        try:
            needed, scans = jpeg_buffer_bytes(
                data, width, height, image.layer, max_scans=MAX_JPEG_SCANS
            )
        except JpegScanError as err:
            raise ImageFileError("The JPEG file is damaged or cut short.") from err
        if scans > MAX_JPEG_SCANS:
            raise ImageFileError(
                f"The JPEG is stored in more than {MAX_JPEG_SCANS} passes (scans), too many "
                "to decode quickly: save it again as a normal JPEG."
            )
        what, advice = "progressive JPEG", "send a smaller image or save it as a normal JPEG"
    if needed > max_decode_bytes:
        raise ImageFileError(
            f"The image is a {what} of {width:,} x {height:,} pixels, which needs "
            f"{_megabytes(needed)} to decode (the limit is {_megabytes(max_decode_bytes)}): "
            f"{advice}."
        )


def _scaled_jpeg(image: Image.Image, longest: int, mode: str) -> None:
    """Ask libjpeg for the smallest 1/2, 1/4 or 1/8 scale that keeps `longest` pixels."""
    width, height = image.size
    side = max(width, height)
    wanted = (max(1, width * longest // side), max(1, height * longest // side))
    image.draft("L" if mode == "L" else "RGB", wanted)


def _strip_to(strip: Image.Image, working: str, sixteen_scale: float) -> Image.Image:
    """One strip of rows in the working mode ("L" or "RGBA"); 16-bit is scaled to 8 bits."""
    if strip.mode in _SIXTEEN_BIT:
        values = np.asarray(strip, dtype=np.float32) * sixteen_scale
        return Image.fromarray(np.clip(np.rint(values), 0, 255).astype(np.uint8))
    return strip.convert(working)


def _shrink(image: Image.Image, longest: int) -> Image.Image:
    """The loaded image, at most `longest` pixels a side, in "L" (grey sources) or "RGBA".

    `Image.reduce` averages whole blocks of pixels, strip by strip, down to between one and
    two times `longest`; a final Lanczos resize on that small image gives the exact size.
    """
    grey = image.mode in _SIXTEEN_BIT or (image.mode in _GREY and "transparency" not in image.info)
    working = "L" if grey else "RGBA"
    sixteen_scale = 1.0
    if image.mode in _SIXTEEN_BIT:
        high = image.getextrema()[1]
        sixteen_scale = 1 / 257 if high > 255 else 1.0  # 16-bit: 65535 -> 255, not clipped.
    width, height = image.size
    factor = max(1, max(width, height) // longest)
    rows = max(factor, STRIP_PIXELS // width // factor * factor)
    small = Image.new(working, (math.ceil(width / factor), math.ceil(height / factor)))
    for top in range(0, height, rows):
        strip = _strip_to(
            image.crop((0, top, width, min(top + rows, height))), working, sixteen_scale
        )
        small.paste(strip.reduce(factor) if factor > 1 else strip, (0, top // factor))
    if max(small.size) > longest:
        scale = longest / max(small.size)
        size = (max(1, round(small.width * scale)), max(1, round(small.height * scale)))
        small = small.resize(size, Image.Resampling.LANCZOS)
    return small


def _upright(image: Image.Image, small: Image.Image) -> Image.Image:
    """The small image turned as the camera's EXIF orientation tag says (broken tags: as is)."""
    try:
        with warnings.catch_warnings():  # PIL warns of corrupt EXIF data: not our server's news.
            warnings.simplefilter("ignore")
            orientation = image.getexif().get(0x0112)
    except Exception:  # A broken EXIF block does not spoil the picture itself.
        return small
    method = _TRANSPOSE.get(orientation) if isinstance(orientation, int) else None
    return small.transpose(method) if method is not None else small


def decode_image(
    data: bytes,
    max_pixels: int = MAX_PIXELS,
    max_bytes: int = MAX_BYTES,
    max_aspect: float = MAX_ASPECT,
    mode: Literal["RGBA", "L"] = "RGBA",
    longest: int = WORKING_SIDE,
    max_decode_bytes: int = MAX_DECODE_BYTES,
) -> np.ndarray:
    """Decode PNG or JPEG bytes to a uint8 array at most `longest` pixels a side, upright as
    the camera's EXIF tag says.

    mode="RGBA" (default) gives shape (height, width, 4); mode="L" gives greyscale
    (height, width), with any transparency laid over white paper. The default `longest`
    (560) is what the Draw page uses; the Kernel page asks for 160.
    Raises ImageFileError for anything that is not a reasonable image.
    """
    if not data:
        raise ImageFileError("The file is empty.")
    if len(data) > max_bytes:
        raise ImageFileError(
            f"The file is {_megabytes(len(data))}; the limit is {_megabytes(max_bytes)}."
        )
    if longest < 1:
        raise ValueError(f"longest must be at least 1, got {longest}")
    data = bytes(data)
    image = _open(data, max_pixels)
    _check_size(*image.size, max_pixels, max_aspect)
    _check_decode_cost(image, data, max_decode_bytes)
    kind = FORMATS[image.format]
    try:
        if kind == "JPEG":
            _scaled_jpeg(image, longest, mode)
        image.load()
        small = _upright(image, _shrink(image, longest))
    except Exception as err:  # Truncated data raises OSError, broken chunks SyntaxError, ...
        raise ImageFileError(f"The {kind} file is damaged or cut short.") from err
    finally:
        image.close()
    if mode == "L":
        return to_greyscale(np.asarray(small.convert("RGBA") if small.mode != "L" else small))
    return np.asarray(small.convert("RGBA"), dtype=np.uint8)


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
