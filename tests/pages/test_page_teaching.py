"""What the pages teach: a first step on every page, each term defined where it appears, and
sentences computed from the settings on screen, checked at settings other than the defaults.

Everything runs through the app's router, as a student's browser does.
"""

from __future__ import annotations

import types

import pytest
from streamlit.testing.v1 import AppTest

from core.basics.gradient_descent import OneWeightProblem, run_steps, status, suggested_rates
from core.engine.settings import help_of
from core.iris.config import IrisConfig
from core.mnist.config import MnistConfig
from core.mnist.shapes import layer_rows
from tests.conftest import ROOT
from tests.pages.navigation import (
    BACKPROP,
    CLOSING,
    DRAW,
    GD,
    HOME,
    INSIDE,
    IRIS,
    KERNELS,
    MNIST,
    NEURONS,
    OVERFITTING,
    PAGES,
    open_page,
)
from ui.frame.page_list import PageEntry, every_page

APP = str(ROOT / "app.py")


def first_step(at: AppTest) -> str:
    steps = [m.value for m in at.markdown if "**Try this first:**" in m.value]
    assert len(steps) == 1, steps
    return steps[0]


def texts(at: AppTest) -> str:
    """Every markdown and caption on the page, for sentences that may sit in either."""
    return "\n".join([m.value for m in at.markdown] + [c.value for c in at.caption])


def a_run(config: MnistConfig, label: str, model=None):
    from core.engine.models.trained_network import TrainedNetwork

    network = None if model is None else TrainedNetwork.from_keras(model)
    return types.SimpleNamespace(config=config, label=label, network=network)


# What each page's first step names, where a test pins it; every page of the page list
# (ui/frame/page_list.py) gets a first-step test, pinned here or not.
FIRST_STEP_WORDS = {
    HOME: "Neurons and networks",
    NEURONS: "weight w1",
    OVERFITTING: "from 1 to 15",
    GD: "press **Step**",
    BACKPROP: "press **Next step**",
    IRIS: "**Hidden layers** to 1",
    KERNELS: "Sobel magnitude",
    MNIST: "**Training examples** to 5,000",
    INSIDE: "**conv2**",
    CLOSING: "which digit your network says the dog is",
    PAGES["glossary"]: "set **Epochs** on the *Iris flowers* page",
}


@pytest.mark.parametrize("entry", every_page(), ids=lambda entry: entry.name)
def test_every_page_opens_with_one_first_step(entry: PageEntry, untrained_runs) -> None:
    # With a network in the session: Draw and Inside the CNN stop without one.
    step = first_step(open_page(entry.path, {"mnist_runs": untrained_runs[:1]}))
    assert FIRST_STEP_WORDS.get(entry.path, "") in step


def test_home_promises_no_closeness_it_cannot_compute() -> None:
    caption = texts(open_page(HOME))
    assert "close to the workshop's" not in caption and "match" not in caption
    assert "your numbers are your network's own" in caption
    assert "sets yours beside the workshop's published ones" in caption


def test_gradient_descent_suggests_rates_that_do_what_it_says() -> None:
    at = open_page(GD)
    oscillating, diverging = suggested_rates(OneWeightProblem())
    step = first_step(at)
    assert f"learning rate to {oscillating:g}" in step and f"then try {diverging:g}" in step
    problem = OneWeightProblem()
    assert status(run_steps(-1.0, oscillating, 1, problem), problem) == "oscillating"
    assert status(run_steps(-1.0, diverging, 3, problem), problem) == "diverging"
    # The page agrees: the diverging rate, one step, and the page says so.
    at.slider(key="gd_learning_rate").set_value(diverging).run()
    at.button(key="gd_reset").click().run()
    at.button(key="gd_step").click().run()
    assert any("Diverging" in e.value for e in at.error)
    words = texts(at)
    assert "**Backpropagation** is how those slopes are found" in words
    assert "The step then uses them" in words
    assert "**TensorFlow**" in words and "**Keras**" in words  # They work out the derivatives.
    assert "From **random** weights" in words


def test_the_neurons_page_counts_the_students_own_cnn() -> None:
    default = texts(open_page(NEURONS))
    total = sum(row.parameters for row in layer_rows(MnistConfig()))
    assert f"The workshop's CNN for digits (the *MNIST* page) learns {total:,}" in default
    assert "millions" not in default
    config = MnistConfig(filters=(8, 16), dense_units=32)
    at = open_page(NEURONS, {"mnist_runs": [a_run(config, "Run 1: small")]})
    own = sum(row.parameters for row in layer_rows(config))
    assert f"Your CNN for digits (*Run 1: small*) learns {own:,} weights" in texts(at)


