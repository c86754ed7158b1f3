"""Fuzzing image uploads and drawings: decode_image, preprocessing and prediction.

Every bad file must become an ImageFileError with a one-line message, never another
exception, and quickly; valid images of unusual modes must go through preprocessing.
"""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PIL import Image

from core.digits.image_files import ImageFileError, decode_image
from core.digits.preprocess import FIELD, preprocess_drawing
from tests.fuzz.files import FUZZ, JPEG, PNG, encode, noise, odd_images, png_header


def assert_image_error(data: bytes) -> str:
    """`data` is refused with an ImageFileError whose message is one line; return it."""
    with pytest.raises(ImageFileError) as caught:
        decode_image(data)
    message = str(caught.value)
    assert message and "\n" not in message, message
    return message


def decodes_or_refuses(data: bytes) -> None:
    """Either a proper RGBA array or an ImageFileError with a one-line message: nothing else."""
    try:
        image = decode_image(data)
    except ImageFileError as error:
        assert str(error) and "\n" not in str(error)
    else:
        assert image.dtype == np.uint8 and image.ndim == 3 and image.shape[2] == 4
        assert min(image.shape[:2]) >= 1


# --- decode_image ------------------------------------------------------------------------------


@pytest.mark.timeout(30)
@FUZZ
@given(data=st.binary(max_size=2048))
def test_random_bytes_are_refused_or_decoded(data: bytes) -> None:
    """Random bytes never raise anything but ImageFileError."""
    decodes_or_refuses(data)


@pytest.mark.timeout(30)
@FUZZ
@given(tail=st.binary(max_size=512), prefix=st.sampled_from([PNG[:33], JPEG[:20], b"GIF89a"]))
def test_random_bytes_after_a_real_header(prefix: bytes, tail: bytes) -> None:
    """A genuine PNG, JPEG or GIF header followed by garbage is refused cleanly."""
    decodes_or_refuses(prefix + tail)


@pytest.mark.timeout(30)
@FUZZ
@given(data=st.sampled_from([PNG, JPEG]), fraction=st.floats(0.0, 0.999))
def test_truncated_png_and_jpeg(data: bytes, fraction: float) -> None:
    """A valid PNG or JPEG cut at any point is refused (or, cut in its trailer, still decodes)."""
    decodes_or_refuses(data[: int(len(data) * fraction)])


def test_truncated_in_the_pixel_data_says_damaged() -> None:
    """A file cut in the middle of its pixels names the problem."""
    for data, kind in ((PNG, "PNG"), (JPEG, "JPEG")):
        message = assert_image_error(data[: len(data) // 2])
        assert kind in message and "damaged or cut short" in message


def test_empty_file() -> None:
    assert assert_image_error(b"") == "The file is empty."


def test_one_by_fifty_thousand_image_is_too_thin() -> None:
    """A 1 x 50,000 image (a few hundred bytes) is refused from its size, not decoded."""
    for size in ((50_000, 1), (1, 50_000)):
        message = assert_image_error(encode(Image.new("L", size, 255), "PNG"))
        assert "too long and thin" in message


@pytest.mark.timeout(30)
@pytest.mark.parametrize("side", [30_000, 10_000, 6_000, 65_535])
def test_png_bomb_header_is_refused_before_decoding(side: int, monkeypatch) -> None:
    """A PNG claiming side x side pixels is refused from its header: load() is never called."""
    loaded = []
    monkeypatch.setattr(Image.Image, "load", lambda self: loaded.append(self.size))
    data = png_header(side, side)
    assert len(data) < 200
    message = assert_image_error(data)
    assert "pixels" in message
    assert not loaded


@pytest.mark.parametrize("fmt", ["GIF", "BMP", "TIFF", "WEBP", "ICO"])
def test_other_formats_are_refused_by_name(fmt: str) -> None:
    """GIF, BMP and friends get 'Only PNG and JPEG ...', naming the format."""
    data = encode(noise("RGB", (32, 32)), fmt)
    message = assert_image_error(data)
    assert message == f"Only PNG and JPEG images are accepted, not {fmt}."


def test_too_many_bytes() -> None:
    message = assert_image_error(b"\x89PNG" + b"\0" * (5 * 2**20))
    assert "the limit is 5.0 MB" in message


# --- Valid images of odd modes go through preprocessing ----------------------------------------


@pytest.mark.parametrize("name", list(odd_images()))
def test_odd_modes_decode_and_preprocess(name: str) -> None:
    """Palette, LA, 16-bit grey, CMYK and EXIF-rotated files decode to RGBA uint8 and go
    through preprocess_drawing (paper guessed, centred or not) without error."""
    image = decode_image(odd_images()[name])
    assert image.dtype == np.uint8 and image.shape[2] == 4
    if name == "EXIF-rotated JPEG":
        assert image.shape[:2] == (40, 60)  # Upright: the 40x60 picture turned on its side.
    if name == "16-bit grey":
        assert image[..., 0].max() == 255  # 65535 scaled to 255, not clipped from 0..65535.
    for centre in (True, False):
        pre = preprocess_drawing(image, paper="auto", centre=centre)
        assert pre.input.shape == (FIELD, FIELD) and pre.input.dtype == np.float32
        assert pre.input.min() >= 0.0 and pre.input.max() <= 1.0
    if name not in ("1x1",):
        assert not preprocess_drawing(image, paper="auto").empty, name


@st.composite
def drawings(draw) -> np.ndarray:
    """uint8 images as decode_image or the canvas give them: any size from 1x1, 2-D, RGB, RGBA."""
    height, width = draw(st.integers(1, 40)), draw(st.integers(1, 40))
    channels = draw(st.sampled_from([(), (3,), (4,)]))
    return draw(arrays(np.uint8, (height, width, *channels)))


@pytest.mark.timeout(60)
@FUZZ
@given(
    image=drawings(),
    paper=st.sampled_from(["black", "white", "auto"]),
    centre=st.booleans(),
)
def test_preprocess_drawing_of_any_uint8_image(image, paper, centre) -> None:
    """Any uint8 picture of any size gives a finite 28x28 input in [0, 1]."""
    pre = preprocess_drawing(image, paper=paper, centre=centre)
    assert pre.input.shape == (FIELD, FIELD)
    assert np.isfinite(pre.input).all()
    assert pre.input.min() >= 0.0 and pre.input.max() <= 1.0


@pytest.mark.timeout(60)
@settings(FUZZ, max_examples=25)
@given(image=drawings(), centre=st.booleans())
def test_predict_drawing_of_any_uint8_image(digit_model, image, centre) -> None:
    """predict_drawing returns ten probabilities, or none for a blank picture."""
    from core.digits.predict import predict_drawing

    found = predict_drawing(digit_model, image, "auto", centre)
    if found.probabilities is not None:
        assert found.probabilities.shape == (10,)
        assert abs(float(found.probabilities.sum()) - 1.0) < 1e-4
