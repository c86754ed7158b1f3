"""AppTest of the Draw page through the app's router: prerequisites, example table, uploads.

The example table's own tests use networks trained on 2,000 MNIST digits (a few seconds):
they check what the table shows, not how well a network reads.

The drawing canvas is a custom component, which AppTest shows as an unknown element and
cannot draw on; drawing is covered by tests/e2e/test_browser_draw.py. Both file uploaders
(a .keras model and a photo of a digit) can be set from AppTest in Streamlit 1.67.
"""

from __future__ import annotations

import html
import io
import re

import numpy as np
import pytest
from PIL import Image
from streamlit.testing.v1 import AppTest

from core.digits import workshop_examples as workshop
from core.digits.examples import example_batch, examples
from core.digits.predict import forward, predict_drawing
from core.digits.strokes import render_digit
from core.engine.models.trained_network import TrainedNetwork
from core.mnist.config import MnistConfig
from core.mnist.training import MnistRun
from tests.conftest import ROOT
from ui.draw.examples import DOG_POINTER

APP = str(ROOT / "app.py")
PAGE = "app_pages/draw.py"
TABLE_HEADER = "The workshop's example table"


def open_page(runs: list[MnistRun] | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    if runs is not None:
        at.session_state["mnist_runs"] = runs
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def run_of(trained, label: str, invert: bool = False) -> MnistRun:
    return MnistRun(
        config=MnistConfig(invert=invert),
        network=TrainedNetwork.from_keras(trained.model),
        label=label,
    )


def examples_right(model) -> int:
    """How many of the app's own example drawings `model` reads right, without the page."""
    return sum(
        predict_drawing(model, e.image, e.paper).digit == e.truth
        for e in examples()
        if e.truth is not None
    )


def workshop_right(model) -> int:
    """How many of the workshop's nine digit pictures `model` reads right, fed its way."""
    return workshop.digits_right(forward(model, workshop.workshop_batch()))


def summary(at: AppTest, label: str) -> str:
    """The paragraph above a network's table."""
    found = [m.value for m in at.markdown if m.value.startswith(f"**{label}**")]
    assert len(found) == 1, [m.value for m in at.markdown]
    return found[0]


ROW = re.compile(
    r'<tr class="[^"]*">'
    r'(?:<td class="xt-pic"[^>]*><img src="[^"]*" alt="picture ([^"]+)"[^>]*></td>)?'
    # The answer's cell also says right or wrong: a sign, and a word for screen readers.
    r'<td class="xt-who">([^<]*)</td>((?:<td[^>]*>\d+(?:<span[^>]*>[^<]*</span>)*</td>){10})</tr>'
)


def table_lines(at: AppTest, index: int = 0) -> list[tuple[str, str, list[int]]]:
    """(picture, who, ten percentages) for every line of a table; a picture's later lines
    repeat its name."""
    tables = [h.value for h in at.html if '<table class="xt">' in h.value]
    lines, picture = [], ""
    for name, who, cells in ROW.findall(tables[index]):
        picture = name or picture
        lines.append((picture, who, [int(n) for n in re.findall(r">(\d+)<", cells)]))
    return lines


def tables(at: AppTest) -> list[str]:
    return [h.value for h in at.html if '<table class="xt">' in h.value]


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
    assert [e.label for e in at.main.expander] == ["Use a model file (.keras) instead"]
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
    right = workshop_right(mnist_model_plain.model)
    assert summary(at, "Run 1: test").startswith(
        f"**Run 1: test** (trained without invert): **{right} of 9** of the workshop's digits "
        "right; the workshop's own run without INVERT got 4 of 9. This app's drawings: "
        f"{examples_right(mnist_model_plain.model)} of 9 right."
    )
    assert len(tables(at)) == 1 and not at.dataframe  # One HTML table, no scroll box.


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
    for label, trained, run in (
        ("Run 1: invert off", mnist_model_plain, "without"),
        ("Run 2: invert on", mnist_model_invert, "with"),
    ):
        counts[label] = workshop_right(trained.model)
        assert summary(at, label).startswith(
            f"**{label}** (trained {run} invert): **{counts[label]} of 9** of the workshop's"
        )
    assert len(tables(at)) == 2
    # The workshop's lesson, with the workshop's pictures fed its way: inversion helps.
    assert counts["Run 2: invert on"] > counts["Run 1: invert off"], counts


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
    count = workshop_right(mnist_model_plain.model)
    assert summary(at, label).startswith(f"**{label}**: **{count} of 9** of the workshop's")

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


# --- The example table, with small networks -----------------------------------------------------


def yours(model) -> np.ndarray:
    """The network's percentages for the workshop's pictures, rounded as on the page."""
    return np.rint(forward(model, workshop.workshop_batch()) * 100).astype(int)


@pytest.mark.parametrize("invert", [False, True])
def test_the_workshops_pictures_come_first_with_the_published_run_of_the_same_kind(
    small_runs, invert: bool
) -> None:
    run = small_runs[invert]
    at = open_page([run])
    assert not at.exception
    lines = table_lines(at)
    names = [*map(str, range(1, 10)), "dog"]
    # Each workshop picture: the student's line, then the workshop's published line.
    assert [(p, who) for p, who, _ in lines[:20]] == [
        (name, who) for name in names for who in ("yours", "workshop")
    ]
    published = workshop.published(invert)
    assert [numbers for _, who, numbers in lines[:20] if who == "workshop"] == published.tolist()
    assert [numbers for _, who, numbers in lines[:20] if who == "yours"] == yours(
        run.network
    ).tolist()
    # Then the app's own drawings, prepared like a canvas drawing, one line each.
    own = np.rint(forward(run.network, example_batch()) * 100).astype(int)
    assert [numbers for _, _, numbers in lines[20:]] == own.tolist()
    assert [who for _, who, _ in lines[20:]] == [e.name.split()[0] for e in examples()]
    kind = "with" if invert else "without"
    got = 8 if invert else 4
    assert f"the workshop's own run {kind} INVERT got {got} of 9" in summary(at, run.label)
    assert any("strengths and weaknesses is counted" in c.value for c in at.caption)
    assert any(m.value.startswith("The workshop expected “the same strengths") for m in at.markdown)


def test_the_dog_row_says_it_is_no_digit_yet_gets_an_answer(small_runs) -> None:
    run = small_runs[False]
    at = open_page([run])
    dog = yours(run.network)[-1]
    sentence = (
        "The dog is not a digit, yet the network still picks one: yours says "
        f"{dog.argmax()} ({dog.max()}%), the workshop's said 2 (51%)."
    )
    note = f"{sentence} {DOG_POINTER}"  # The closing page makes the lesson.
    assert f'<td colspan="12">{html.escape(note)}</td>' in tables(at)[0]


def test_a_network_from_a_file_is_shown_beside_both_published_runs(small_runs) -> None:
    """An upload carries no training settings: both of the workshop's runs are shown."""
    at = open_page()
    at.session_state["mnist_uploaded_models"] = [
        ("Uploaded: small.keras", small_runs[True].network)
    ]
    at.run()
    assert not at.exception
    lines = table_lines(at)
    assert [who for picture, who, _ in lines if picture == "4"] == [
        "yours",
        "workshop, no invert",
        "workshop, invert",
    ]
    text = summary(at, "Uploaded: small.keras")
    assert "How it was trained is not known here" in text
    assert "4 of 9 without INVERT, 8 of 9 with it" in text
    assert "without INVERT and 8 (23%) with it." in tables(at)[0]  # The dog's sentence.
