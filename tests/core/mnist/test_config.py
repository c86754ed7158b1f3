"""The MNIST settings' own words (core/mnist/config.py), shown as the sliders' tooltips: they
say only what holds on every machine."""

from __future__ import annotations

from core.engine.settings import help_of
from core.engine.training.variants import VARIANTS
from core.mnist.config import MnistConfig, examples_per_epoch, steps_per_epoch


def test_invert_promises_twice_the_examples_not_twice_the_time():
    words = help_of(MnistConfig, "invert")
    assert "twice as long" not in words and "time" not in words
    assert "twice the training examples" in words and "about twice as many batches" in words
    # What it promises, at settings other than the defaults: ceil(2n / b) is 2 ceil(n / b) or
    # one less.
    for size, batch in ((5_000, 128), (10_000, 64), (100, 32), (60_000, 512)):
        plain = MnistConfig(train_size=size, batch_size=batch)
        inverted = MnistConfig(train_size=size, batch_size=batch, invert=True)
        assert examples_per_epoch(inverted) == 2 * examples_per_epoch(plain)
        assert steps_per_epoch(inverted) in (
            2 * steps_per_epoch(plain) - 1,
            2 * steps_per_epoch(plain),
        )


def test_the_seed_says_exactly_when_it_gives_the_same_network():
    words = help_of(MnistConfig, "seed")
    assert "same seed and settings" in words and "same kind of CPU" in words
    assert "training variant" in words and "bfloat16" in words
    # The variant it names exists, and is the one chosen per CPU.
    assert any("bfloat16" in variant.summary for variant in VARIANTS.values())
    assert "the same seed gives the same network." not in words
