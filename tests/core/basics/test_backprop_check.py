"""The page's TensorFlow check, called directly as a flow: TensorFlow's gradients equal the
chain rule's to 1e-6 at settings other than the page's defaults, and come back as plain
floats that another process can send (the page runs it in a worker)."""

from __future__ import annotations

import dataclasses
import pickle

import pytest

from core.basics.backprop_check import (
    TensorFlowGradients,
    difference_text,
    tensorflow_gradients,
)
from core.basics.backpropagation import PARAMETERS, TinyNetwork, gradients, loss

# Every slider of the page moved (x1, x2, target, w1, w5), and the weights the page keeps too.
PAGE_SETTINGS = TinyNetwork(x1=-1.5, x2=0.7, target=0.2, w1=1.3, w5=-1.1)
ALL_MOVED = dataclasses.replace(
    PAGE_SETTINGS, w2=0.9, w3=-1.2, w4=0.45, w6=1.6, b1=-0.3, b2=0.25, b3=-0.6, target=0.85
)


def check(net: TinyNetwork) -> TensorFlowGradients:
    return tensorflow_gradients(net, lambda progress: None, lambda: False)


@pytest.mark.parametrize("net", [PAGE_SETTINGS, ALL_MOVED], ids=["page-sliders", "all-moved"])
def test_tensorflow_finds_the_chain_rules_gradients(net: TinyNetwork) -> None:
    found = check(net)
    ours = gradients(net)
    assert found.network == net
    assert list(found.gradients) == list(PARAMETERS)
    for name in PARAMETERS:
        assert found.gradients[name] == pytest.approx(ours[name], abs=1e-6), name
    assert found.loss == pytest.approx(loss(net), abs=1e-12)
    assert found.largest_difference(ours) < 1e-6
    assert sum(abs(value) > 1e-3 for value in found.gradients.values()) >= 5  # Not zeros.


def test_a_wrong_gradient_shows_as_a_difference() -> None:
    """The comparison could fail: a chain rule missing a factor is caught."""
    found = check(PAGE_SETTINGS)
    wrong = gradients(PAGE_SETTINGS) | {"w1": gradients(PAGE_SETTINGS)["w1"] / 2}
    assert found.differences(wrong)["w1"] == pytest.approx(abs(wrong["w1"]))
    assert found.largest_difference(wrong) > 1e-3
    assert found.agrees(gradients(PAGE_SETTINGS)) and not found.agrees(wrong)
    assert difference_text(0.0) == "0" and difference_text(3.4e-17) == "3e-17"


def test_the_result_is_plain_data_for_another_process() -> None:
    found = check(ALL_MOVED)
    assert all(type(value) is float for value in found.gradients.values())
    assert type(found.loss) is float and found.version[0].isdigit()
    assert pickle.loads(pickle.dumps(found)) == found
    assert pickle.loads(pickle.dumps(tensorflow_gradients)) is tensorflow_gradients
