"""How many runs a session keeps per chapter: the pages and the store's restore agree."""

from __future__ import annotations

MNIST_RUNS_KEPT = 5  # Each run keeps a model (~1 MB of weights); older ones are let go.
IRIS_RUNS_KEPT = 5  # Results kept to compare on one chart; older ones are let go.
