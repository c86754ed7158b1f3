"""The MNIST training settings: one frozen dataclass, defaults equal to the workshop's.

Each setting declares its range beside its default (`core.engine.settings`): the page's
widgets and the command line's options read both from here. It holds no TensorFlow
objects, so pages can build and compare settings for free.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass

from core.engine.settings import Limit, check, setting


@dataclass(frozen=True)
class MnistConfig:
    """The MNIST notebook's CNN and training settings (one epoch, batch 128, no inversion)."""

    epochs: int = setting(1, Limit("epochs", 1, 10, whole=True), "Passes over the training digits.")
    invert: bool = setting(
        False,
        Limit("invert", choices=(False, True)),
        "Add a colour-inverted copy of every training digit (the workshop's INVERT): twice "
        "the training examples, so about twice as many batches in each epoch.",
    )
    train_size: int = setting(
        60_000,
        Limit("the number of training examples", 100, 60_000, whole=True),
        "How many of the 60,000 training digits to use: fewer train faster but learn less.",
    )
    batch_size: int = setting(
        128,
        Limit("the batch size", 8, 1024, whole=True),
        "Digits per batch: each step follows the average slope of their losses.",
    )
    seed: int = setting(
        0,
        Limit("the seed", 0, 999_999, whole=True),
        "Picks the random starting weights, the digits used and their order. The same seed "
        "and settings give the same network again when it trains the same way on the same kind "
        "of CPU: the app picks the fastest training variant for each CPU (on some, "
        "convolutions in bfloat16), and another variant rounds differently.",
    )
    filters: tuple[int, int] = setting(
        (16, 32),
        Limit("filters per convolution", 1, 128, length=(2, 2), whole=True),
        "Learned kernels in each of the two convolutions, e.g. 16,32.",
    )
    kernel_size: int = setting(
        5,
        Limit("the kernel size", choices=(3, 5, 7)),
        "Side of the square convolution kernels, in pixels.",
    )
    dense_units: int = setting(
        128, Limit("dense units", 8, 512, whole=True), "Neurons of the dense layer."
    )
    dropout: float = setting(
        0.4,
        Limit("the dropout", 0, 0.9),
        "Share of the dense layer's outputs ignored at each training step.",
    )
    learning_rate: float = setting(
        0.001,
        Limit("the learning rate", 0, 1, above_low=True),
        "How big a step each update takes. 0.001 is Adam's default.",
    )

    def __post_init__(self) -> None:
        check(self)

    def as_dict(self) -> dict:
        return asdict(self)


def examples_per_epoch(config: MnistConfig) -> int:
    """Training examples in one epoch: inverted copies double them."""
    return config.train_size * (2 if config.invert else 1)


def steps_per_epoch(config: MnistConfig) -> int:
    """Batches (weight updates) in one epoch; the last batch may be smaller."""
    return math.ceil(examples_per_epoch(config) / config.batch_size)
