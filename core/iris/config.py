"""The Iris training settings: one frozen dataclass, defaults equal to the workshop's.

Each setting declares its range beside its default (`core.engine.settings`): the page's
widgets and the command line's options read both from here. It holds no TensorFlow
objects, so pages can build and compare settings for free.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from core.engine.settings import Limit, check, setting


@dataclass(frozen=True)
class IrisConfig:
    """The Iris notebook's settings: two hidden layers of 10 ReLU neurons, Adam, 10 epochs."""

    # The notebook's `train_test_split(X, y)` keeps its default 25% apart: 112 flowers to
    # train, 38 to test (the workshop's 94.7% is 36 of 38).
    test_fraction: float = setting(
        0.25,
        Limit("the test fraction", 0.1, 0.5),
        "share of the flowers kept apart to test the network",
    )
    hidden: tuple[int, ...] = setting(
        (10, 10),
        Limit("neurons per hidden layer", 1, 64, length=(1, 3), whole=True),
        "neurons per hidden layer, e.g. 10,10",
    )
    epochs: int = setting(10, Limit("epochs", 1, 100, whole=True), "passes of training")
    steps_per_epoch: int = setting(
        150, Limit("steps per epoch", 10, 500, whole=True), "batches in one epoch"
    )
    batch_size: int = setting(32, Limit("the batch size", 1, 512, whole=True), "flowers per step")
    learning_rate: float = setting(
        0.001, Limit("the learning rate", 0, 1, above_low=True), "Adam's step size"
    )
    seed: int = setting(
        42, Limit("the seed", 0, 999_999, whole=True), "the same seed gives the same network"
    )

    def __post_init__(self) -> None:
        check(self)

    def as_dict(self) -> dict:
        return asdict(self)
