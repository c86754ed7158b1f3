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
        "The share of flowers kept apart to test the network. It never trains on them.",
    )
    hidden: tuple[int, ...] = setting(
        (10, 10),
        Limit("neurons per hidden layer", 1, 64, length=(1, 3), whole=True),
        "Neurons in each hidden layer, e.g. 10,10 for two layers of 10.",
    )
    epochs: int = setting(
        10,
        Limit("epochs", 1, 100, whole=True),
        "Rounds of training, each of `steps per epoch` batches; the test flowers are scored "
        "after each.",
    )
    steps_per_epoch: int = setting(
        150,
        Limit("steps per epoch", 10, 500, whole=True),
        "Batches in one epoch: after each batch the weights take one step.",
    )
    batch_size: int = setting(
        32,
        Limit("the batch size", 1, 512, whole=True),
        "Flowers per batch: each step follows the average slope of their losses.",
    )
    learning_rate: float = setting(
        0.001,
        Limit("the learning rate", 0, 1, above_low=True),
        "How big a step each update takes. 0.001 is Adam's default.",
    )
    seed: int = setting(
        42,
        Limit("the seed", 0, 999_999, whole=True),
        "Picks the random starting weights, the split and the order of the flowers. The same "
        "seed and settings give the same network again on the same kind of CPU; another CPU "
        "may round its sums differently.",
    )

    def __post_init__(self) -> None:
        check(self)

    def as_dict(self) -> dict:
        return asdict(self)
