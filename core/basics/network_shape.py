"""Counting what a fully connected network learns."""

from __future__ import annotations

import itertools
from collections.abc import Sequence


def weight_count(layer_sizes: Sequence[int]) -> tuple[int, int]:
    """(weights, biases) of a fully connected network given its layer sizes, input first.

    Every arrow of the diagram carries one weight; every neuron after the input one bias.
    """
    if any(size < 1 for size in layer_sizes):
        raise ValueError("every layer needs at least one neuron")
    weights = sum(a * b for a, b in itertools.pairwise(layer_sizes))
    return weights, sum(layer_sizes[1:])
