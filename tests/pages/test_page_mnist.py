"""AppTest of the MNIST training page through the app's router: train, invert, compare."""

from __future__ import annotations

import pytest
from streamlit.testing.v1 import AppTest

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
    assert table.loc["dense", "weights learned"] == 200_832
    assert at.metric[0].label == "Weights to learn" and at.metric[0].value == "215,370"

    at.select_slider(key="mnist_filters1").set_value(8).run()
    assert not at.exception
    table = layer_table(at)
    assert table.loc["conv1", "output shape"] == "28x28x8"
    assert table.loc["conv1", "weights learned"] == 5 * 5 * 8 + 8
    assert table.loc["conv2", "weights learned"] == 5 * 5 * 8 * 32 + 32
    assert at.metric[0].value == f"{208 + 6_432 + 200_832 + 1_290:,}"

    at.select_slider(key="mnist_kernel").set_value(3).run()
    assert layer_table(at).loc["conv1", "weights learned"] == 3 * 3 * 8 + 8
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
    assert any("Trained with inverted copies" in s.value for s in at.success)
    table = at.dataframe[1].value  # The run table, after the layer table.
    assert list(table["run"]) == [run.label for run in runs]
    assert list(table["invert"]) == ["off", "on"]

    # Choosing the first run again shows its results, without training.
    at.radio(key="mnist_choice").set_value(0).run()
    assert not at.exception
    assert len(at.session_state["mnist_runs"]) == 2
    assert metric(at, "Test accuracy (normal digits)") == pytest.approx(normal, abs=0.0001)
