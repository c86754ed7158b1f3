"""Sentences the Iris page says about the network and the run on screen, computed, never fixed.

A fixed "120 flowers to train on" stops being true the moment a student moves the split
slider; these functions take the settings or the result and say what they hold.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from core.basics.network_shape import weight_count
from core.iris.data import FEATURES, SPECIES, split_counts

# Keras clips probabilities to [1e-7, 1 - 1e-7] before the logarithm; so do we, so that a
# probability of 0 gives Keras's large but finite loss rather than infinity.
EPSILON = 1e-7


def split_sentence(test_fraction: float, steps: int, batch_size: int, total: int = 150) -> str:
    """'112 flowers to train on, 38 to test. Each epoch is 150 batches of 32 flowers; ...'"""
    train, test = split_counts(test_fraction, total)
    return (
        f"{train} flowers to train on, {test} to test. Each epoch is {steps} batches of "
        f"{batch_size} flowers; the same seed always gives the same network."
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
