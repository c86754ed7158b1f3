"""A model's outputs are shown as probabilities, so they must be probabilities.

A model ending in `Dense(10)` (raw scores, "logits") was accepted and the Draw page showed
"7 (251%)". Now such a model gets a softmax and a note saying so; a model whose last layer
squashes its outputs some other way (sigmoid, ReLU) is refused with the reason; and no
answer is ever shown above 100%.
"""

from __future__ import annotations

import json
import re

import keras
import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core.engine.models.checks import LOGITS_NOTE, clip_probabilities
from core.engine.models.files import ModelFileError, open_model_file
from core.engine.models.keras_to_numpy import numpy_copy
from tests.fuzz.files import CLASSES, INPUT_SHAPE, model_bytes
from tests.fuzz.pages import APP


def dense_model(activation: str | None, input_shape=INPUT_SHAPE, classes=CLASSES, scale=30.0):
    """Flatten + Dense with large weights, so raw scores go far beyond [0, 1]."""
    model = keras.Sequential(
        [
            keras.Input(shape=input_shape),
            keras.layers.Flatten(),
            keras.layers.Dense(classes, activation=activation),
        ]
    )
    kernel, bias = model.layers[-1].get_weights()
    rng = np.random.default_rng(0)
    model.layers[-1].set_weights([rng.normal(0, scale, kernel.shape), bias + 1.0])
    return model


def functional_logits():
    """Two Dense heads added: the output comes from an Add layer, which has no activation."""
    x = keras.Input(shape=INPUT_SHAPE)
    flat = keras.layers.Flatten()(x)
    out = keras.layers.Add()([keras.layers.Dense(CLASSES)(flat), keras.layers.Dense(CLASSES)(flat)])
    return keras.Model(x, out)


def _answers(model) -> np.ndarray:
    x = np.random.default_rng(1).uniform(0, 1, (8, *INPUT_SHAPE)).astype(np.float32)
    return np.asarray(model(x, training=False))


@pytest.mark.parametrize("build", [lambda: dense_model(None), functional_logits])
def test_a_model_ending_in_logits_gets_a_softmax_and_a_note(build) -> None:
    raw = build()
    assert _answers(raw).max() > 1.0  # It really gives raw scores.
    checked = open_model_file(model_bytes(raw), INPUT_SHAPE, CLASSES, "logits.keras")
    assert checked.note == f"logits.keras {LOGITS_NOTE}."
    answers = _answers(checked.model)
    assert answers.min() >= 0 and answers.max() <= 1
    np.testing.assert_allclose(answers.sum(axis=1), 1.0, atol=1e-5)


def test_the_softmax_keeps_the_fast_numpy_forward_pass() -> None:
    """A last Dense layer takes the softmax as its activation, which NumPy computes too."""
    checked = open_model_file(model_bytes(dense_model(None)), INPUT_SHAPE, CLASSES, "l.keras")
    in_numpy = numpy_copy(checked.model)
    assert in_numpy is not None
    x = np.random.default_rng(2).uniform(0, 1, (4, *INPUT_SHAPE)).astype(np.float32)
    np.testing.assert_allclose(in_numpy(x), _answers_of(checked.model, x), atol=1e-5)


def _answers_of(model, x: np.ndarray) -> np.ndarray:
    return np.asarray(model(x, training=False))


@pytest.mark.parametrize(
    ("activation", "words"),
    [("sigmoid", "do not add up to 1"), ("relu", "are not between 0 and 1")],
)
def test_other_squashed_outputs_are_refused_with_the_reason(activation: str, words: str) -> None:
    with pytest.raises(ModelFileError) as caught:
        open_model_file(model_bytes(dense_model(activation)), INPUT_SHAPE, CLASSES, "odd.keras")
    message = str(caught.value)
    assert message.startswith("odd.keras does not give probabilities") and words in message
    assert f"its last layer uses {activation}, where softmax is needed" in message


def test_a_model_answering_nan_is_refused() -> None:
    model = dense_model("softmax")
    kernel, bias = model.layers[-1].get_weights()
    model.layers[-1].set_weights([np.full_like(kernel, np.nan), bias])
    with pytest.raises(ModelFileError, match=r"^nan\.keras gives no usable answer"):
        open_model_file(model_bytes(model), INPUT_SHAPE, CLASSES, "nan.keras")


def test_a_softmax_model_has_no_note() -> None:
    checked = open_model_file(model_bytes(dense_model("softmax")), INPUT_SHAPE, CLASSES, "ok")
    assert checked.note == ""


def test_no_probability_is_ever_shown_above_100_percent() -> None:
    rows = np.array([[2.51, -0.3, np.nan, np.inf, 0.5]])
    shown = clip_probabilities(rows)
    assert shown.tolist() == [[1.0, 0.0, 0.0, 1.0, 0.5]]


@pytest.mark.timeout(180)
def test_the_draw_page_explains_the_added_softmax_and_shows_percentages() -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/draw.py").run()
    data = model_bytes(dense_model(None))
    at.file_uploader(key="draw_model_file").upload("my logits.keras", data).run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.selectbox(key="draw_model").options == ["Uploaded: my logits.keras"]
    assert any(f"my logits.keras {LOGITS_NOTE}" in i.value for i in at.info)
    # The example table: a line of ten whole percentages per picture for this network.
    table = next(h.value for h in at.html if '<table class="xt">' in h.value)
    cell = r"<td[^>]*>\d+(?:<span[^>]*>[^<]*</span>)*</td>"  # The answer also has ✓ or ✗.
    lines = re.findall(rf'<td class="xt-who">([^<]*)</td>((?:{cell}){{10}})', table)
    ours = [
        [int(v) for v in re.findall(r">(\d+)<", cells)]
        for who, cells in lines
        if "workshop" not in who.lower()
    ]
    assert ours, lines
    percentages = np.array(ours)
    assert percentages.max() <= 100 and np.all(np.abs(percentages.sum(axis=1) - 100) <= 5)


@pytest.mark.timeout(180)
def test_an_upload_error_names_the_students_file() -> None:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page("app_pages/draw.py").run()
    at.file_uploader(key="draw_model_file").upload("Mein Modell.keras", b"PK\x03\x04junk").run()
    assert not at.exception
    errors = [e.value for e in at.error]
    assert any("Mein Modell.keras" in e for e in errors), errors
    assert not any("upload.keras" in e or "the upload" in e for e in errors), errors


def test_predict_iris_with_a_logits_model(tmp_path, capsys) -> None:
    from core.cli import main

    path = tmp_path / "iris-logits.keras"
    dense_model(None, input_shape=(4,), classes=3, scale=5.0).save(path)
    code = main(["predict", "iris", "--model", str(path), "5.1", "3.3", "1.7", "0.5", "--json"])
    out, err = capsys.readouterr()
    assert code == 0, err
    assert f"note: iris-logits.keras {LOGITS_NOTE}." in err
    answer = json.loads(out)
    values = [answer[s] for s in ("setosa", "versicolor", "virginica")]
    assert all(0 <= v <= 1 for v in values) and sum(values) == pytest.approx(1, abs=1e-4)
