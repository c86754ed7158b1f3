"""Sentences the Iris page says about the network and the run on screen, computed, never fixed.

A fixed "120 flowers to train on" stops being true the moment a student moves the split
slider; these functions take the settings or the result and say what they hold.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from core.basics.network_shape import weight_count
from core.iris.config import IrisConfig
from core.iris.data import FEATURES, SPECIES, load_iris_arrays, split_counts

# Keras clips probabilities to [1e-7, 1 - 1e-7] before the logarithm; so do we, so that a
# probability of 0 gives Keras's large but finite loss rather than infinity.
EPSILON = 1e-7


def split_sentence(test_fraction: float, steps: int, batch_size: int, total: int = 150) -> str:
    """'112 flowers to train on, 38 to test. Each epoch is 150 batches of 32 flowers; ...'"""
    train, test = split_counts(test_fraction, total)
    return (
        f"{train} flowers to train on, {test} to test. Each epoch is {steps} batches of "
        f"{batch_size} flowers. The same seed and settings give the same network again on "
        "the same kind of CPU."
    )


def score_sentence(confusion: np.ndarray) -> str:
    """How a test accuracy is counted: 'k of n test flowers right', and one flower's worth.

    With 38 test flowers an accuracy can only be a multiple of 1/38: 94.7% is 36 of 38.
    """
    counts = np.asarray(confusion)
    total, right = int(counts.sum()), int(np.trace(counts))
    if total == 0:
        return "No test flowers: there is nothing to count."
    return (
        f"{right} of {total} test flowers right: with {total} test flowers, each one is worth "
        f"{100 / total:.1f}% of accuracy."
    )


def shape_sentence(hidden: Sequence[int], test_fraction: float, total: int = 150) -> str:
    """'Your 4-10-10-3 network learns 170 weights and 23 biases from 112 flowers.'"""
    sizes = [len(FEATURES), *hidden, len(SPECIES)]
    weights, biases = weight_count(sizes)
    train, _ = split_counts(test_fraction, total)
    return (
        f"Your {'-'.join(map(str, sizes))} network learns {weights:,} weights and {biases:,} "
        f"biases from {train} training flowers."
    )


def cross_entropy(probability_of_truth: float) -> float:
    """The loss of one example: minus the natural log of the probability given to the truth.

    This is what Keras's sparse categorical cross-entropy computes per example: 0 for a
    certain right answer, growing without bound as that probability goes to 0.
    """
    p = min(max(float(probability_of_truth), EPSILON), 1.0 - EPSILON)
    return -math.log(p)


def loss_example_sentence(probabilities: Sequence[float], truth: int) -> str:
    """What the loss says about one of the student's own answers, worked out in full."""
    p = float(probabilities[truth])
    name = SPECIES[truth]
    return (
        f"Your network gives the workshop's {name} check flower {p:.1%} {name}: its loss is "
        f"−ln {p:.3f} = {cross_entropy(p):.3f}."
    )


def _passes(drawn: int, train: int) -> str:
    """'about 43 passes', 'about 1.5 passes' or '71% of one pass' over the training flowers."""
    passes = drawn / train
    if passes >= 10:
        return f"about {passes:.0f} passes"
    if passes >= 1:
        return f"about {passes:.1f} passes"
    return f"{passes:.0%} of one pass"


def epoch_sentence(
    test_fraction: float, epochs: int, steps: int, batch_size: int, total: int = 150
) -> str:
    """What an epoch, a batch and a step are, with the settings on screen.

    This is where a student meets the word first, so it says what Keras means by it (a set
    number of batches, `steps_per_epoch`), that this is usually one pass over the data (as
    on the MNIST page), and why the notebook's Iris epoch is not: its batches are drawn from
    the flowers again and again, 150 x 32 = 4,800 of them from 112.
    """
    train, _ = split_counts(test_fraction, total)
    drawn = steps * batch_size
    notebook = IrisConfig()
    notebook_train, _ = split_counts(notebook.test_fraction, total)
    notebook_drawn = notebook.steps_per_epoch * notebook.batch_size
    return (
        "An **epoch** is Keras's word for a set number of batches, its *steps per epoch*. "
        "Usually that is one pass over the training data, as on the *MNIST* page. The "
        f"workshop's Iris notebook sets its own: {notebook.steps_per_epoch} batches of "
        f"{notebook.batch_size}, {notebook.steps_per_epoch} x {notebook.batch_size} = "
        f"{notebook_drawn:,} flowers drawn from its {notebook_train} training flowers, "
        f"{_passes(notebook_drawn, notebook_train)} over them in one epoch. Yours: {steps:,} "
        f"**batches** of {batch_size} flowers: {steps:,} x {batch_size} = {drawn:,} flowers, "
        f"{_passes(drawn, train)} over your {train} training flowers, shuffled anew each "
        f"time. After each batch the weights take one step downhill (one **step**, as on the "
        f"*Training by gradient descent* page), so {epochs} epoch{'s' if epochs != 1 else ''} "
        f"make{'s' if epochs == 1 else ''} {epochs * steps:,} steps."
    )


