"""Large images are decoded straight to the size a page uses, upright, at bounded cost.

tests/fuzz/test_image_memory.py measures the memory in a fresh process; this file checks
what comes out: the size, the orientation, the colours, and which files are refused from
their headers (the cost of decoding a PNG or a progressive JPEG is known before decoding).
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image, ImageDraw

from core.digits.image_files import (
    MAX_DECODE_BYTES,
    WORKING_SIDE,
    ImageFileError,
    decode_image,
)
from core.digits.jpeg_scans import JpegScanError, coefficient_bytes, jpeg_scans
from core.digits.preprocess import preprocess_drawing
from core.kernels.sample_images import SIDE, uploaded_image


def encode(image: Image.Image, fmt: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def bar_picture(size: tuple[int, int], mode: str = "RGB") -> Image.Image:
    """White paper with a black vertical bar in the left third: shows any turn or flip."""
    image = Image.new(mode, size, "white" if mode != "1" else 1)
    w, h = size
    ImageDraw.Draw(image).rectangle(
        [w // 6, h // 8, w // 3, h * 7 // 8], fill="black" if mode != "1" else 0
    )
    return image


def ink_columns(grey: np.ndarray) -> tuple[float, float]:
    """Where the dark pixels are, as fractions of the width and height."""
    ys, xs = np.nonzero(grey < 128)
    return xs.mean() / grey.shape[1], ys.mean() / grey.shape[0]


@pytest.mark.parametrize(
    ("fmt", "mode", "size"),
    [
        ("PNG", "1", (4999, 5000)),
        ("PNG", "L", (3000, 1200)),
        ("PNG", "RGB", (1200, 3000)),
        ("JPEG", "RGB", (4000, 3000)),
        ("JPEG", "L", (5000, 400)),
    ],
)
def test_a_large_image_comes_out_at_the_working_size_with_its_shape(fmt, mode, size) -> None:
    out = decode_image(encode(bar_picture(size, mode), fmt))
    assert out.dtype == np.uint8 and out.shape[2] == 4
    assert max(out.shape[:2]) == WORKING_SIDE
    assert out.shape[1] / out.shape[0] == pytest.approx(size[0] / size[1], rel=0.02)
    x, _ = ink_columns(out[..., 0])
    assert 0.15 < x < 0.35  # The bar is still in the left third.


def test_the_kernel_page_gets_160_pixels_in_grey() -> None:
    out = uploaded_image(encode(bar_picture((4000, 3000)), "JPEG"))
    assert out.shape == (120, SIDE) and out.dtype == np.uint8


def test_small_images_are_not_enlarged() -> None:
    assert decode_image(encode(bar_picture((40, 30)), "PNG")).shape == (30, 40, 4)


@pytest.mark.parametrize("orientation", [3, 6, 8])
def test_exif_orientation_is_applied_after_shrinking(orientation: int) -> None:
    """A phone's 4000x3000 photo held upright: stored on its side, shown upright, small."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    out = decode_image(encode(bar_picture((4000, 3000)), "JPEG", exif=exif), mode="L")
    x, y = ink_columns(out)
    if orientation == 3:  # Turned half round: the bar is in the right third.
        assert out.shape == (420, 560) and 0.65 < x < 0.85
    else:  # Turned a quarter: 3000 wide, 4000 high, the bar now lies across.
        assert out.shape == (560, 420)
        assert (0.15 < y < 0.35) if orientation == 6 else (0.65 < y < 0.85)


@pytest.mark.filterwarnings("error")
def test_a_broken_exif_block_does_not_spoil_the_picture() -> None:
    """Nor does it put PIL's "Corrupt EXIF data" warning in the server's log."""
    data = encode(bar_picture((800, 600)), "JPEG", exif=b"Exif\x00\x00MM\x00*garbage")
    assert decode_image(data).shape == (420, 560, 4)


