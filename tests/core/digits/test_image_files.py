"""Safe image decoding: every bad file gives a one-line ImageFileError, good files decode."""

from __future__ import annotations

import io
import struct
import zlib

import numpy as np
import pytest
from PIL import Image

from core.digits.image_files import ImageFileError, decode_image, load_image_file, to_greyscale


def _png(image: Image.Image, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", **params)
    return buffer.getvalue()


def _jpeg(image: Image.Image, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="JPEG", **params)
    return buffer.getvalue()


def _chunk(kind: bytes, data: bytes) -> bytes:
    body = kind + data
    return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))


def _header_only_png(width: int, height: int) -> bytes:
    """A tiny PNG whose header claims width x height pixels: a decompression bomb's shape."""
    ihdr = struct.pack(">IIBBBBB", width, height, 1, 0, 0, 0, 0)  # 1-bit greyscale.
    idat = zlib.compress(b"\0" * 64)
    chunks = _chunk(b"IHDR", ihdr) + _chunk(b"IDAT", idat) + _chunk(b"IEND", b"")
    return b"\x89PNG\r\n\x1a\n" + chunks


def _assert_one_line(err: pytest.ExceptionInfo) -> None:
    message = str(err.value)
    assert message and "\n" not in message and isinstance(err.value, ValueError)


def _gradient(mode: str = "RGB", size=(40, 30)) -> Image.Image:
    x = np.linspace(0, 255, size[0], dtype=np.uint8)
    grey = np.tile(x, (size[1], 1))
    return Image.fromarray(grey).convert(mode)


def test_empty_data():
    with pytest.raises(ImageFileError, match="empty") as err:
        decode_image(b"")
    _assert_one_line(err)


def test_random_bytes():
    data = np.random.default_rng(0).integers(0, 256, 5000, dtype=np.uint8).tobytes()
    with pytest.raises(ImageFileError, match="not a PNG or JPEG") as err:
        decode_image(data)
    _assert_one_line(err)


def test_text_file_renamed_to_png():
    with pytest.raises(ImageFileError):
        decode_image(b"hello, this is not an image\n" * 10)


@pytest.mark.parametrize("encode", [_png, _jpeg])
def test_truncated_files(encode):
    noise = np.random.default_rng(1).integers(0, 256, (120, 160, 3), dtype=np.uint8)
    data = encode(Image.fromarray(noise))
    with pytest.raises(ImageFileError, match="damaged or cut short") as err:
        decode_image(data[: len(data) // 2])
    _assert_one_line(err)


def test_file_over_the_byte_limit():
    data = _png(_gradient())
    with pytest.raises(ImageFileError, match="limit") as err:
        decode_image(data, max_bytes=len(data) - 1)
    _assert_one_line(err)
    assert decode_image(data, max_bytes=len(data)).shape == (30, 40, 4)


def test_extreme_aspect_ratio():
    data = _png(Image.new("L", (50_000, 1), 128))
    with pytest.raises(ImageFileError, match="long and thin") as err:
        decode_image(data)
    _assert_one_line(err)
    with pytest.raises(ImageFileError, match="long and thin"):
        decode_image(_png(Image.new("L", (1, 51), 128)))


def test_decompression_bomb_is_refused_from_its_header():
    data = _header_only_png(30_000, 30_000)
    assert len(data) < 200
    with pytest.raises(ImageFileError, match="pixels") as err:
        decode_image(data)
    _assert_one_line(err)


def test_image_over_our_pixel_limit_but_under_pils():
    with pytest.raises(ImageFileError, match="more than the 25,000,000 allowed"):
        decode_image(_header_only_png(6_000, 5_000))
    with pytest.raises(ImageFileError, match="allowed"):
        decode_image(_png(_gradient()), max_pixels=1000)


def test_valid_rgba_png():
    rgba = np.zeros((30, 40, 4), dtype=np.uint8)
    rgba[..., 0] = 200
    rgba[5:10, 5:10, 3] = 255
    out = decode_image(_png(Image.fromarray(rgba)))
    assert out.dtype == np.uint8 and out.shape == (30, 40, 4)
    np.testing.assert_array_equal(out, rgba)
    grey = decode_image(_png(Image.fromarray(rgba)), mode="L")
    assert grey.shape == (30, 40)
    assert grey[0, 0] == 255  # Transparent: white paper.
    assert grey[7, 7] == round(200 * 0.299)


def test_palette_png_with_transparency():
    palette_image = _gradient("RGB").convert("P", palette=Image.Palette.ADAPTIVE, colors=8)
    palette_image.info["transparency"] = 0
    out = decode_image(_png(palette_image, transparency=0))
    assert out.shape == (30, 40, 4)
    assert set(np.unique(out[..., 3])) <= {0, 255}
    assert (out[..., 3] == 0).any()


@pytest.mark.parametrize("mode", ["L", "LA", "1", "RGB", "I;16"])
def test_other_modes_decode(mode):
    image = _gradient("L").convert(mode) if mode != "I;16" else None
    if mode == "I;16":
        values = (np.tile(np.linspace(0, 65535, 40), (30, 1))).astype(np.uint16)
        image = Image.fromarray(values)
        assert image.mode == "I;16"
    out = decode_image(_png(image))
    assert out.shape == (30, 40, 4) and out.dtype == np.uint8
    if mode in ("L", "I;16"):  # 16-bit is scaled to 8 bits, not clipped at 255.
        assert out[0, 0, 0] == 0 and out[0, -1, 0] == 255
        assert 100 < out[0, 20, 0] < 155


def test_jpeg_decodes_and_follows_exif_orientation():
    wide = _gradient("RGB", size=(40, 20))
    exif = Image.Exif()
    exif[0x0112] = 6  # "Rotate 90° clockwise to display".
    out = decode_image(_jpeg(wide, exif=exif.tobytes()))
    assert out.shape == (40, 20, 4)  # Stored 40 wide, shown upright 20 wide.
    assert decode_image(_jpeg(wide)).shape == (20, 40, 4)


def test_other_formats_are_refused():
    buffer = io.BytesIO()
    _gradient().save(buffer, format="BMP")
    with pytest.raises(ImageFileError, match="Only PNG and JPEG"):
        decode_image(buffer.getvalue())


def test_load_image_file(tmp_path):
    path = tmp_path / "digit.png"
    path.write_bytes(_png(_gradient()))
    assert load_image_file(path).shape == (30, 40, 4)
    with pytest.raises(ImageFileError, match="limit"):
        load_image_file(path, max_bytes=10)
    with pytest.raises(ImageFileError, match="Cannot read"):
        load_image_file(tmp_path / "missing.png")


def test_to_greyscale_of_grey_rgb_and_rgba():
    grey = np.array([[0, 128, 255]], dtype=np.uint8)
    assert to_greyscale(grey).tolist() == grey.tolist()
    rgb = np.repeat(grey[..., None], 3, axis=2)
    assert to_greyscale(rgb).tolist() == grey.tolist()
    rgba = np.concatenate([rgb, np.zeros((1, 3, 1), dtype=np.uint8)], axis=2)
    assert to_greyscale(rgba).tolist() == [[255, 255, 255]]
