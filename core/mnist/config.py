"""The MNIST training settings: one frozen dataclass, defaults equal to the workshop's.

Each setting declares its range beside its default (`core.engine.settings`): the page's
widgets and the command line's options read both from here. It holds no TensorFlow
objects, so pages can build and compare settings for free.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass

from core.engine.settings import Limit, check, setting


@dataclass(frozen=True)
class MnistConfig:
    """The MNIST notebook's CNN and training settings (one epoch, batch 128, no inversion)."""

    epochs: int = setting(1, Limit("epochs", 1, 10, whole=True), "passes over the data")
    invert: bool = setting(
        False,
        Limit("invert", choices=(False, True)),
        "add colour-inverted copies of every digit (the workshop's INVERT)",
    )
    train_size: int = setting(
        60_000,
        Limit("the number of training examples", 100, 60_000, whole=True),
        "how many of the 60,000 training digits to use",
    )
    batch_size: int = setting(
        128, Limit("the batch size", 8, 1024, whole=True), "digits per training step"
    )
    seed: int = setting(
        0, Limit("the seed", 0, 999_999, whole=True), "the same seed gives the same network"
    )
    filters: tuple[int, int] = setting(
        (16, 32),
        Limit("filters per convolution", 1, 128, length=(2, 2), whole=True),
        "filters of the two convolutions, e.g. 16,32",
    )
    kernel_size: int = setting(
        5, Limit("the kernel size", choices=(3, 5, 7)), "side of the square convolution kernels"
    )
    dense_units: int = setting(
        128, Limit("dense units", 8, 512, whole=True), "neurons of the dense layer"
    )
    dropout: float = setting(
        0.4, Limit("the dropout", 0, 0.9), "share of dense outputs dropped in training"
    )
    learning_rate: float = setting(
        0.001, Limit("the learning rate", 0, 1, above_low=True), "Adam's step size"
    )

    def __post_init__(self) -> None:
        check(self)

    def as_dict(self) -> dict:
        return asdict(self)
