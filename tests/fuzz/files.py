"""Files for the upload fuzz tests: images, bombs, junk archives and small Keras models."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import numpy as np
from hypothesis import HealthCheck, settings
from PIL import Image

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
INPUT_SHAPE, CLASSES = (28, 28, 1), 10  # What the Draw page asks of a model.


def encode(image: Image.Image, fmt: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def noise(mode: str = "RGB", size: tuple[int, int] = (48, 40), seed: int = 0) -> Image.Image:
    """A noisy picture: compresses badly, so a cut lands inside the pixel data."""
    channels = {"RGB": 3, "RGBA": 4, "L": 1}[mode]
    values = np.random.default_rng(seed).integers(0, 256, (size[1], size[0], channels), np.uint8)
    return Image.fromarray(values[..., 0] if channels == 1 else values, mode)


def chunk(kind: bytes, data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))


def png_header(width: int, height: int) -> bytes:
    """A tiny PNG that claims `width` x `height` pixels: a decompression bomb's header."""
    ihdr = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    idat = zlib.compress(b"\0" * 1000)  # A few rows of pixel data; the rest never comes.
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


PNG = encode(noise("RGBA"), "PNG")
JPEG = encode(noise("RGB"), "JPEG", quality=90)


BAD_IMAGES = {
    "empty.png": b"",
    "bomb.png": png_header(30_000, 30_000),
    "thin.png": encode(Image.new("L", (50_000, 1), 255), "PNG"),
    "cut.jpg": JPEG[: len(JPEG) // 2],
    # Renamed: Streamlit itself refuses a ".gif" name for type=["png", "jpg", "jpeg"].
    "gif-renamed.png": encode(noise("RGB", (16, 16)), "GIF"),
    "bmp-renamed.jpg": encode(noise("RGB", (16, 16)), "BMP"),
    "random.png": bytes(np.random.default_rng(3).integers(0, 256, 700, np.uint8)),
}


def odd_images() -> dict[str, bytes]:
    grey = np.zeros((60, 40), np.uint8)
    grey[15:45, 18:22] = 255  # A white "1" on black.
    palette = Image.fromarray(grey).convert("P")
    la = Image.fromarray(np.stack([grey, np.full_like(grey, 255)], axis=-1), "LA")
    grey16 = Image.fromarray(grey.astype(np.uint16) * 257)  # 16-bit grey, mode I;16.
    cmyk = Image.fromarray(np.stack([255 - grey] * 3, axis=-1)).convert("CMYK")
    rotated = Image.fromarray(np.stack([grey] * 3, axis=-1))
    exif = Image.Exif()
    exif[0x0112] = 6  # Orientation: rotate 90 degrees clockwise to show upright.
    transparent = np.zeros((50, 50, 4), np.uint8)
    transparent[10:40, 24:27] = (0, 0, 0, 255)  # Black strokes on a transparent sheet.
    return {
        "palette": encode(palette, "PNG"),
        "LA": encode(la, "PNG"),
        "16-bit grey": encode(grey16, "PNG"),
        "CMYK JPEG": encode(cmyk, "JPEG"),
        "EXIF-rotated JPEG": encode(rotated, "JPEG", exif=exif),
        "RGBA transparent": encode(Image.fromarray(transparent, "RGBA"), "PNG"),
        "1x1": encode(Image.new("L", (1, 1), 0), "PNG"),
    }


def model_bytes(model) -> bytes:
    from core.engine.models.files import model_to_bytes

    return model_to_bytes(model)


def small_model(input_shape=INPUT_SHAPE, classes=CLASSES, lambda_layer: bool = False):
    import keras

    layers = [keras.Input(shape=input_shape), keras.layers.Flatten()]
    if lambda_layer:
        layers.append(keras.layers.Lambda(lambda x: x * 2.0))
    layers.append(keras.layers.Dense(classes, activation="softmax"))
    return keras.Sequential(layers)


def junk_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def padded_zip(files: dict[str, bytes], pad_mb: int) -> bytes:
    """`files` plus an asset of `pad_mb` MB of zeros, written in 1 MB pieces (a zip bomb
    that costs the test little memory: it is a few hundred KB compressed)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
        with archive.open("assets/pad.bin", "w", force_zip64=True) as pad:
            for _ in range(pad_mb):
                pad.write(bytes(2**20))
    return buffer.getvalue()


_GOOD: list[bytes] = []


def good_model_file() -> bytes:
    if not _GOOD:
        _GOOD.append(model_bytes(small_model()))
    return _GOOD[0]


def two_input_model():
    """Right first input and output, plus a second input the Draw page never provides."""
    import keras

    image = keras.Input(shape=INPUT_SHAPE)
    extra = keras.Input(shape=(3,))
    joined = keras.layers.Concatenate()([keras.layers.Flatten()(image), extra])
    return keras.Model([image, extra], keras.layers.Dense(CLASSES, activation="softmax")(joined))
