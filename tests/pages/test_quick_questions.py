"""Every lesson page ends with two quick questions, built from what it shows, answered in place.

Through the app's router, as a student's browser does. The answers typed here are worked
out in the test from the settings it chose (not the page's defaults), by other means than
the page's own question builders.
"""

from __future__ import annotations

import math

import pytest
from streamlit.testing.v1 import AppTest

from tests.pages.navigation import (
    BACKPROP,
    GD,
    IRIS,
    MNIST,
    NEURONS,
    OVERFITTING,
    open_page,
)
from ui.frame.page_list import SECTIONS, lessons
from ui.frame.quick_questions import QUESTION_PAGES, answer_key

# Every lesson of the page list (ui/frame/page_list.py) but those whose entry says
# `questions=False`, with its widgets' prefix: a new lesson is covered without an edit here.
PREFIX = {entry.path: entry.prefix for entry in lessons() if entry.questions}
IDS = {entry.path: entry.name for entry in lessons()}
VERDICTS = ("success", "error", "warning")


def questions(at: AppTest) -> list[str]:
    return [m.value for m in at.markdown if m.value.startswith(("**1.** ", "**2.** "))]


def verdicts(at: AppTest) -> dict[int, str]:
    """{question number: 'success', 'error' or 'warning'} for each answered question, read
    in the page's order: a verdict belongs to the question above it."""
    found: dict[int, str] = {}
    current = 0

    def walk(node) -> None:
        nonlocal current
        kind, value = getattr(node, "type", ""), str(getattr(node, "value", ""))
        if kind == "markdown" and value.startswith(("**1.** ", "**2.** ")):
            current = int(value[2])
        elif kind in VERDICTS and current and value.startswith(("**Right**", "Not ", "“")):
            assert current not in found, (current, value)
            found[current] = kind
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    return found


def answer(at: AppTest, page: str, number: int, typed: str) -> str:
    """Type an answer; the page's verdict on it: 'success', 'error' or 'warning'."""
    at.text_input(key=answer_key(PREFIX[page], number)).input(typed).run()
    assert not at.exception, [e.message for e in at.exception]
    return verdicts(at)[number]


def test_only_reference_pages_go_without_questions() -> None:
    """Every lesson ends with questions; a page without them is one to look things up in,
    or the class's own board (its numbers are the class's, not the lesson's)."""
    reference = {entry.path for entry in (*SECTIONS["Reference"], *SECTIONS["Your class"])}
    assert {entry.path for entry in lessons() if not entry.questions} == reference
    assert set(PREFIX) == {entry.path for entry in lessons()} - reference
    assert list(PREFIX.values()) == list(QUESTION_PAGES)
    assert len(set(QUESTION_PAGES)) == len(QUESTION_PAGES)  # No two pages share answer boxes.


@pytest.mark.parametrize("page", list(PREFIX), ids=IDS.get)
def test_a_page_ends_with_two_questions_and_their_answers(page: str, untrained_runs) -> None:
    # With a network: the MNIST page asks about its run; Draw and Inside the CNN need one.
    at = open_page(page, {"mnist_runs": untrained_runs[:1]})
    if page == IRIS:  # The questions follow a training's results: a quick one.
        at.slider(key="iris_epochs").set_value(1)
        at.slider(key="iris_steps").set_value(10).run()
        at.button(key="iris_train").click().run()
        assert not at.exception
    shown = questions(at)
    assert [text[:7] for text in shown] == ["**1.** ", "**2.** "], shown
    answers = [e for e in at.expander if e.label == "Show the answer"]
    assert len(answers) == 2 and all("**" in e.markdown[0].value for e in answers)
    assert answer(at, page, 2, "twelve") == "warning"  # Not a number: said so, no verdict.


def test_the_neurons_page_at_other_settings() -> None:
    at = open_page(NEURONS)
    at.slider(key="neurons_x1").set_value(-1.5)
    at.slider(key="neurons_w1").set_value(-2.0)
    at.slider(key="neurons_bias").set_value(1.0)
    at.slider(key="neurons_inputs").set_value(3)
    at.slider(key="neurons_hidden_layers").set_value(3)
    at.slider(key="neurons_per_layer").set_value(6).run()
    # p = (-1.5)(-2) + (0.5)(-1) + (2)(0.4) + 1 = 4.3; without w1: 1.3.
    assert "p = 4.30" in questions(at)[0]
    assert answer(at, NEURONS, 1, "4.3") == "error"
    assert answer(at, NEURONS, 1, "1.3") == "success"
    # 3-12-12-12-3 (hidden layers doubled): 36 + 144 + 144 + 36 arrows.
    assert "Your 3-6-6-6-3 network has 108 weights" in questions(at)[1]
    assert answer(at, NEURONS, 2, "360") == "success"


def test_the_gradient_descent_page_after_two_steps() -> None:
    at = open_page(GD)
    at.slider(key="gd_learning_rate").set_value(0.2).run()
    at.button(key="gd_reset").click().run()
    for _ in range(2):
        at.button(key="gd_step").click().run()
    w = -1.0
    for _ in range(3):  # Two steps done, and the one the question asks for.
        w -= 0.2 * (-2 * 1.5 * (3 - 1.5 * w))
    assert answer(at, GD, 1, f"{w:.3f}") == "success"
    at.button(key="gd_step").click().run()
    assert at.metric[0].value == f"{w:.4f}"  # Step, and the page agrees.
    assert answer(at, GD, 2, "2") == "success"


def test_the_backpropagation_page_and_the_mnist_page_at_other_settings(untrained_runs) -> None:
    at = open_page(BACKPROP)
    at.slider(key="backprop_learning_rate").set_value(3.0).run()
    table = at.dataframe[0].value.set_index("parameter")
    w5_after = table.loc["w5", "after"]  # The descent table, worked out another way.
    assert answer(at, BACKPROP, 1, f"{w5_after:.4f}") == "success"
    assert answer(at, BACKPROP, 1, f"{table.loc['w5', 'before']:.4f}") == "error"
    assert answer(at, BACKPROP, 2, "0") == "success"

    at = open_page(MNIST, {"mnist_runs": untrained_runs[:1]})
    at.select_slider(key="mnist_batch").set_value(256)
    at.select_slider(key="mnist_train_size").set_value(10_000).run()
    assert answer(at, MNIST, 2, f"{math.ceil(10_000 / 128):,}") == "success"  # "79"
    assert answer(at, MNIST, 2, "40") == "error"


def test_a_remembered_answer_comes_back_with_its_page() -> None:
    at = open_page(OVERFITTING)
    at.slider(key="overfitting_degree").set_value(9).run()
    assert answer(at, OVERFITTING, 1, "10") == "success"
    at.switch_page(GD).run()
    at.switch_page(OVERFITTING).run()
    assert at.text_input(key=answer_key("overfitting", 1)).value == "10"
    assert any(s.value.startswith("**Right**") for s in at.success)
