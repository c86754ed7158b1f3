"""Reading a confusion matrix aloud: the numbers are the matrix's own, the example row the
instructive one."""

from __future__ import annotations

import numpy as np
import pytest

from core.basics.confusion import confusion_reading

SPECIES = ["setosa", "versicolor", "virginica"]


def test_the_reading_names_the_commonest_mistake_and_its_row() -> None:
    counts = np.array([[13, 0, 0], [0, 14, 2], [0, 1, 8]])
    text = confusion_reading(counts, SPECIES, "test flowers")
    assert text.startswith("Each row is what the test flowers really are")
    assert "Row versicolor: of the 16 that are versicolor, the network said versicolor for " in text
    assert "14, virginica for 2." in text
    assert "The diagonal holds the right answers: 35 of 38." in text
    assert text.endswith("The commonest mistake: versicolor taken for virginica, 2 times.")


def test_a_perfect_matrix_says_there_is_no_mistake() -> None:
    text = confusion_reading(np.diag([5, 6, 7]), SPECIES, "test flowers")
    assert "right answers: 18 of 18." in text and text.endswith("no mistakes.")


def test_digits_with_thousands_and_one_mistake() -> None:
    counts = np.diag([980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009])
    counts[4, 9] = 1
    text = confusion_reading(counts, [str(d) for d in range(10)], "normal test digits")
    assert "Row 4: of the 983 that are 4, the network said 4 for 982, 9 for 1." in text
    assert text.endswith("4 taken for 9, 1 time.")
    assert "10,001" in text  # Thousands separated.


def test_an_empty_or_misshapen_matrix() -> None:
    assert confusion_reading(np.zeros((3, 3)), SPECIES, "test flowers") == (
        "No test flowers: there is nothing to count."
    )
    with pytest.raises(ValueError):
        confusion_reading(np.zeros((2, 3)), SPECIES, "x")
