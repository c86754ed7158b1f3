"""Sentences that stated a time, a number or an outcome no page computed (issue 27, the
review's last list): each is gone, computed from what is on screen, or a suggestion to try
and compare. Checked on the pages at settings other than the defaults, through the app's
router as a student's browser does; and "epoch" is defined where a student meets it first.
"""

from __future__ import annotations

import copy

import pytest
from streamlit.testing.v1 import AppTest

from core.basics.overfitting import make_data
from core.iris.data import split_counts
from core.iris.sentences import epoch_sentence
from core.mnist.config import MnistConfig
from tests.conftest import ROOT
from tests.pages.navigation import DRAW, HOME, INSIDE, IRIS, MNIST, NEURONS, OVERFITTING, open_page

APP = str(ROOT / "app.py")

# Each as it once stood on a page; none may come back.
FIXED_CLAIMS = (
    "5 to 15 minutes",
    "a few thousand examples are enough",
    "one epoch is enough",
    "so your numbers can match",
    "the workshop always watches",
    "should come close to the normal ones",
    "should narrow the gap",
    "usually raise the test accuracy",
)
# Keras's epoch, as the Iris page defines it and the first page that uses the word repeats.
EPOCH_WORDS = ("Keras's word for a set number of batches", "one pass over the training data")


def sentences(at: AppTest) -> list[str]:
    """Every text element the page shows: markdown, captions and the coloured boxes."""
    kinds = (at.markdown, at.caption, at.info, at.success, at.warning, at.error)
    return [element.value for kind in kinds for element in kind]


def no_fixed_claim(at: AppTest) -> str:
    words = "\n".join(sentences(at))
    assert [claim for claim in FIXED_CLAIMS if claim in words] == []
    return words


def test_home_and_the_pages_waiting_for_a_network_promise_nothing() -> None:
    words = no_fixed_claim(open_page(HOME))
    assert "minutes" not in words and "from top to bottom, at your own pace" in words
    for page in (DRAW, INSIDE):
        at = open_page(page)
        no_fixed_claim(at)
        assert any("Train" in i.value and "MNIST training page" in i.value for i in at.info)
        assert not any("enough" in i.value for i in at.info)


@pytest.mark.parametrize(("degree", "seed"), [(9, 17), (2, 400)])
def test_the_over_fitting_page_counts_its_test_points(degree: int, seed: int) -> None:
    at = open_page(OVERFITTING)
    at.slider(key="overfitting_degree").set_value(degree).run()
    at.number_input(key="overfitting_seed").set_value(seed).run()
    words = no_fixed_claim(at)
    tested = len(make_data(seed=seed).x_test)
    assert f"With only {tested} test points the test error is itself a little noisy" in words
    assert "judged by its test accuracy, not by its training accuracy alone" in words


def test_epoch_is_defined_on_the_first_page_that_uses_it() -> None:
    """Pages in the workshop's order: none before *Training and test data* says "epoch";
    there, the word is defined in the sentence that first uses it, in the Iris page's terms."""
    for page in (HOME, NEURONS):
        assert "epoch" not in "\n".join(sentences(open_page(page))).lower()
    at = open_page(OVERFITTING)
    at.slider(key="overfitting_degree").set_value(11).run()
    using = [text for text in sentences(at) if "epoch" in text.lower()]
    assert len(using) == 1, using
    (note,) = using
    first = note.lower().index("epoch")
    definition = note.index("an epoch is Keras's word for a set number of batches")
    assert definition - first < 40  # "trains in **epochs**: an epoch is ...", then its uses.
    assert all(words in note for words in EPOCH_WORDS)
    iris = epoch_sentence(0.4, 3, 40, 16)  # The Iris page's own, at other settings.
    assert EPOCH_WORDS[0] in iris and "one pass over the training data" in iris


def test_the_iris_split_lesson_promises_no_match_with_the_workshop() -> None:
    at = open_page(IRIS)
    at.slider(key="iris_test_fraction").set_value(0.3).run()
    train, test = split_counts(0.3)
    words = no_fixed_claim(at)
    assert "so your split has the workshop's sizes" in words
    assert "your accuracy is your own network's" in words
    assert f"At 30% you train on {train} flowers and test on {test}" in words


def test_mnist_suggests_what_to_try_with_this_runs_numbers(untrained_runs) -> None:
    run = copy.copy(untrained_runs[0])
    run.config = MnistConfig(train_size=5_000, epochs=2, batch_size=64)
    run.label = "Run 1: 5,000 examples, 2 epochs"
    at = open_page(MNIST, {"mnist_runs": [run]})
    words = no_fixed_claim(at)
    evaluation = run.evaluation
    assert (
        "Turn **invert** on and compare its inverted test accuracy with this run's "
        f"({evaluation.test_accuracy_inverted:.1%}) in the run table"
    ) in words
    assert (
        "Try more **training examples**: 5,000 now, up to 60,000; compare the test accuracy "
        f"({evaluation.test_accuracy:.1%} now) in the run table"
    ) in words
