"""Reading a confusion matrix aloud: where the right answers are, and the commonest mistake.

The Iris and MNIST pages both draw one. A student meeting it for the first time needs to
be told how to read it, with the numbers on their screen: a fixed "the diagonal is high"
says nothing about which mistake their network makes.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

MAX_SHOWN = 4  # Answers listed for the example row, the commonest first.


def confusion_reading(counts: np.ndarray, labels: Sequence[str], noun: str) -> str:
    """How to read this matrix: rows are the truth, columns the answer, with its own numbers.

    `noun` names the examples in the plural ("test flowers", "test digits").
    """
    counts = np.asarray(counts, dtype=np.int64)
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1] or counts.shape[0] != len(labels):
        raise ValueError("a confusion matrix is square, one row and column per label")
    total, right = int(counts.sum()), int(np.trace(counts))
    if total == 0:
        return f"No {noun}: there is nothing to count."
    wrong = counts.copy()
    np.fill_diagonal(wrong, 0)
    # The row shown as an example is the one with the commonest mistake: the instructive one.
    truth, answer = np.unravel_index(int(wrong.argmax()), wrong.shape)
    row = counts[truth]
    said = sorted(((int(n), j) for j, n in enumerate(row) if n > 0), reverse=True)[:MAX_SHOWN]
    listed = ", ".join(f"{labels[j]} for {n:,}" for n, j in said)
    text = (
        f"Each row is what the {noun} really are, each column what the network said. "
        f"Row {labels[truth]}: of the {int(row.sum()):,} that are {labels[truth]}, the network "
        f"said {listed or 'nothing'}. The diagonal holds the right answers: {right:,} of "
        f"{total:,}."
    )
    if wrong.sum() == 0:
        return text + " Nothing lies off it: no mistakes."
    times = int(wrong[truth, answer])
    return text + (
        f" The commonest mistake: {labels[truth]} taken for {labels[answer]}, "
        f"{times:,} time{'s' if times != 1 else ''}."
    )
