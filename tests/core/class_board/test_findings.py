"""What the class found: each number in the sentence checked against the board it reads."""

from __future__ import annotations

import re
from dataclasses import replace

import pytest

from core.class_board.findings import chart_points, class_finding
from core.class_board.summary import summary_of_iris
from tests.core.class_board.boards import (
    entry,
    iris_entries,
    iris_result,
    mnist_entries,
)


def test_an_empty_board_says_nobody_has_shared_yet():
    assert class_finding([], "mnist") == "Nobody has shared an MNIST run yet."
    assert class_finding([], "iris") == "Nobody has shared an Iris run yet."
    only_iris = iris_entries([(0.9, (10, 10))])
    assert class_finding(only_iris, "mnist") == "Nobody has shared an MNIST run yet."


def test_an_unknown_chapter_is_an_error():
    with pytest.raises(ValueError, match="chapter"):
        class_finding([], "cifar")


def test_one_plain_run():
    board = mnist_entries([(0.9812, 0.4521)], invert=False)
    assert class_finding(board, "mnist") == (
        "The 1 run so far trained without invert: it read normal digits at 98% and "
        "inverted ones at 45%; nobody has tried invert yet."
    )


def test_only_plain_runs_give_both_ranges():
    board = mnist_entries([(0.962, 0.41), (0.971, 0.633), (0.968, 0.52)], invert=False)
    assert class_finding(board, "mnist") == (
        "The 3 runs so far all trained without invert: they read normal digits at 96-97% "
        "and inverted ones at 41-63%; nobody has tried invert yet."
    )


def test_only_inverted_runs():
    board = mnist_entries([(0.984, 0.972), (0.991, 0.978)], invert=True, examples=2_000)
    assert class_finding(board, "mnist") == (
        "The 2 runs so far all trained with invert: they read normal digits at 98-99% "
        "and inverted ones at 97-98%; nobody has tried a run without invert yet."
    )


def test_a_range_that_rounds_to_one_value_is_one_value():
    board = mnist_entries([(0.9712, 0.9701), (0.9744, 0.9739)], invert=True)
    assert "normal digits at 97% and inverted ones at 97%;" in class_finding(board, "mnist")


def test_runs_with_and_without_invert_are_compared_on_the_inverted_digits():
    with_invert = [(0.985, 0.971 + 0.0007 * i) for i in range(12)]  # 97.1% to 97.87%.
    without = [(0.98, 0.41 + 0.0275 * i) for i in range(9)]  # 41% to 63%.
    board = mnist_entries(with_invert, invert=True) + mnist_entries(
        without, invert=False, first_id=50
    )
    assert class_finding(board, "mnist") == (
        "The 12 runs with invert read the inverted digits at 97-98%, the 9 without at 41-63%."
    )


def test_one_run_each_way():
    board = mnist_entries([(0.98, 0.9688)], invert=True) + mnist_entries(
        [(0.99, 0.3012)], invert=False, first_id=2
    )
    assert class_finding(board, "mnist") == (
        "The 1 run with invert read the inverted digits at 97%, the 1 without at 30%."
    )


def test_the_best_accuracy_at_each_number_of_examples_is_listed_most_examples_first():
    board = (
        mnist_entries([(0.991, 0.45), (0.987, 0.52)], invert=False, examples=60_000)
        + mnist_entries([(0.962, 0.97)], invert=True, examples=60_000, first_id=10)
        + mnist_entries([(0.972, 0.44)], invert=False, examples=5_000, first_id=20)
    )
    assert class_finding(board, "mnist") == (
        "The 1 run with invert read the inverted digits at 97%, the 3 without at 44-52%. "
        "Best normal-digit accuracy by training examples: 99% with 60,000 (3 runs), "
        "97% with 5,000 (1 run)."
    )


def test_fewer_examples_doing_better_is_reported_as_it_is():
    board = mnist_entries([(0.931, 0.4)], invert=False, examples=2_000) + mnist_entries(
        [(0.952, 0.38), (0.90, 0.41)], invert=False, examples=1_000, first_id=5
    )
    finding = class_finding(board, "mnist")
    assert finding.endswith(
        "Best normal-digit accuracy by training examples: 93% with 2,000 (1 run), "
        "95% with 1,000 (2 runs)."
    )
    assert not re.search(r"more|fewer|better|worse|helps", finding)  # No trend claimed.


