"""Fuzzing the upload paths: image files, drawings and `.keras` model files.

Every bad upload must become the module's own error (ImageFileError or ModelFileError) with a
one-line message, never another exception, and quickly; valid images of unusual modes must go
through preprocessing. The last tests drive the Draw and Kernels pages' file uploaders, which
Streamlit 1.67's AppTest supports (`at.file_uploader(key=...).upload(name, data, mime)`).
"""

from __future__ import annotations

import io
import struct
import zipfile
import zlib

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays
from PIL import Image
from streamlit.testing.v1 import AppTest

from core.digit_preprocess import FIELD, preprocess_drawing
from core.image_files import ImageFileError, decode_image

FUZZ = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)

# --- Building files ----------------------------------------------------------------------------


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


@pytest.fixture(scope="module")
def digit_model():
    """An untrained MNIST CNN: the shapes matter here, not the answers."""
    from core.mnist_model import build_mnist_model

    return build_mnist_model()


@pytest.mark.timeout(60)
@settings(FUZZ, max_examples=25)
@given(image=drawings(), centre=st.booleans())
def test_predict_drawing_of_any_uint8_image(digit_model, image, centre) -> None:
    """predict_drawing returns ten probabilities, or none for a blank picture."""
    from core.digit_predict import predict_drawing

    found = predict_drawing(digit_model, image, "auto", centre)
    if found.probabilities is not None:
        assert found.probabilities.shape == (10,)
        assert abs(float(found.probabilities.sum()) - 1.0) < 1e-4


# --- .keras model files ------------------------------------------------------------------------

INPUT_SHAPE, CLASSES = (28, 28, 1), 10


def model_bytes(model) -> bytes:
    from core.model_io import model_to_bytes

    return model_to_bytes(model)


def small_model(input_shape=INPUT_SHAPE, classes=CLASSES, lambda_layer: bool = False):
    import keras

    layers = [keras.Input(shape=input_shape), keras.layers.Flatten()]
    if lambda_layer:
        layers.append(keras.layers.Lambda(lambda x: x * 2.0))
    layers.append(keras.layers.Dense(classes, activation="softmax"))
    return keras.Sequential(layers)


def assert_model_error(data: bytes, *words: str) -> str:
    """`data` is refused with a one-line ModelFileError containing `words`; return it."""
    from core.model_io import ModelFileError, load_checked_model

    with pytest.raises(ModelFileError) as caught:
        load_checked_model(data, INPUT_SHAPE, CLASSES)
    message = str(caught.value)
    assert message and "\n" not in message, message
    for word in words:
        assert word in message, message
    return message


def junk_zip(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


@pytest.mark.timeout(60)
@settings(FUZZ, max_examples=30)
@given(data=st.binary(max_size=1024))
def test_random_bytes_are_no_model(data: bytes) -> None:
    """Random bytes as a .keras upload: a ModelFileError, nothing else."""
    assert_model_error(data)


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "files",
    [
        {},
        {"junk.txt": b"hello"},
        {"config.json": b"{not json"},
        {"config.json": b"[]"},
        {"config.json": b'{"class_name": "Sequential"}', "metadata.json": b"{}"},
        {"config.json": b'{"class_name": "os.system", "config": {}}'},
        {"config.json": b'{"module": "os", "class_name": "system", "config": "ls"}'},
    ],
    ids=["empty-zip", "text", "bad-json", "list-json", "no-weights", "odd-class", "os-module"],
)
def test_zip_with_junk_is_no_model(files: dict[str, bytes]) -> None:
    """A zip archive that is not a Keras model is refused with a one-line message."""
    assert_model_error(junk_zip(files), "could not be loaded")


@pytest.mark.timeout(60)
@settings(FUZZ, max_examples=15)
@given(fraction=st.floats(0.0, 0.99))
def test_truncated_model_file(fraction: float) -> None:
    """A real .keras file cut short is refused cleanly."""
    data = good_model_file()
    assert_model_error(data[: int(len(data) * fraction)])


_GOOD: list[bytes] = []


def good_model_file() -> bytes:
    if not _GOOD:
        _GOOD.append(model_bytes(small_model()))
    return _GOOD[0]


def test_a_good_model_file_loads() -> None:
    """The check itself lets a proper 28x28x1 -> 10 model through."""
    from core.model_io import load_checked_model

    model = load_checked_model(good_model_file(), INPUT_SHAPE, CLASSES)
    assert tuple(model.outputs[0].shape[1:]) == (CLASSES,)


def test_wrong_input_shape() -> None:
    assert_model_error(model_bytes(small_model(input_shape=(32, 32, 3))), "expects inputs")


def test_wrong_number_of_classes() -> None:
    assert_model_error(model_bytes(small_model(classes=5)), "outputs of shape (5,)", "10 classes")


def test_lambda_layer_is_refused_with_a_message() -> None:
    """A model with a Lambda layer (saved Python code) is refused, naming the Lambda layer."""
    assert_model_error(model_bytes(small_model(lambda_layer=True)), "Lambda")


