"""Sentences that used to be false at some settings or on some machines (issue 27), checked on
the pages at settings other than the defaults: each is computed from what is on screen now,
or said only when it holds.

Everything runs through the app's router, as a student's browser does.
"""

from __future__ import annotations

import copy

from streamlit.testing.v1 import AppTest

from core.digits.key_experiment import WHITE_PAPER
from core.iris.sentences import softmax
from core.mnist.config import MnistConfig
from tests.conftest import ROOT
from tests.pages.navigation import DRAW, IRIS, OVERFITTING, open_page
from ui.state import keys

APP = str(ROOT / "app.py")


def texts(at: AppTest) -> str:
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def test_iris_defines_softmax_and_the_epoch_before_training() -> None:
    at = open_page(IRIS)
    words = texts(at)
    assert "four measurements of each flower" in words and "measured four times" not in words
    # The softmax, worked out, before anything is trained (the page stops at its prompt).
    shares = [f"{p:.0%}" for p in softmax([2.0, 1.0, 0.1])]
    assert f"become {shares[0]}, {shares[1]} and {shares[2]}" in words
    assert "The last layer is a **softmax**" in words
    assert any(i.value.startswith("Press **Train the network**") for i in at.info)

    at.slider(key="iris_test_fraction").set_value(0.4).run()
    at.slider(key="iris_steps").set_value(40).run()
    at.select_slider(key="iris_batch").set_value(16).run()
    epoch = next(c.value for c in at.caption if c.value.startswith("An **epoch**"))
    assert epoch.startswith("An **epoch** is Keras's word for a set number of batches")
    assert "4,800 flowers drawn from its 112 training flowers" in epoch  # The notebook's.
    assert "Yours: 40 **batches** of 16 flowers: 40 x 16 = 640 flowers" in epoch
    assert "about 7.1 passes over your 90 training flowers" in epoch  # 640 / 90
    split = next(c.value for c in at.caption if "flowers to train on" in c.value)
    assert "on the same kind of CPU" in split and "always gives" not in split


def test_a_test_accuracy_above_the_training_accuracy_is_explained_only_then() -> None:
    at = open_page(IRIS)
    at.slider(key="iris_epochs").set_value(2).run()
    at.slider(key="iris_steps").set_value(20).run()
    at.select_slider(key="iris_batch").set_value(16).run()
    at.button(key="iris_train").click().run()
    assert not at.exception
    result = at.session_state[keys.IRIS_RESULT]
    shown = [m.value for m in at.metric]
    above = [c.value for c in at.caption if c.value.startswith("The test accuracy (")]
    higher = float(shown[0][:-1]) > float(shown[1][:-1])
    assert bool(above) == higher  # Said when it happens, and only then.

    # The same real result, its last epoch's training accuracy below its test accuracy.
    result.history["accuracy"][-1] = result.test_accuracy - 0.05
    at.run()
    (above,) = [c.value for c in at.caption if c.value.startswith("The test accuracy (")]
    tested = int(result.confusion.sum())
    assert f"({result.test_accuracy:.1%}) is above the training accuracy" in above
    assert f"{tested} flowers, each worth {100 / tested:.1f}% of accuracy" in above
    assert "the last epoch's 320 flowers" in above  # 20 batches of 16.
    result.history["accuracy"][-1] = min(1.0, result.test_accuracy + 0.05)
    at.run()
    assert not [c.value for c in at.caption if c.value.startswith("The test accuracy (")]


def test_the_over_fitting_page_defines_its_error_beside_the_chart() -> None:
    at = open_page(OVERFITTING)
    at.slider(key="overfitting_degree").set_value(12).run()
    at.number_input(key="overfitting_seed").set_value(1).run()
    metrics = {m.label: m.value for m in at.metric}
    (defined,) = [m.value for m in at.markdown if "**mean squared error**" in m.value]
    assert "Your degree-12 model misses the test points most at x = " in defined
    assert f"The test error, {metrics['test error']}, is the average of 6 such squares" in defined
    assert f"the training error, {metrics['training error']}, of 24." in defined
    assert any(c.value.startswith("A log scale") for c in at.caption)


def first_step(at: AppTest) -> str:
    (step,) = [m.value for m in at.markdown if "**Try this first:**" in m.value]
    return step


def test_the_draw_page_suggests_the_key_experiment_with_the_networks_there_are(
    untrained_runs,
) -> None:
    # No network yet: which one to train first.
    step = first_step(open_page(DRAW))
    assert "train a network on the MNIST page with **invert** off" in step

    plain = untrained_runs[0]  # The workshop's settings: invert off.
    at = open_page(DRAW, {"mnist_runs": [plain]})
    step = first_step(at)
    assert f"choose **{WHITE_PAPER}** under **Paper**" in step
    assert f"draw a digit for *{plain.label}*, trained without invert" in step
    assert "train one with **invert** on" in step
    # The paper it names is the page's own choice.
    assert any(o.startswith(WHITE_PAPER) for o in at.radio(key="draw_paper").options)

    inverted = copy.copy(untrained_runs[1])
    inverted.config, inverted.label = MnistConfig(invert=True), "Run 2: 60,000 examples, invert"
    step = first_step(open_page(DRAW, {"mnist_runs": [plain, inverted]}))
    assert f"draw a digit for *{plain.label}*, trained without invert" in step
    assert "Then pick *Run 2: 60,000 examples, invert*, trained with invert" in step

    # A network from a file: how it was trained is not known, and the step does not guess.
    at = open_page(DRAW, {"mnist_uploaded_models": [("Uploaded: class.keras", plain.network)]})
    step = first_step(at)
    assert "Uploaded" not in step and "train one of each on the MNIST page" in step
