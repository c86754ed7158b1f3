"""Bad uploads through the pages, with AppTest's file uploader (Streamlit 1.67 supports
`at.file_uploader(key=...).upload(name, data, mime)`): an error box, never an exception."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from tests.fuzz.files import (
    BAD_IMAGES,
    encode,
    good_model_file,
    junk_zip,
    model_bytes,
    noise,
    odd_images,
    small_model,
    two_input_model,
)
from tests.fuzz.pages import APP


@pytest.fixture(scope="module")
def draw_page(digit_model) -> AppTest:
    from core.engine.models.trained_network import TrainedNetwork
    from core.mnist.config import MnistConfig
    from core.mnist.training import MnistRun

    at = AppTest.from_file(APP, default_timeout=60).run()
    at.session_state["mnist_runs"] = [
        MnistRun(MnistConfig(), TrainedNetwork.from_keras(digit_model), label="Run 1")
    ]
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
        assert at.error and at.error[0].value.startswith(f"{name}: "), name
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


@pytest.fixture(scope="module")
def issue_files(tmp_path_factory) -> dict[str, bytes]:
    """The issue's three uploads: a 4999x5000 one-bit PNG, a 4999x5000 JPEG at quality 10
    and a 4000x3000 phone photo (their memory is measured in test_image_memory.py)."""
    from devtools.bench.decode import FILES, build_files

    names = list(FILES)[:3]
    paths = build_files(tmp_path_factory.mktemp("issue"), names)
    return {name: paths[name].read_bytes() for name in names}


@pytest.mark.timeout(180)
def test_the_issue_files_on_the_draw_page(draw_page, issue_files) -> None:
    """Each is answered, from an image no larger than the page needs."""
    at = draw_page
    for name, data in issue_files.items():
        filename = f"{name}.{'png' if 'PNG' in name else 'jpg'}"
        at.file_uploader(key="draw_upload").upload(filename, data, "image/png").run()
        assert not at.exception and not at.error, (name, [e.value for e in at.error])
        answers = [m.value for m in at.markdown if m.value.startswith(f"**{filename}**: ")]
        assert len(answers) == 1 and answers[0].endswith("%)"), (name, answers)


@pytest.mark.timeout(180)
def test_the_issue_files_on_the_kernels_page(issue_files) -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/convolution.py").run()
    at.radio(key="conv_source").set_value("Upload an image").run()
    for name, data in issue_files.items():
        filename = f"{name}.{'png' if 'PNG' in name else 'jpg'}"
        at.file_uploader(key="conv_upload").upload(filename, data, "image/png").run()
        assert not at.exception and not at.error, name
        # The image is at most 160 pixels a side: the patch slider stops 8 short of it.
        assert at.slider(key="conv_patch_row").max <= 160 - 8, name
        assert at.slider(key="conv_patch_col").max <= 160 - 8, name
