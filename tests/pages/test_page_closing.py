"""The closing page in AppTest: the workshop's dog without a model, and with the student's own."""

from __future__ import annotations

import html
import re
import types

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core.engine.models.trained_network import TrainedNetwork
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
    run = types.SimpleNamespace(network=TrainedNetwork.from_keras(model), label="test model")
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


# --- Sure is not right: scribbles, letters, noise and blobs beside test digits --------------


def test_without_a_model_the_confidence_section_says_what_to_do():
    at = open_page()
    assert any("ask it about these scribbles, letters" in i.value for i in at.info)
    assert not any("was at least 90% sure" in m.value for m in at.markdown)


def test_the_confidence_section_counts_the_chosen_networks_own_answers(small_runs):
    """Two networks, the first chosen (not the latest, the default): every number in the
    section's sentences is counted again here, straight from Keras."""
    from core.digits.not_digits import digit_sample, not_digits
    from core.mnist.data import load_mnist
    from ui.closing.confidence import DIGIT_COUNT, DIGIT_SEED
    from ui.state import keys

    chosen, latest = small_runs[False], small_runs[True]
    at = open_page({keys.MNIST_RUNS: [chosen, latest], keys.MNIST_SELECTED: 0})
    assert not at.info
    said = next(m.value for m in at.markdown if "things that are not digits" in m.value)
    assert said.startswith(f"Your network (*{chosen.label}*) was at least 90% sure about")

    data = load_mnist()
    digits, labels = digit_sample(data.x_test, data.y_test, DIGIT_COUNT, DIGIT_SEED)
    pictures = not_digits()
    others = np.stack([p.image for p in pictures])

    def tops(images: np.ndarray) -> np.ndarray:
        return np.asarray(chosen.network.keras_model(images[..., None], training=False))

    digit_p, other_p = tops(digits), tops(others)
    sure_others = int(np.count_nonzero(other_p.max(axis=1) >= 0.9))
    sure_digits = int(np.count_nonzero(digit_p.max(axis=1) >= 0.9))
    right = int(np.count_nonzero(digit_p.argmax(axis=1) == labels))
    assert (
        f"sure about {sure_others} of the {len(pictures)} things that are not digits, and "
        f"about {sure_digits} of the {DIGIT_COUNT} test digits. It read {right} of the "
        f"{DIGIT_COUNT} test digits correctly"
    ) in said

    surest = int(other_p.max(axis=1).argmax())
    line = next(m.value for m in at.markdown if m.value.startswith("Its surest answer"))
    assert f"**{pictures[surest].name}** is a **{other_p[surest].argmax()}**" in line
    caption = next(c.value for c in at.caption if "Each pair of bars" in c.value)
    top_digits = int(np.count_nonzero(digit_p.max(axis=1) >= 0.9))
    assert f"(90-100%): {top_digits} test digits and {sure_others} things" in caption

    # The histogram reads all nine bands in its alt text, counted here again.
    edges = np.array([10, 20, 30, 40, 50, 60, 70, 80, 90, 100.0001]) / 100
    chart = next(h.value for h in at.html if "How sure your network was" in h.value)
    alt = html.unescape(re.search(r'alt="([^"]*)"', chart).group(1))
    for probabilities, group in ((digit_p, "test digits"), (other_p, "not digits")):
        counts, _ = np.histogram(probabilities.max(axis=1), bins=edges)
        spoken = [int(n) for n in re.findall(rf"(\d+) {group}", alt)]
        assert spoken == counts.tolist() and sum(spoken) == len(probabilities)
    # Under each picture of the gallery: the chosen network's digit.
    gallery = next(h.value for h in at.html if "Scribbles (the first" in h.value)
    assert f"{pictures[0].name}: read as {other_p[0].argmax()}," in html.unescape(gallery)
