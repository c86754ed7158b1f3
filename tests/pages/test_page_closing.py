"""The closing page in AppTest: the workshop's dog without a model, and with the student's own."""

from __future__ import annotations

import types

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT

APP = str(ROOT / "app.py")
PAGE = "app_pages/closing.py"


def open_page(state: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.switch_page(PAGE).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_without_a_model_it_shows_the_workshops_answers_and_asks_for_training():
    at = open_page()
    assert at.title[0].value == "🐕 What a network can't tell you"
    assert any("Train a network on the MNIST page" in i.value for i in at.info)
    table = at.dataframe[0].value
    assert list(table.index) == ["Workshop, INVERT off", "Workshop, INVERT on"]
    assert table.loc["Workshop, INVERT off", "2"] == 51
    principles = next(m.value for m in at.markdown if "AI principles" in m.value)
    assert "Avoid creating or reinforcing unfair bias" in principles
    assert "Uphold high standards of scientific excellence" in principles


def test_with_a_model_it_shows_the_dog_row_of_the_students_network():
    from core.digits.dog import workshop_dog
    from core.mnist.config import MnistConfig
    from core.mnist.model import build_mnist_model

    model = build_mnist_model(MnistConfig(seed=3))
    run = types.SimpleNamespace(model=model, label="test model")
    at = open_page({"mnist_runs": [run]})
    assert not at.info
    table = at.dataframe[0].value
    assert table.index[0] == "Your network"
    row = table.iloc[0].to_numpy(dtype=float)
    assert row.sum() == pytest.approx(100, abs=0.01)  # Ten probabilities, always 100%.
    expected = np.asarray(model(workshop_dog().reshape(1, 28, 28, 1), training=False))[0]
    np.testing.assert_allclose(row, expected * 100, atol=1e-3)
    said = next(m.value for m in at.markdown if "calls the dog a" in m.value)
    assert said.startswith("Your network (*test model*) calls the dog a")
    assert f"a **{int(expected.argmax())}**, {expected.max():.0%} sure" in said