def test_sixteen_bit_grey_is_scaled_not_clipped_at_any_size() -> None:
    values = np.tile(np.linspace(0, 65535, 2000), (1500, 1)).astype(np.uint16)
    out = decode_image(encode(Image.fromarray(values), "PNG"), mode="L")
    assert out.shape == (420, 560)
    assert out[:, :3].mean() < 3 and out[:, -3:].mean() > 252  # 0 and 65535 at the ends.
    assert 100 < out[:, 280].mean() < 155


def test_a_large_palette_png_keeps_its_transparency() -> None:
    picture = bar_picture((3000, 2000)).quantize(4)
    out = decode_image(encode(picture, "PNG", transparency=int(picture.getpixel((0, 0)))))
    assert out[0, 0, 3] == 0  # The paper was the transparent colour.
    grey = decode_image(
        encode(picture, "PNG", transparency=int(picture.getpixel((0, 0)))), mode="L"
    )
    assert grey[0, 0] == 255  # Laid over white paper.


def test_a_phone_mpo_jpeg_is_accepted() -> None:
    """Many phones write MPO (a JPEG with a second picture); PIL calls the format "MPO"."""
    first, second = bar_picture((1600, 1200)), bar_picture((640, 480))
    data = encode(first, "MPO", save_all=True, append_images=[second])
    assert Image.open(io.BytesIO(data)).format == "MPO"
    assert decode_image(data).shape == (420, 560, 4)


def test_a_colour_png_too_large_to_decode_is_refused_from_its_header() -> None:
    data = encode(Image.new("RGB", (4500, 4000), "white"), "PNG")
    with pytest.raises(ImageFileError) as caught:
        decode_image(data)
    message = str(caught.value)
    assert message.startswith("The image is a colour PNG of 4,500 x 4,000 pixels")
    assert "68.7 MB" in message and f"{MAX_DECODE_BYTES // 2**20}.0 MB" in message
    assert decode_image(data, max_decode_bytes=80 * 2**20).shape[1] == 560  # Allowed more.


def test_a_large_progressive_jpeg_is_refused_from_its_header() -> None:
    picture = Image.new("RGB", (4999, 5000), "white")
    data = encode(picture, "JPEG", progressive=True, subsampling=0, quality=50)
    with pytest.raises(ImageFileError, match=r"progressive JPEG of 4,999 x 5,000 pixels"):
        decode_image(data)
    baseline = encode(picture, "JPEG", subsampling=0, quality=50)
    assert decode_image(baseline).shape == (560, 560, 4)  # Decoded a few rows at a time.


def test_libjpeg_coefficient_memory_is_predicted() -> None:
    """4:4:4 holds three full planes of 2-byte coefficients, 4:2:0 one and a half."""
    full = [(1, 1, 1, 0), (2, 1, 1, 1), (3, 1, 1, 1)]
    half = [(1, 2, 2, 0), (2, 1, 1, 1), (3, 1, 1, 1)]
    assert coefficient_bytes(4000, 4000, full) == 4000 * 4000 * 3 * 2
    assert coefficient_bytes(4000, 4000, half) == 4000 * 4000 * 3 // 2 * 2
    assert coefficient_bytes(4001, 4001, [(1, 1, 1, 0)]) == 501 * 501 * 128


def test_scans_are_counted_from_the_markers() -> None:
    picture = bar_picture((64, 48))
    assert jpeg_scans(encode(picture, "JPEG")) == (False, 1)
    progressive, scans = jpeg_scans(encode(picture, "JPEG", progressive=True))
    assert progressive and scans == 10  # libjpeg's standard progressive script.
    with pytest.raises(JpegScanError):
        jpeg_scans(b"not a jpeg")


def test_the_preprocessing_of_a_huge_photo_finds_the_digit() -> None:
    """The Draw page's path: a black 7-like bar on a 4000x3000 photo is found and centred."""
    pre = preprocess_drawing(decode_image(encode(bar_picture((4000, 3000)), "JPEG")), "auto")
    assert not pre.empty and pre.input.shape == (28, 28)
