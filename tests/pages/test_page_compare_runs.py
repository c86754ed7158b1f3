"""AppTest: runs kept and compared on one chart (Iris, MNIST), the MNIST page's over-fitting
preset and its reading, and the MNIST page's sections in the order a student meets them."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.engine.progress import CurvePoint
from core.mnist.config import MnistConfig
from core.mnist.overfitting import OVERFITTING_PRESET
from core.mnist.run import MnistRun
from tests.conftest import ROOT
from tests.pages.navigation import open_page
from ui.mnist.preset import preset_widgets

APP = str(ROOT / "app.py")
IRIS, MNIST = "app_pages/iris.py", "app_pages/mnist_training.py"


def compare_caption(at: AppTest) -> str:
    (caption,) = [c.value for c in at.caption if "The horizontal axis counts epochs" in c.value]
    return caption


def overlay_alt(at: AppTest) -> str:
    (chart,) = [
        h.proto.body for h in at.html if "of each run, against epochs trained" in h.proto.body
    ]
    return chart


def _train_iris(at: AppTest, epochs: int, batch: int = 32) -> None:
    at.slider(key="iris_epochs").set_value(epochs)
    at.slider(key="iris_steps").set_value(10)
    at.select_slider(key="iris_batch").set_value(batch).run()
    at.button(key="iris_train").click().run()
    assert not at.exception, [e.message for e in at.exception]


def test_two_iris_trainings_with_different_epochs_share_one_chart() -> None:
    at = open_page(IRIS)
    _train_iris(at, 3)
    _train_iris(at, 6, batch=16)
    runs = at.session_state["iris_runs"]
    assert [r.label for r in runs] == [
        "Run 1: 3 epochs x 10 steps",
        "Run 2: 6 epochs x 10 steps, batch 16",
    ]
    assert at.multiselect(key="iris_compare_runs").value == [r.label for r in runs]
    caption = compare_caption(at)
    first, second = (r.history["loss"] for r in runs)
    assert caption.startswith(
        f"Run 1's training loss fell from {first[0]:.2f} to {first[-1]:.2f} over 3 epochs; "
        f"Run 2's fell from {second[0]:.2f} to {second[-1]:.2f} over 6 epochs."
    )
    chart = overlay_alt(at)
    assert "Run 1 ends at" in chart and "Run 2 ends at" in chart
    assert "Run 1: 3 epochs x 10 steps" in chart  # The legend's labels.

    at.radio(key="iris_compare_measure").set_value("val_accuracy").run()
    test = [r.history["val_accuracy"] for r in runs]
    caption = compare_caption(at)
    assert caption.startswith("Run 1's test accuracy ") and "over 3 epochs; Run 2's " in caption
    for accuracies in test:  # Each run's last test accuracy, read from its own history.
        assert f"{accuracies[-1]:.1%} over {len(accuracies)} epochs" in caption

    # Run 1 taken off the chart: only Run 2 is drawn and read.
    at.multiselect(key="iris_compare_runs").unselect(runs[0].label).run()
    assert compare_caption(at).startswith("Run 2's test accuracy")
    assert "Run 1" not in compare_caption(at) and "Run 1 ends" not in overlay_alt(at)

    # A new training joins the chart by itself, and only the last five are kept.
    for _ in range(4):
        _train_iris(at, 1)
    labels = [r.label for r in at.session_state["iris_runs"]]
    assert [label.split(":")[0] for label in labels] == [f"Run {n}" for n in range(2, 7)]
    assert at.multiselect(key="iris_compare_runs").value == labels
    assert "Run 6's was " in compare_caption(at)  # One epoch of Iris: a single point.


def _run(
    model_run: MnistRun, number: int, config: MnistConfig, history: dict, curve=()
) -> MnistRun:
    """A real (untrained) network with the curves a training of `config` would record."""
    return MnistRun(
        config,
        model_run.network,
        history=history,
        evaluation=model_run.evaluation,
        label=f"Run {number}: made up",
        curve=tuple(curve),
    )


@pytest.fixture
def mnist_with_runs(untrained_runs) -> tuple[AppTest, list[MnistRun]]:
    base = untrained_runs[0]
    one_epoch = MnistConfig(train_size=5_000)  # 40 batches.
    curve = [CurvePoint(done, 2.3 - 0.04 * done, 0.1 + 0.02 * done) for done in (4, 12, 24, 40)]
    preset = OVERFITTING_PRESET
    train = [0.4, 0.8, 0.9, 0.95, 0.98, 0.99, 1.0, 1.0, 1.0, 1.0]
    test = [0.7, 0.8, 0.85, 0.88, 0.9, 0.91, 0.912, 0.915, 0.911, 0.913]
    history = {"loss": [1.0 / (i + 1) for i in range(10)], "accuracy": train, "val_accuracy": test}
    runs = [
        _run(base, 1, one_epoch, {"loss": [0.7], "accuracy": [0.9]}, curve),
        _run(base, 2, preset, history),
    ]
    return open_page(MNIST, {"mnist_runs": runs}), runs


def test_mnist_runs_are_compared_with_the_one_epoch_run_drawn_by_its_batches(mnist_with_runs):
    at, _ = mnist_with_runs
    caption = compare_caption(at)
    assert caption.startswith(
        "Run 1's training loss fell from 2.14 to 0.70 between batch 4 and batch 40 of its one "
        "epoch; Run 2's fell from 1.00 to 0.10 over 10 epochs."
    )
    assert "Run 1 trained a single epoch, so its line shows the running average" in caption
    at.radio(key="mnist_compare_measure").set_value("val_accuracy").run()
    assert not at.exception
    (caption,) = [
        c.value for c in at.caption if "test accuracy" in c.value and "Run 2's" in c.value
    ]
    assert caption.startswith("Run 2's test accuracy rose from 70.0% to 91.3% over 10 epochs.")
    assert caption.endswith("Run 1 recorded no test accuracy per epoch, so it has no line.")


def test_a_run_tested_every_epoch_says_what_its_accuracies_did_and_links_the_lesson(
    mnist_with_runs,
):
    at, _ = mnist_with_runs
    assert at.radio(key="mnist_choice").value == 1  # The newest: the made-up preset run.
    note = next(m.value for m in at.markdown if "epoch by epoch.**" in m.value)
    assert "Training accuracy reached 100.0% at epoch 7 of 10" in note
    assert "stayed between 91.1% and 91.5%" in note and "This is over-fitting." in note
    links = at.get("page_link")
    assert [link.proto.page for link in links] == ["overfitting"]  # Training and test data.
    at.radio(key="mnist_choice").set_value(0).run()  # The one-epoch run: no such sentence.
    assert not any("epoch by epoch.**" in m.value for m in at.markdown)


def test_the_preset_button_sets_every_widget_it_names() -> None:
    at = open_page(MNIST)
    at.slider(key="mnist_epochs").set_value(3).run()
    at.toggle(key="mnist_invert").set_value(True).run()
    at.button(key="mnist_overfitting_preset").click().run()
    assert not at.exception
    preset = OVERFITTING_PRESET
    assert at.select_slider(key="mnist_train_size").value == preset.train_size
    assert at.slider(key="mnist_epochs").value == preset.epochs
    assert at.select_slider(key="mnist_batch").value == preset.batch_size
    assert at.select_slider(key="mnist_dense").value == preset.dense_units
    assert at.slider(key="mnist_dropout").value == preset.dropout
    assert at.toggle(key="mnist_invert").value is preset.invert
    assert set(preset_widgets()) >= {"mnist_train_size", "mnist_epochs", "mnist_batch"}
    # The page's own numbers follow: the layer table and the epoch's batches.
    table = at.dataframe[0].value.set_index("layer")
    assert table.loc["dense", "output shape"] == str(preset.dense_units)
    batches = -(-preset.train_size // preset.batch_size)
    assert any(f"in {batches} **batches** of {preset.batch_size}" in c.value for c in at.caption)
    assert any(
        "Sets 300 training examples, 10 epochs in batches of 8" in c.value for c in at.caption
    )


def test_section_1_shows_the_network_and_section_2_its_training_settings() -> None:
    at = open_page(MNIST)
    order: list[str] = []

    def walk(node, inside: str = "") -> None:
        kind = type(node).__name__
        label = getattr(node, "label", None) or getattr(node, "value", "")
        here = f"{inside}/{kind}" if kind == "Expander" else inside
        order.append(f"{here}|{kind}:{str(label)[:40]}")
        for child in getattr(node, "children", {}).values():
            walk(child, here)

    walk(at.main)
    first = next(i for i, e in enumerate(order) if e.endswith("Header:1. The network"))
    second = next(i for i, e in enumerate(order) if e.endswith("Header:2. Training settings"))
    table = next(i for i, e in enumerate(order) if "|Dataframe" in e)
    total = next(i for i, e in enumerate(order) if "Weights and biases to learn" in e)
    assert first < table < total < second
    assert not order[table].startswith("/Expander")  # Shown openly, not folded away.
    epochs = next(i for i, e in enumerate(order) if e.endswith("Slider:Epochs"))
    assert second < epochs


def test_the_over_fitting_page_points_to_the_preset_with_its_numbers() -> None:
    at = open_page("app_pages/overfitting.py")
    preset = OVERFITTING_PRESET
    text = next(m.value for m in at.markdown if "**In a real network.**" in m.value)
    assert f"{preset.train_size:,} training examples, {preset.epochs} epochs" in text
    assert "On the *MNIST training* page, the **Over-fitting preset**" in text
