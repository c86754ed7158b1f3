"""The Backpropagation page in AppTest, at settings other than its defaults: the forward
values, the walk through the backward pass, and one step of gradient descent, each checked
against core.basics.backpropagation computed here independently of the page."""

from __future__ import annotations

import sys

import pytest
from streamlit.testing.v1 import AppTest

from core.basics.backprop_check import difference_text
from core.basics.backpropagation import (
    PARAMETERS,
    TinyNetwork,
    backward_steps,
    descent_step,
    forward,
    gradients,
    number,
)
from tests.pages.navigation import APP

PAGE = "app_pages/backpropagation.py"
SETTINGS = {
    "backprop_x1": -1.5,
    "backprop_x2": 0.7,
    "backprop_target": 0.2,
    "backprop_w1": 1.3,
    "backprop_w5": -1.1,
    "backprop_learning_rate": 2.5,
}
NET = TinyNetwork(x1=-1.5, x2=0.7, target=0.2, w1=1.3, w5=-1.1)


def open_page(settings: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=60).run()
    at.switch_page(PAGE).run()
    for key, value in (settings or {}).items():
        at.slider(key=key).set_value(value).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


@pytest.fixture(scope="module")
def page() -> AppTest:
    return open_page(SETTINGS)


def test_the_forward_pass_shows_the_students_numbers(page: AppTest) -> None:
    f = forward(NET)
    sums = next(m.value for m in page.markdown if m.value.startswith("Each neuron adds"))
    assert f"(1.3)(-1.5) + (-0.3)(0.7) + (0.1) = {number(f.p1)}$" in sums
    assert f"y = \\sigma(p_y) = {number(f.y)}$" in sums
    assert f"L = (t - y)^2 = (0.2 - {number(f.y)})^2 = {number(f.loss)}$" in sums
    assert any(f"y = {f.y:.3f}" in c.value for c in page.caption)  # The picture, in words.
    assert "**Try this first:**" in page.markdown[0].value


def test_next_step_walks_the_backward_pass_in_order(page: AppTest) -> None:
    steps = backward_steps(NET)
    assert page.slider(key="backprop_step").value == 1
    assert "-2\\,(0.2 - " in page.latex[0].value  # Step 1: the loss's slope.
    assert any("positive because the output is above the target" in c.value for c in page.caption)
    for shown in range(2, len(steps) + 1):
        page.button(key="backprop_next").click().run()
        assert page.slider(key="backprop_step").value == shown
        step = steps[shown - 1]
        formula = page.latex[0].value
        assert step.chain in formula and step.numbers in formula
        assert f"& = & {number(step.value)}\\end{{array}}" in formula
        assert sum(m.value.startswith("Step ") for m in page.markdown) == shown - 1
    # w5 carries the loss back to h1: it is the last factor of dL/dh1, which dL/dw1 reuses.
    assert steps[5].name == "dL/dh1" and steps[5].numbers.endswith("(-1.1)")
    assert steps[6].name == "dL/dw1" and steps[6].numbers.startswith(f"({number(steps[5].value)})")
    assert any("Every one of the 9 weights and biases" in s.value for s in page.success)
    page.button(key="backprop_next").click().run()  # No step beyond the last.
    assert page.slider(key="backprop_step").value == len(steps)
    page.button(key="backprop_restart").click().run()
    assert page.slider(key="backprop_step").value == 1
    assert not any("Every one of" in s.value for s in page.success)


def test_one_step_lowers_the_loss_by_what_the_page_says(page: AppTest) -> None:
    before, after = forward(NET), forward(descent_step(NET, 2.5))
    assert after.loss < before.loss
    metrics = {m.label: m.value for m in page.metric}
    assert metrics["loss before"] == f"{before.loss:.5f}"
    assert metrics["loss after one step"] == f"{after.loss:.5f}"
    assert any(
        f"from {before.loss:.5f} to {after.loss:.5f}" in s.value and "closer to the target 0.2"
        in s.value for s in page.success
    )  # fmt: skip
    (table,) = [frame.value for frame in page.dataframe]
    row = table.set_index("parameter").loc["w5"]
    assert row["after"] == pytest.approx(-1.1 - 2.5 * row["gradient ∂L/∂(parameter)"])


