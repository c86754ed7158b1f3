"""The Iris training settings: one frozen dataclass, defaults equal to the workshop's.

It holds no TensorFlow objects, so pages can build and compare settings for free.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class IrisConfig:
    """The Iris notebook's settings: an 80/20 split, two hidden layers of 10 ReLU neurons."""

    test_fraction: float = 0.2
    hidden: tuple[int, ...] = (10, 10)
    epochs: int = 10
    steps_per_epoch: int = 150
    batch_size: int = 32
    learning_rate: float = 0.001  # Adam's default.
    seed: int = 42

    def __post_init__(self) -> None:
        if not 1 <= len(self.hidden) <= 3:
            raise ValueError("the network needs 1 to 3 hidden layers")
        if any(not 1 <= n <= 64 for n in self.hidden):
            raise ValueError("each hidden layer needs 1 to 64 neurons")
        if not 1 <= self.epochs <= 200:
            raise ValueError("epochs must lie between 1 and 200")
        if not 1 <= self.steps_per_epoch <= 2000:
            raise ValueError("steps per epoch must lie between 1 and 2000")
        if not 1 <= self.batch_size <= 512:
            raise ValueError("batch size must lie between 1 and 512")
        if not 0 < self.learning_rate <= 1:
            raise ValueError("learning rate must lie in (0, 1]")
        if not 0.05 <= self.test_fraction <= 0.9:
            raise ValueError("test fraction must lie between 0.05 and 0.9")

    def as_dict(self) -> dict:
        return asdict(self)
