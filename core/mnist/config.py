"""The MNIST training settings: one frozen dataclass, defaults equal to the workshop's.

It holds no TensorFlow objects, so pages can build and compare settings for free.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass


@dataclass(frozen=True)
class MnistConfig:
    """The MNIST notebook's CNN and training settings (one epoch, batch 128, no inversion)."""

    epochs: int = 1
    invert: bool = False
    train_size: int = 60_000
    batch_size: int = 128
    seed: int = 0
    filters: tuple[int, int] = (16, 32)
    kernel_size: int = 5
    dense_units: int = 128
    dropout: float = 0.4
    learning_rate: float = 0.001

    def __post_init__(self) -> None:
        if not 1 <= self.epochs <= 10:
            raise ValueError("epochs must lie between 1 and 10")
        if not 100 <= self.train_size <= 60_000:
            raise ValueError("training-set size must lie between 100 and 60,000")
        if not 8 <= self.batch_size <= 1024:
            raise ValueError("batch size must lie between 8 and 1024")
        if any(not 1 <= f <= 128 for f in self.filters) or len(self.filters) != 2:
            raise ValueError("each of the two convolution layers needs 1 to 128 filters")
        if self.kernel_size not in (3, 5, 7):
            raise ValueError("kernel size must be 3, 5 or 7")
        if not 8 <= self.dense_units <= 512:
            raise ValueError("dense units must lie between 8 and 512")
        if not 0 <= self.dropout < 1:
            raise ValueError("dropout must lie in [0, 1)")

    def as_dict(self) -> dict:
        return asdict(self)