def test_many_example_counts_show_the_most_and_the_fewest():
    counts = [60_000, 30_000, 10_000, 5_000, 500]
    board = [
        e
        for i, n in enumerate(counts)
        for e in mnist_entries([(0.991 - 0.011 * i, 0.5)], invert=False, examples=n, first_id=i)
    ]
    assert class_finding(board, "mnist").endswith(
        "Best normal-digit accuracy by training examples: 99% with 60,000 (1 run), "
        "95% with 500 (1 run); the chart shows the 3 other example counts in between."
    )


def test_three_example_counts_are_all_listed():
    board = [
        e
        for i, n in enumerate([100, 1_000, 10_000])
        for e in mnist_entries([(0.6 + 0.15 * i, 0.3)], invert=False, examples=n, first_id=i)
    ]
    assert class_finding(board, "mnist").endswith(
        ": 90% with 10,000 (1 run), 75% with 1,000 (1 run), 60% with 100 (1 run)."
    )


def test_iris_gives_the_range_and_the_network_of_the_best_run():
    board = iris_entries([(0.921, (10, 10)), (0.947, (10, 10)), (0.974, (16,))])
    assert class_finding(board, "iris") == (
        "The 3 Iris runs scored 92-97% on their test flowers; the best, 97%, came from a "
        "hidden 16 network."
    )


def test_iris_best_shared_by_two_networks_names_both():
    board = iris_entries([(0.974, (10, 10)), (0.8947, (4,)), (0.974, (16, 8))])
    assert class_finding(board, "iris") == (
        "The 3 Iris runs scored 89-97% on their test flowers; the best, 97%, came from "
        "hidden 10-10 and hidden 16-8 networks."
    )


def test_iris_runs_of_one_network_say_so():
    board = iris_entries([(0.8421, (10, 10)), (0.9474, (10, 10))])
    assert class_finding(board, "iris") == (
        "The 2 Iris runs scored 84-95% on their test flowers; all used a hidden 10-10 network."
    )
    one = iris_entries([(0.9333, (5, 5, 5))])
    assert class_finding(one, "iris") == (
        "The 1 Iris run so far scored 93% on its test flowers, with a hidden 5-5-5 network."
    )


def test_iris_finding_ignores_mnist_runs():
    board = iris_entries([(0.9, (10, 10))]) + mnist_entries([(0.5, 0.1)], invert=True)
    assert class_finding(board, "iris").startswith("The 1 Iris run so far scored 90%")


def test_chart_points_hold_each_runs_numbers_group_and_owner():
    iris_entry = entry(summary_of_iris(iris_result(0.9211)), entry_id=9, nickname="Bo", mine=True)
    board = [*mnist_entries([(0.9812, 0.4521)], invert=False, examples=5_000), iris_entry]
    board += mnist_entries([(0.97, 0.965)], invert=True, examples=60_000, first_id=4)
    mnist = chart_points(board, "mnist")
    assert [(p["entry_id"], p["x"], p["group"]) for p in mnist] == [
        (1, 5_000, "without invert"),
        (4, 60_000, "with invert"),
    ]
    assert mnist[0]["y"] == pytest.approx(98.12)
    assert mnist[0]["y_inverted"] == pytest.approx(45.21)
    assert mnist[1]["y_inverted"] == pytest.approx(96.5)
    assert mnist[0]["nickname"] == "student 1" and mnist[0]["mine"] is False
    (iris,) = chart_points(board, "iris")
    assert iris["x"] == 112 and iris["y"] == pytest.approx(92.11)
    assert iris["y_inverted"] is None and iris["group"] == "Iris"
    assert iris["nickname"] == "Bo" and iris["mine"] is True and iris["entry_id"] == 9
    assert chart_points([], "iris") == []


def test_iris_runs_without_a_shape_name_no_network():
    board = iris_entries([(0.9474, (10, 10)), (0.8947, (4,))])
    unnamed = [replace(e, summary=replace(e.summary, shape="")) for e in board]
    assert class_finding(unnamed, "iris") == "The 2 Iris runs scored 89-95% on their test flowers."
    assert class_finding(unnamed[:1], "iris") == (
        "The 1 Iris run so far scored 95% on its test flowers."
    )
    # The best run has no shape: no network is named, not even the other run's.
    named = iris_entries([(0.8421, (4,))])
    assert class_finding([*unnamed, *named], "iris") == (
        "The 3 Iris runs scored 84-95% on their test flowers."
    )
