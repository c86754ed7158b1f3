"""AppTest of the Draw page through the app's router: prerequisites, example table, uploads.

The drawing canvas is a custom component, which AppTest shows as an unknown element and
cannot draw on; drawing is covered by tests/e2e/test_browser_draw.py. Both file uploaders
(a .keras model and a photo of a digit) can be set from AppTest in Streamlit 1.67.
"""

from __future__ import annotations

import io

import numpy as np
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from core.digits.examples import examples
from core.digits.predict import predict_drawing
from core.digits.strokes import render_digit
from core.mnist.config import MnistConfig
from core.mnist.training import MnistRun
from tests.conftest import ROOT

APP = str(ROOT / "app.py")
PAGE = "app_pages/draw.py"
TABLE_HEADER = "The workshop's example table"


@pytest.fixture(autouse=True)
def no_class_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """A teacher's model named in the environment would count as a model: keep it out."""
    monkeypatch.delenv("WORKSHOP_MNIST_MODEL", raising=False)


def open_page(runs: list[MnistRun] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    if runs is not None:
        at.session_state["mnist_runs"] = runs
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def run_of(trained, label: str, invert: bool = False) -> MnistRun:
    return MnistRun(config=MnistConfig(invert=invert), model=trained.model, label=label)


def examples_right(model) -> int:
    """How many example digits `model` reads right, computed here without the page."""
    return sum(
        predict_drawing(model, e.image, e.paper).digit == e.truth
        for e in examples()
        if e.truth is not None
    )


def png(image: np.ndarray) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(image).save(buffer, "PNG")
    return buffer.getvalue()


def markdown_texts(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown]


def test_without_a_model_the_page_asks_to_train_first() -> None:
    at = open_page()
    assert [t.value for t in at.title] == ["🖊️ Draw a digit"]
    assert any("There is no trained network yet" in i.value for i in at.info)
    assert not at.selectbox  # The page stopped before the network choice ...
    assert TABLE_HEADER not in [h.value for h in at.header]  # ... and before the table.
    # The model uploader is still offered, so a student can bring a file instead.
    assert [e.label for e in at.expander] == ["Use a model file (.keras) instead"]
    assert at.file_uploader(key="draw_model_file").allowed_type == [".keras"]


def test_with_a_trained_run_the_page_shows_the_example_table(mnist_model_plain) -> None:
    at = open_page([run_of(mnist_model_plain, "Run 1: test")])
    assert not at.exception
    assert at.selectbox(key="draw_model").options == ["Run 1: test"]
    assert at.selectbox(key="draw_model").value == "Run 1: test"
    assert at.radio(key="draw_paper").value == "black"
    assert at.slider(key="draw_pen").value == 280 // 12
    # Nothing has been drawn yet (AppTest cannot draw on the canvas).
    assert any("Draw a digit from 0 to 9" in i.value for i in at.info)
    assert TABLE_HEADER in [h.value for h in at.header]
    digits = sum(e.truth is not None for e in examples())
    assert digits == 9
    expected = f"**Run 1: test**: {examples_right(mnist_model_plain.model)} of 9 digits right"
    assert expected in markdown_texts(at)
    assert len(at.dataframe) == 1


def test_comparing_two_networks_shows_the_inversion_lesson(
    mnist_model_plain, mnist_model_invert
) -> None:
    at = open_page(
        [
            run_of(mnist_model_plain, "Run 1: invert off"),
            run_of(mnist_model_invert, "Run 2: invert on", invert=True),
        ]
    )
    assert at.selectbox(key="draw_model").value == "Run 2: invert on"  # The latest run.
    at.multiselect(key="draw_compare").set_value(["Run 1: invert off", "Run 2: invert on"]).run()
    assert not at.exception
    counts = {}
    for label, trained in (
        ("Run 1: invert off", mnist_model_plain),
        ("Run 2: invert on", mnist_model_invert),
    ):
        counts[label] = examples_right(trained.model)
        assert f"**{label}**: {counts[label]} of 9 digits right" in markdown_texts(at)
    assert len(at.dataframe) == 2
    assert counts["Run 2: invert on"] > counts["Run 1: invert off"]


def test_uploading_a_model_file_makes_it_selectable(mnist_model_plain) -> None:
    at = open_page()
    name = mnist_model_plain.path.name
    at.file_uploader(key="draw_model_file").upload(
        name, mnist_model_plain.path.read_bytes(), "application/octet-stream"
    ).run()
    assert not at.exception
    label = f"Uploaded: {name}"
    assert at.selectbox(key="draw_model").options == [label]
    assert any(f"{name} is loaded" in s.value for s in at.success)
    loaded = dict(at.session_state["mnist_uploaded_models"])[label]
    assert loaded is not mnist_model_plain.model  # Loaded from the bytes, not shared.
    count = examples_right(mnist_model_plain.model)
    assert f"**{label}**: {count} of 9 digits right" in markdown_texts(at)

    at.run()  # A rerun keeps the upload and does not load it a second time.
    assert not at.exception
    assert len(at.session_state["mnist_uploaded_models"]) == 1
    assert dict(at.session_state["mnist_uploaded_models"])[label] is loaded


def test_a_file_that_is_no_model_is_refused_with_a_message() -> None:
    at = open_page()
    at.file_uploader(key="draw_model_file").upload("broken.keras", b"not a zip file").run()
    assert not at.exception
    assert any("This model cannot be used" in e.value for e in at.error)
    assert any("There is no trained network yet" in i.value for i in at.info)
    assert not at.session_state["mnist_uploaded_models"]


@pytest.mark.parametrize("paper", ["black", "white"])
def test_uploading_a_photo_of_a_digit(mnist_model_invert, paper: str) -> None:
    """The photo path guesses the paper from the border; the invert model reads both."""
    at = open_page([run_of(mnist_model_invert, "Run 1: invert on", invert=True)])
    image = render_digit(3, np.random.default_rng(1), paper)[..., :3]
    expected = predict_drawing(mnist_model_invert.model, image, "auto")
    assert expected.digit == 3
    at.file_uploader(key="draw_upload").upload("three.png", png(image), "image/png").run()
    assert not at.exception
    assert f"**three.png**: 3 ({expected.confidence:.0%})" in markdown_texts(at)


def test_a_blank_photo_and_a_broken_photo(mnist_model_plain) -> None:
    at = open_page([run_of(mnist_model_plain, "Run 1: test")])
    blank = np.full((100, 100, 3), 255, dtype=np.uint8)
    at.file_uploader(key="draw_upload").upload("blank.png", png(blank), "image/png").run()
    assert not at.exception
    assert any("No digit found" in w.value for w in at.warning)

    at.file_uploader(key="draw_upload").set_value(
        ("broken.png", b"not an image", "image/png")
    ).run()
    assert not at.exception
    assert any(e.value.startswith("broken.png:") for e in at.error)