def test_iris_defines_its_terms_with_the_settings_on_screen() -> None:
    at = open_page(IRIS, timeout=120)
    assert "**hyperparameters**" in texts(at)
    for key, name in (("iris_epochs", "epochs"), ("iris_steps", "steps_per_epoch")):
        assert at.slider(key=key).help == help_of(IrisConfig, name)  # The config's own words.
    assert at.select_slider(key="iris_batch").help == help_of(IrisConfig, "batch_size")
    assert "random starting weights" in at.number_input(key="iris_seed").help

    at.slider(key="iris_test_fraction").set_value(0.3).run()
    at.slider(key="iris_epochs").set_value(3).run()
    at.slider(key="iris_steps").set_value(20).run()
    at.select_slider(key="iris_batch").set_value(8).run()
    epoch = next(c.value for c in at.caption if c.value.startswith("An **epoch**"))
    assert "20 **batches** of 8 flowers: 20 x 8 = 160 flowers" in epoch
    assert "about 1.5 passes over your 105 training flowers" in epoch
    assert "3 epochs make 60 steps" in epoch
    assert any(
        i.value.startswith("Press **Train the network** to train it: 60 steps") for i in at.info
    )

    # The scatter's sentence follows the chosen axes.
    assert any(
        "On petal length and petal width: setosa stands apart" in c.value for c in at.caption
    )
    at.selectbox(key="iris_x_feature").set_value("sepal length (cm)").run()
    at.selectbox(key="iris_y_feature").set_value("sepal width (cm)").run()
    scatter = next(c.value for c in at.caption if c.value.startswith("On sepal length"))
    assert "setosa and versicolor mix" in scatter and "stands apart" not in scatter


def test_iris_reads_its_confusion_matrix_and_says_what_sparse_means() -> None:
    at = open_page(IRIS, timeout=120)
    at.slider(key="iris_epochs").set_value(2).run()
    at.slider(key="iris_steps").set_value(10).run()
    at.button(key="iris_train").click().run()
    assert not at.exception
    result = at.session_state["iris_result"]
    right, total = int(result.confusion.trace()), int(result.confusion.sum())
    reading = next(c.value for c in at.caption if c.value.startswith("Each row is what"))
    assert f"The diagonal holds the right answers: {right} of {total}." in reading
    loss = next(m.value for m in at.markdown if "sparse categorical cross-entropy" in m.value)
    assert "*Sparse* says how the right answers are written" in loss


def test_mnist_defines_its_terms_and_keeps_the_variant_for_teachers(untrained_runs) -> None:
    at = open_page(MNIST)
    words = texts(at)
    assert "**hyperparameters**" in words
    assert "An **epoch** is one pass over your training data: 60,000 digits" in words
    assert at.select_slider(key="mnist_train_size").help == help_of(MnistConfig, "train_size")
    assert "a minute" not in words and "minute" not in at.info[0].value
    teachers = next(e for e in at.expander if e.label.startswith("For teachers"))
    assert any(c.value.startswith("Training variant:") for c in teachers.caption)
    assert sum(c.value.startswith("Training variant:") for c in at.caption) == 1  # Only there.

    at = open_page(MNIST, {"mnist_runs": untrained_runs[:1]})
    confusion = untrained_runs[0].evaluation.confusion
    reading = next(c.value for c in at.caption if c.value.startswith("Each row is what"))
    assert f"right answers: {int(confusion.trace()):,} of {int(confusion.sum()):,}" in reading


def _order(at: AppTest) -> list[str]:
    """The page's elements in the order a student sees them: each one's type and label."""
    seen = []

    def walk(node) -> None:
        seen.append(f"{type(node).__name__}:{getattr(node, 'label', '')}")
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    return seen


def test_the_draw_page_puts_the_canvas_before_the_model_file(untrained_runs) -> None:
    order = _order(open_page(DRAW, {"mnist_runs": untrained_runs[:1]}))
    paper = next(i for i, name in enumerate(order) if name == "Radio:Paper")
    upload = next(i for i, name in enumerate(order) if "Use a model file" in name)
    assert paper < upload


def test_inside_the_cnn_says_features_build_up(untrained_runs) -> None:
    at = open_page(INSIDE, {"mnist_runs": untrained_runs[:1]})
    assert "**conv2**" in first_step(at)
    assert "edges, then parts" in texts(at)
