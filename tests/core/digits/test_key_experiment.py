"""The Draw page's first step (core/digits/key_experiment.py): the key experiment, black ink
on white paper, worded from the networks there are, and no outcome promised."""

from __future__ import annotations

from core.digits.key_experiment import WHITE_PAPER, Network, draw_first_step

PLAIN_1, PLAIN_3 = Network("Run 1: 5,000 examples", False), Network("Run 3: 10,000", False)
INVERTED = Network("Run 2: 5,000 examples, invert", True)
FILE = Network("Uploaded: class.keras", None)


def test_with_both_kinds_the_plain_network_first_then_the_inverted_one():
    step = draw_first_step([PLAIN_1, INVERTED, PLAIN_3, FILE])
    assert step.startswith(f"choose **{WHITE_PAPER}** under **Paper**")
    # The latest of each kind, named by its label.
    assert "draw a digit for *Run 3: 10,000*, trained without invert" in step
    assert "Then pick *Run 2: 5,000 examples, invert*, trained with invert" in step
    assert "Run 1" not in step and "Uploaded" not in step


def test_with_only_a_plain_network_it_sends_the_student_to_train_with_invert():
    step = draw_first_step([PLAIN_1])
    assert "draw a digit for *Run 1: 5,000 examples*, trained without invert" in step
    assert "train one with **invert** on, on the MNIST page" in step


def test_with_only_an_inverted_network_it_asks_for_a_plain_one():
    step = draw_first_step([INVERTED, FILE])
    assert "draw a digit for *Run 2: 5,000 examples, invert*, trained with invert" in step
    assert "train one with **invert** off on the MNIST page" in step


def test_a_network_from_a_file_is_not_said_to_be_either_kind():
    step = draw_first_step([FILE])
    assert step.startswith(f"choose **{WHITE_PAPER}**")
    assert "Uploaded" not in step and "train one of each on the MNIST page" in step


def test_without_a_network_it_says_which_to_train_first():
    step = draw_first_step([])
    assert step.startswith("train a network on the MNIST page with **invert** off")
    assert f"choose **{WHITE_PAPER}** under **Paper**" in step


def test_no_step_promises_an_outcome():
    for networks in ([], [FILE], [PLAIN_1], [INVERTED], [PLAIN_1, INVERTED]):
        step = draw_first_step(networks)
        assert not any(word in step for word in ("fail", "wrong", "right", "will read"))