def test_a_learning_rate_too_large_makes_the_loss_rise_and_the_page_says_so() -> None:
    settings = {"backprop_x1": 2.0, "backprop_x2": 2.0, "backprop_target": 0.75}
    settings |= {"backprop_w1": 2.0, "backprop_w5": 1.0, "backprop_learning_rate": 10.0}
    at = open_page(settings)
    net = TinyNetwork(x1=2.0, x2=2.0, target=0.75, w1=2.0, w5=1.0)
    before, after = forward(net), forward(descent_step(net, 10.0))
    assert after.loss > before.loss  # The page's claim, checked independently.
    assert any(
        "The loss went **up**" in w.value and f"to {after.loss:.5f}" in w.value for w in at.warning
    )
    assert not any("went down" in s.value for s in at.success)


def _check_table(at: AppTest):
    return next(
        frame.value for frame in at.dataframe if "TensorFlow (tf.GradientTape)" in frame.value
    )


def test_check_with_tensorflow_runs_in_a_worker_and_shows_its_gradients(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """At settings other than the defaults, the button asks TensorFlow through the server's
    training backend. This process is made to have no TensorFlow (an import of it fails),
    as a web server may: the gradients can only come from a worker process."""
    monkeypatch.setitem(sys.modules, "tensorflow", None)
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page(PAGE).run()
    for key, value in SETTINGS.items():
        at.slider(key=key).set_value(value).run()
    assert not any("TensorFlow (tf.GradientTape)" in f.value for f in at.dataframe)
    at.button(key="backprop_check_tf").click().run()
    assert not at.exception and not at.error, [e.value for e in at.error]

    ours = gradients(NET)
    table = _check_table(at).set_index("parameter")
    assert list(table.index) == list(PARAMETERS)
    theirs = table["TensorFlow (tf.GradientTape)"]
    for name in PARAMETERS:
        assert table.loc[name, "chain rule (this page)"] == ours[name]
        assert theirs[name] == pytest.approx(ours[name], abs=1e-6), name
    largest = max(abs(theirs[name] - ours[name]) for name in PARAMETERS)
    assert table["difference"].tolist() == [difference_text(abs(theirs[p] - ours[p]))
                                            for p in PARAMETERS]  # fmt: skip
    said = (
        f"checked against TensorFlow's own gradient: largest difference {difference_text(largest)}."
    )
    assert any(said in m.value for m in at.markdown)
    assert any("x₁ = -1.5" in c.value and "float64" in c.value for c in at.caption)

    # The walk: a weight's step shows TensorFlow's value beside its own.
    at.button(key="backprop_next").click().run()
    at.button(key="backprop_next").click().run()  # Step 3: dL/dw5.
    beside = f"tf.GradientTape found {theirs['w5']:.12g}, this step {ours['w5']:.12g}"
    assert any(beside in c.value for c in at.caption)
    at.slider(key="backprop_step").set_value(len(backward_steps(NET))).run()
    assert any(
        "tf.GradientTape`, asked below, found the same 9" in s.value
        and f"largest difference {difference_text(largest)}" in s.value
        for s in at.success
    )

    # Another network on the sliders: the check was for the old one, and goes.
    at.slider(key="backprop_w1").set_value(-0.4).run()
    assert not any("TensorFlow (tf.GradientTape)" in f.value for f in at.dataframe)
    assert not any("tf.GradientTape found" in c.value for c in at.caption)
    assert not at.exception


def test_before_the_check_no_sentence_claims_what_tensorflow_found(page: AppTest) -> None:
    for _ in range(len(backward_steps(NET))):
        page.button(key="backprop_next").click().run()
    text = " ".join(s.value for s in page.success)
    assert "**Check with TensorFlow** below asks it for these nine" in text
    assert "exactly this" not in text and "found the same" not in text
    page.button(key="backprop_restart").click().run()
