"""AppTest of the MNIST training page through the app's router: train, invert, compare."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

from core.mnist.advice import invert_verdict
from tests.conftest import ROOT

APP = str(ROOT / "app.py")
PAGE = "app_pages/mnist_training.py"

pytestmark = pytest.mark.slow


def open_page() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=300).run()
    at.switch_page(PAGE).run()
    assert not at.exception
    return at


def metric(at: AppTest, label: str) -> float:
    """A percentage metric's value as a fraction."""
    (found,) = [m for m in at.metric if m.label == label]
    return float(found.value.rstrip("%")) / 100


def layer_table(at: AppTest):
    """The layer table (the first dataframe on the page)."""
    return at.dataframe[0].value.set_index("layer")


def test_layer_table_follows_the_architecture_without_training():
    """Before training: the prompt to train, the workshop's table, and live updates to it."""
    at = open_page()
    assert any("Press **Train the network**" in i.value for i in at.info)
    assert not at.metric or all("accuracy" not in m.label for m in at.metric)
    table = layer_table(at)
    assert table.loc["conv1", "output shape"] == "28x28x16"
    assert table.loc["pool2", "values out"] == 1_568
    assert (table.loc["dense", "weights"], table.loc["dense", "biases"]) == (200_704, 128)
    assert at.metric[0].label == "Weights and biases to learn"
    assert at.metric[0].value == "215,370"
    assert any(c.value.startswith("215,370 = 215,184 weights + 186 biases") for c in at.caption)
    assert any("7x7x32 = 1,568 values" in c.value for c in at.caption)

    at.select_slider(key="mnist_filters1").set_value(8).run()
    assert not at.exception
    table = layer_table(at)
    assert table.loc["conv1", "output shape"] == "28x28x8"
    assert (table.loc["conv1", "weights"], table.loc["conv1", "biases"]) == (5 * 5 * 8, 8)
    assert (table.loc["conv2", "weights"], table.loc["conv2", "biases"]) == (5 * 5 * 8 * 32, 32)
    assert at.metric[0].value == f"{208 + 6_432 + 200_832 + 1_290:,}"
    assert any("the dense layer: 200,832 of 208,762" in c.value for c in at.caption)
    assert any(c.value.startswith("208,762 = 208,584 weights + 178 biases") for c in at.caption)

    at.select_slider(key="mnist_kernel").set_value(3).run()
    assert layer_table(at).loc["conv1", "weights"] == 3 * 3 * 8
    assert at.session_state["mnist_runs"] == []  # Nothing was trained.
    assert any("Press **Train the network**" in i.value for i in at.info)


def test_train_normal_then_inverted_and_compare():
    """Two trainings on 5,000 digits: both accuracies shown, two runs kept, the newest
    selected, and invert on reads inverted digits better than invert off."""
    at = open_page()
    at.select_slider(key="mnist_train_size").set_value(5000).run()
    at.button(key="mnist_train").click().run()
    assert not at.exception
    normal = metric(at, "Test accuracy (normal digits)")
    inverted = metric(at, "Test accuracy (inverted digits)")
    assert normal > 0.8
    assert inverted < normal
    runs = at.session_state["mnist_runs"]
    assert len(runs) == 1
    assert runs[0].label.startswith("Run 1: 5,000 examples, 1 epoch, invert off")
    assert runs[0].evaluation.test_accuracy == pytest.approx(normal, abs=0.0001)
    assert at.radio(key="mnist_choice").value == 0
    assert any("Train again with **invert** on" in i.value for i in at.info)

    at.toggle(key="mnist_invert").set_value(True).run()
    at.button(key="mnist_train").click().run()
    assert not at.exception
    runs = at.session_state["mnist_runs"]
    assert len(runs) == 2
    assert runs[1].config.invert and not runs[0].config.invert
    assert at.radio(key="mnist_choice").value == 1  # The newest run is selected ...
    assert at.session_state["mnist_selected_run"] == 1  # ... for the Draw page too.
    # The metrics show the selected (invert) run.
    assert metric(at, "Test accuracy (inverted digits)") == pytest.approx(
        runs[1].evaluation.test_accuracy_inverted, abs=0.0001
    )
    assert runs[1].evaluation.test_accuracy_inverted > runs[0].evaluation.test_accuracy_inverted
    assert runs[1].evaluation.test_accuracy_inverted > 0.6
    # The verdict is the one the two runs' numbers call for, in the box its tone asks for.
    verdict = invert_verdict(
        runs[1].evaluation.test_accuracy,
        runs[1].evaluation.test_accuracy_inverted,
        invert=True,
        baseline=(runs[0].evaluation.test_accuracy, runs[0].evaluation.test_accuracy_inverted),
    )
    boxes = {"success": at.success, "info": at.info, "warning": at.warning}[verdict.tone]
    assert any(box.value == verdict.text for box in boxes)
    assert "Trained with inverted copies" in verdict.text
    table = at.dataframe[1].value  # The run table, after the layer table.
    assert list(table["run"]) == [run.label for run in runs]
    assert list(table["invert"]) == ["off", "on"]

    # Choosing the first run again shows its results, without training.
    at.radio(key="mnist_choice").set_value(0).run()
    assert not at.exception
    assert len(at.session_state["mnist_runs"]) == 2
    assert metric(at, "Test accuracy (normal digits)") == pytest.approx(normal, abs=0.0001)