def softmax(scores: Sequence[float]) -> np.ndarray:
    """Probabilities from raw scores: e^score of each, divided by their sum (so they add to 1).

    The largest score is taken off first, which changes nothing but keeps e^score finite.
    """
    values = np.asarray(scores, dtype=float)
    exp = np.exp(values - values.max())
    return exp / exp.sum()


def softmax_sentence(scores: Sequence[float] = (2.0, 1.0, 0.1)) -> str:
    """What the output layer does, worked out on three scores, before any training."""
    probabilities = softmax(scores)
    shown = [f"{p:.0%}" for p in probabilities]
    numbers = [f"{s:g}" for s in scores]
    return (
        "The last layer is a **softmax**: it turns the network's three raw scores into three "
        "probabilities between 0 and 1 that add up to 1, each e^score divided by the sum of "
        f"all three. Scores {', '.join(numbers[:-1])} and {numbers[-1]} become "
        f"{', '.join(shown[:-1])} and {shown[-1]}: the largest score gets the largest share."
    )


def above_training_sentence(
    test_accuracy: float, training_accuracy: float, test_count: int, steps: int, batch_size: int
) -> str | None:
    """Why a test accuracy can be above the training accuracy; None when it is not.

    Compared as the page shows them (one decimal), so the sentence never contradicts the
    numbers beside it.
    """
    test, train = f"{test_accuracy:.1%}", f"{training_accuracy:.1%}"
    if float(test[:-1]) <= float(train[:-1]) or test_count < 1:
        return None
    return (
        f"The test accuracy ({test}) is above the training accuracy ({train}). Two reasons "
        f"it can be: the test set is small, {test_count} flowers, each worth "
        f"{100 / test_count:.1f}% of accuracy, so a few flowers more or less decide it; and "
        f"the training accuracy is the average over the last epoch's {steps * batch_size:,} "
        "flowers, counted batch by batch while the weights were still changing, not a test "
        "of the finished network."
    )


def _overlap(a: np.ndarray, b: np.ndarray) -> tuple[float, float] | None:
    """The part of the axis that both sets of values cover, or None if they do not meet."""
    low, high = max(a.min(), b.min()), min(a.max(), b.max())
    return (float(low), float(high)) if low <= high else None


def scatter_sentence(x_feature: str, y_feature: str) -> str:
    """Which species the two chosen measurements keep apart, and which they mix, counted.

    Two species stand apart when one of the axes alone separates them (their ranges do not
    meet); otherwise the sentence counts their flowers inside both species' ranges.
    """
    x, y = load_iris_arrays()
    columns = [FEATURES.index(x_feature), FEATURES.index(y_feature)]
    names = [FEATURES[c].split(" (")[0] for c in columns]
    points = [x[y == code][:, columns] for code in range(len(SPECIES))]
    apart: dict[tuple[int, int], str] = {}
    mixed: dict[tuple[int, int], tuple[int, int]] = {}
    for a in range(len(SPECIES)):
        for b in range(a + 1, len(SPECIES)):
            meets = [_overlap(points[a][:, i], points[b][:, i]) for i in range(len(columns))]
            if None in meets:
                apart[a, b] = names[meets.index(None)]
                continue
            both = np.concatenate([points[a], points[b]])
            inside = np.ones(len(both), dtype=bool)
            for i, (low, high) in enumerate(meets):  # type: ignore[misc]
                inside &= (both[:, i] >= low) & (both[:, i] <= high)
            mixed[a, b] = int(inside.sum()), len(both)
    parts = []
    for code, species in enumerate(SPECIES):
        pairs = [pair for pair in apart if code in pair]
        if len(pairs) == len(SPECIES) - 1:
            features = sorted({apart[pair] for pair in pairs})
            parts.append(
                f"{species} stands apart from the other two ({' or '.join(features)} alone "
                "separates it)"
            )
            for pair in pairs:
                del apart[pair]
    parts += [
        f"{SPECIES[a]} and {SPECIES[b]} stand apart ({feature} alone separates them)"
        for (a, b), feature in apart.items()
    ]
    parts += [
        f"{SPECIES[a]} and {SPECIES[b]} mix: {inside} of their {count} flowers lie inside both "
        "species' ranges"
        for (a, b), (inside, count) in mixed.items()
    ]
    axes = f"{names[0]} and {names[1]}" if names[0] != names[1] else names[0]
    return f"On {axes}: " + "; ".join(parts) + "."


def train_prompt(config: IrisConfig) -> str:
    """What pressing Train starts, counted from the settings, with no promise of a time."""
    steps = config.epochs * config.steps_per_epoch
    return (
        f"Press **Train the network** to train it: {steps:,} steps of {config.batch_size} "
        "flowers. The progress bar shows how far it has got, epoch by epoch."
    )