def test_models_are_loaded_in_safe_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """core.model_io always passes safe_mode=True (and compile=False) to keras."""
    import keras

    from core import model_io

    seen = []
    real = keras.models.load_model

    def spy(*args, **kwargs):
        seen.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(model_io.keras.models, "load_model", spy)
    model_io.load_checked_model(good_model_file(), INPUT_SHAPE, CLASSES)
    assert seen and all(k.get("safe_mode") is True for k in seen), seen


def two_input_model():
    """Right first input and output, plus a second input the Draw page never provides."""
    import keras

    image = keras.Input(shape=INPUT_SHAPE)
    extra = keras.Input(shape=(3,))
    joined = keras.layers.Concatenate()([keras.layers.Flatten()(image), extra])
    return keras.Model([image, extra], keras.layers.Dense(CLASSES, activation="softmax")(joined))


def test_a_model_with_two_inputs_is_refused() -> None:
    assert_model_error(model_bytes(two_input_model()))


# --- Through the pages, with AppTest's file uploader -------------------------------------------

APP = "../app.py"
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


@pytest.fixture(scope="module")
def draw_page(digit_model) -> AppTest:
    from core.configs import MnistConfig
    from core.mnist_training import MnistRun

    at = AppTest.from_file(APP, default_timeout=60).run()
    at.session_state["mnist_runs"] = [MnistRun(MnistConfig(), digit_model, label="Run 1")]
    at.switch_page("app_pages/draw.py").run()
    assert not at.exception
    return at


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", list(BAD_IMAGES))
def test_draw_page_refuses_bad_photos_with_a_message(draw_page, name: str) -> None:
    """Each bad photo upload shows 'name: reason' in an error box, not an exception."""
    at = draw_page
    at.file_uploader(key="draw_upload").upload(name, BAD_IMAGES[name], "image/png").run()
    assert not at.exception, [e.message for e in at.exception]
    assert any(e.value.startswith(f"{name}: ") for e in at.error), [e.value for e in at.error]


@pytest.mark.timeout(120)
@pytest.mark.parametrize("name", ["palette", "16-bit grey", "CMYK JPEG", "EXIF-rotated JPEG"])
def test_draw_page_reads_odd_photos(draw_page, name: str) -> None:
    at = draw_page
    at.file_uploader(key="draw_upload").upload(f"{name}.png", odd_images()[name]).run()
    assert not at.exception, [e.message for e in at.exception]
    assert not at.error


@pytest.mark.timeout(120)
@pytest.mark.parametrize(
    "name",
    ["random.keras", "junk-zip.keras", "lambda.keras", "wrong-shape.keras", "five.keras"],
)
def test_draw_page_refuses_bad_model_files(draw_page, name: str) -> None:
    """Each bad .keras upload shows 'This model cannot be used: ...', never an exception."""
    files = {
        "random.keras": lambda: bytes(range(256)) * 4,
        "junk-zip.keras": lambda: junk_zip({"config.json": b"{}"}),
        "lambda.keras": lambda: model_bytes(small_model(lambda_layer=True)),
        "wrong-shape.keras": lambda: model_bytes(small_model(input_shape=(28, 28))),
        "five.keras": lambda: model_bytes(small_model(classes=5)),
    }
    at = draw_page
    at.file_uploader(key="draw_model_file").upload(name, files[name]()).run()
    assert not at.exception, [e.message for e in at.exception]
    assert any(e.value.startswith("This model cannot be used") for e in at.error)
    assert at.selectbox(key="draw_model").options == ["Run 1"]
    at.file_uploader(key="draw_model_file").clear().run()


@pytest.mark.timeout(120)
def test_draw_page_with_a_two_input_model_file() -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/draw.py").run()
    at.file_uploader(key="draw_model_file").upload("two.keras", model_bytes(two_input_model()))
    at.run()
    assert not at.exception, [e.message for e in at.exception]


@pytest.mark.timeout(120)
def test_kernels_page_refuses_bad_uploads_with_a_message() -> None:
    """The Kernels page's upload shows an error box for each bad image, then works again."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/convolution.py").run()
    at.radio(key="conv_source").set_value("Upload an image").run()
    for name in ("bomb.png", "gif-renamed.png", "cut.jpg"):
        data = BAD_IMAGES[name]
        at.file_uploader(key="conv_upload").upload(name, data, "image/png").run()
        assert not at.exception, (name, [e.message for e in at.exception])
        assert at.error, name
    at.file_uploader(key="conv_upload").upload("ok.png", encode(noise("L"), "PNG")).run()
    assert not at.exception and not at.error


@pytest.mark.timeout(180)
def test_inside_cnn_with_an_uploaded_model_of_another_architecture() -> None:
    """A valid 28x28x1 -> 10 upload (Flatten + Dense) on the Draw page, then Inside the CNN."""
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/draw.py").run()
    at.file_uploader(key="draw_model_file").upload("dense.keras", good_model_file()).run()
    assert not at.exception and at.selectbox(key="draw_model").options == ["Uploaded: dense.keras"]
    at.switch_page("app_pages/inside_cnn.py").run()
    assert not at.exception, [e.message for e in at.exception]
