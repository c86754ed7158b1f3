"""The Iris page's two quick questions, from the settings and the run on screen."""

from __future__ import annotations

import numpy as np

from core.basics.questions import Question
from core.iris.config import IrisConfig
from core.iris.data import split_counts


def iris_questions(config: IrisConfig, confusion: np.ndarray) -> list[Question]:
    """How many flowers a training looks at, and what one test flower is worth."""
    seen = config.epochs * config.steps_per_epoch * config.batch_size
    train, _ = split_counts(config.test_fraction)
    passes = seen / train
    counts = np.asarray(confusion)
    total, right = int(counts.sum()), int(np.trace(counts))
    wrong_one_more = right > 0
    changed = right - 1 if wrong_one_more else right + 1
    accuracy = 100 * changed / total if total else 0.0
    changed_word = "wrong" if wrong_one_more else "right"
    return [
        Question(
            f"You train {config.epochs} epoch{'s' if config.epochs != 1 else ''} of "
            f"{config.steps_per_epoch:,} steps, each step a batch of {config.batch_size} "
            "flowers. How many flowers does the training look at in all, counting every repeat?",
            seen,
            f"{config.epochs} × {config.steps_per_epoch:,} × {config.batch_size} = **{seen:,}** "
            "flowers: "
            + (
                f"{passes:.1f} times as many as your {train} training flowers, which are "
                "shuffled and used again and again."
                if seen >= train
                else f"fewer than your {train} training flowers, so some are never used."
            ),
        ),
        Question(
            f"Your network got {right} of {total} test flowers right. What would its test "
            f"accuracy be, in percent, with one more flower {changed_word}?",
            accuracy,
            f"{changed} of {total}: {changed} / {total} × 100 = **{accuracy:.1f}%**. With "
            f"{total} test flowers, each one is worth {100 / total:.1f}% of accuracy."
            if total
            else "There are no test flowers: **0**.",
            tolerance=0.05,
        ),
    ]
