"""The Iris page's quick questions, against the split and a confusion matrix counted by hand."""

from __future__ import annotations

import numpy as np

from core.iris.config import IrisConfig
from core.iris.data import split_iris
from core.iris.questions import iris_questions


def test_flowers_seen_and_one_flower_more_wrong() -> None:
    config = IrisConfig(test_fraction=0.3, epochs=1, steps_per_epoch=10, batch_size=8)
    confusion = np.array([[15, 0, 0], [0, 13, 2], [0, 1, 14]])  # 42 of 45 right.
    seen, accuracy = iris_questions(config, confusion)
    assert seen.answer == 80
    assert "fewer than your 105 training flowers" in seen.working
    assert len(split_iris(0.3).x_train) == 105  # The split the sentence counts.
    assert accuracy.answer == 100 * 41 / 45
    assert accuracy.accepts(91.1) and not accuracy.accepts(93.3)  # 42/45 is not the answer.


def test_a_network_with_none_right_asks_for_one_more_right() -> None:
    _, accuracy = iris_questions(IrisConfig(), np.array([[0, 5, 0], [5, 0, 0], [0, 5, 0]]))
    assert "one more flower right" in accuracy.text and accuracy.answer == 100 / 15
    seen, _ = iris_questions(IrisConfig(epochs=2, steps_per_epoch=40, batch_size=16), np.eye(3))
    assert seen.answer == 2 * 40 * 16 and "used again and again" in seen.working