def test_a_network_of_another_shape_is_described_with_its_own_numbers():
    """The issue's "done when": train a non-default network (32 and 64 filters, 7x7 kernels,
    32 dense units) and find its numbers on the MNIST, Inside-the-CNN and closing pages."""
    at = open_page()
    at.select_slider(key="mnist_filters1").set_value(32).run()
    at.select_slider(key="mnist_filters2").set_value(64).run()
    at.select_slider(key="mnist_kernel").set_value(7).run()
    at.select_slider(key="mnist_dense").set_value(32).run()
    at.select_slider(key="mnist_train_size").set_value(5000).run()
    table = layer_table(at)
    assert table.loc["conv2", "weights"] + table.loc["conv2", "biases"] == 7 * 7 * 32 * 64 + 64
    assert table.loc["dense", "weights"] + table.loc["dense", "biases"] == 3_136 * 32 + 32
    total = 1_600 + 100_416 + 100_384 + 330
    assert at.metric[0].value == f"{total:,}"
    caption = next(c.value for c in at.caption if "Each pooling halves" in c.value)
    assert "7x7x64 = 3,136 values" in caption
    assert f"Most of the weights and biases sit in conv2: 100,416 of {total:,}" in caption
    assert "the dense layer has 100,384" in caption
    layers = next(m.value for m in at.markdown if "**flatten**" in m.value)
    assert "32 learned 7x7 kernels slide over the image" in layers
    assert "64 kernels, each 7x7x32" in layers and "shrinking to 22x22" in layers
    # Epochs and batches defined with these settings' numbers (5,000 / 128: 40 batches).
    assert any(
        "5,000 digits, shuffled, in 40 **batches** of 128 (the last one smaller)" in c.value
        for c in at.caption
    )
    assert any(i.value.startswith("Press **Train the network**: 40 batches") for i in at.info)
    assert "one line of 3,136 numbers" in layers and "each of its 32 neurons" in layers

    at.button(key="mnist_train").click().run()
    assert not at.exception
    run = at.session_state["mnist_runs"][0]
    # Trained in a worker process: back as plain data (the NumPy copy), no Keras object.
    assert run.network.keras_model is None
    assert run.network.numpy_copy.get_layer("conv2").weights[0].shape == (7, 7, 32, 64)
    tips = next(m.value for m in at.markdown if "Tweak the hyperparameters" in m.value)
    assert "7x7 kernels, 32 and 64 filters, 32 dense units" in tips
    assert "5,000 now, up to 60,000" in tips

    at.switch_page("app_pages/inside_cnn.py").run()
    assert not at.exception
    assert at.header[0].value == "The 32 learned filters of the first layer"
    assert any(c.value.startswith("Each 7x7 square is one kernel") for c in at.caption)
    names = at.selectbox(key="cnn_layer").options
    assert "conv1: 32 feature maps of the first convolution" in names
    assert "conv2: 64 feature maps of the second convolution" in names
    assert "pool2: after the second pooling, 7x7x64 values the dense layers read" in names
    assert any("28x28x1 → 28x28x32 → 14x14x32 → 14x14x64 → 7x7x64" in m.value for m in at.markdown)

    at.switch_page("app_pages/closing.py").run()
    assert not at.exception
    dog = at.dataframe[0].value
    assert dog.index[0] == "Your network"
    assert any(f"Your network (*{run.label}*) calls the dog" in m.value for m in at.markdown)
    assert dog.iloc[0].sum() == pytest.approx(100, abs=0.01)
