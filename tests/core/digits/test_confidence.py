"""How sure a network is about digits and non-digits: the counts and the sentences.

The real network is small (2,000 training digits, three epochs, seed 2), trained once for
this module; its answers are counted again here straight from Keras, apart from the module.
"""

from __future__ import annotations

import re

import numpy as np
import pytest

from core.digits.confidence import (
    BAND_LOWS,
    Answers,
    ConfidenceReport,
    band_counts,
    band_names,
    confidence_report,
    confidence_sentence,
    sure_by_kind,
    surest_sentence,
    whole_percent,
)
from core.digits.not_digits import digit_sample, not_digits
from core.mnist.config import MnistConfig
from core.mnist.data import load_mnist


@pytest.fixture(scope="module")
def network():
    from core.mnist.training import train_mnist

    return train_mnist(
        MnistConfig(train_size=2000, epochs=3, seed=2), evaluate=False
    ).network.keras_model


@pytest.fixture(scope="module")
def inputs() -> tuple[np.ndarray, np.ndarray, np.ndarray, list]:
    data = load_mnist()
    digits, labels = digit_sample(data.x_test, data.y_test, count=60, seed=5)
    pictures = list(not_digits(15, 0))
    return digits, labels, np.stack([p.image for p in pictures]), pictures


def keras_answers(model, images: np.ndarray) -> np.ndarray:
    """The probabilities straight from Keras, not through core.digits.predict."""
    return np.asarray(model(images[..., None].astype(np.float32), training=False))


def numbers(sentence: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", sentence)]


def test_whole_percents_round_down_so_a_shown_89_is_never_counted_as_90():
    values = np.array([0.0999, 0.897, 0.9, np.float32(0.9), 0.999, 1.0])
    assert whole_percent(values).tolist() == [9, 89, 90, 90, 99, 100]
    answers = Answers(digits=np.zeros(6, int), top=values)
    assert answers.sure() == 4 and answers.sure(99) == 2


def test_each_top_probability_lands_in_its_band_and_the_counts_add_up():
    counts = band_counts(np.array([9, 10, 19, 20, 89, 90, 99, 100]))
    assert counts.tolist() == [3, 1, 0, 0, 0, 0, 0, 1, 3]
    assert band_names()[0] == "10-19%" and band_names()[-1] == "90-100%"
    assert len(band_names()) == len(BAND_LOWS) == 9
    random_tops = np.random.default_rng(0).uniform(0.1, 1.0, size=500)
    assert band_counts(whole_percent(random_tops)).sum() == 500


def test_the_sentences_numbers_are_the_networks_own(network, inputs):
    digits, labels, others, pictures = inputs
    report = confidence_report(network, digits, labels, others)
    digit_probabilities = keras_answers(network, digits)
    other_probabilities = keras_answers(network, others)
    np.testing.assert_allclose(report.digits.top, digit_probabilities.max(axis=1), atol=1e-5)
    np.testing.assert_allclose(report.others.top, other_probabilities.max(axis=1), atol=1e-5)

    sure_others = int(np.count_nonzero(other_probabilities.max(axis=1) >= 0.9))
    sure_digits = int(np.count_nonzero(digit_probabilities.max(axis=1) >= 0.9))
    read = digit_probabilities.argmax(axis=1)
    right = int(np.count_nonzero(read == labels))
    sure_wrong = int(np.count_nonzero((read != labels) & (digit_probabilities.max(axis=1) >= 0.9)))
    said = confidence_sentence(report, "Run 7")
    assert said.startswith(f"Run 7 was at least 90% sure about {sure_others} of the 60 things")
    expected = [90, sure_others, 60, sure_digits, 60, right, 60]
    if right < 60:
        expected += [90, sure_wrong, 60 - right]
    assert numbers(said.removeprefix("Run 7")) == expected

    for answers, probabilities in (
        (report.digits, digit_probabilities),
        (report.others, other_probabilities),
    ):
        bands = answers.bands()
        assert bands.sum() == 60
        edges = np.array([*BAND_LOWS, 100.0001]) / 100
        independent, _ = np.histogram(probabilities.max(axis=1), bins=edges)
        assert bands.tolist() == independent.tolist()

    by_kind = sure_by_kind(report, [p.kind for p in pictures])
    assert list(by_kind) == ["scribble", "letter", "noise", "blob"]
    assert sum(sure for sure, _ in by_kind.values()) == sure_others
    assert all(total == 15 for _, total in by_kind.values())

    surest = int(other_probabilities.max(axis=1).argmax())
    top = int(np.floor(other_probabilities[surest].max() * 100 + 1e-4))
    line = surest_sentence(report, [p.name for p in pictures])
    assert f"**{pictures[surest].name}** is a **{other_probabilities[surest].argmax()}**" in line
    below = int(np.count_nonzero(np.floor(digit_probabilities.max(axis=1) * 100 + 1e-4) < top))
    assert f"{top}% sure" in line
    assert (f"about {below} of the 60 test digits" in line) == (below > 0)


def _report(digit_top, digit_answers, labels, other_top) -> ConfidenceReport:
    return ConfidenceReport(
        digits=Answers(np.array(digit_answers, int), np.array(digit_top, float)),
        labels=np.array(labels, int),
        others=Answers(np.zeros(len(other_top), int), np.array(other_top, float)),
    )


def test_a_network_that_reads_every_digit_has_no_wrong_clause():
    report = _report([0.95, 0.5], [3, 4], [3, 4], [0.99, 0.2, 0.91])
    said = confidence_sentence(report)
    assert said.startswith("Your network was at least 90% sure about 2 of the 3 things")
    assert "about 1 of the 2 test digits. It read 2 of the 2 test digits correctly." in said
    assert "got wrong" not in said


def test_wrong_answers_are_counted_with_how_sure_the_network_was():
    report = _report([0.95, 0.97, 0.3], [3, 5, 1], [3, 4, 2], [0.5])
    said = confidence_sentence(report)
    assert "It read 1 of the 3 test digits correctly; it was at least 90% sure of 1 of " in said
    assert "the 2 it got wrong." in said
    assert report.sure_and_wrong == 1


def test_without_test_digits_the_sentences_speak_of_the_other_pictures_only():
    report = _report([], [], [], [0.95, 0.4])
    said = confidence_sentence(report)
    assert said.startswith("Your network was at least 90% sure about 1 of the 2 things that")
    assert "test digits" not in said
    assert surest_sentence(report, ["blob 1", "blob 2"]).endswith(
        "**blob 1** is a **0**, 95% sure."
    )
    with pytest.raises(ValueError):
        surest_sentence(report, ["blob 1"])
    with pytest.raises(ValueError):
        sure_by_kind(report, ["blob"])
