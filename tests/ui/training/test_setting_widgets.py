"""The pages' widgets take their ranges and defaults from the configs, and cannot drift."""

from __future__ import annotations

import pytest

from core.iris.config import IrisConfig
from core.mnist.config import MnistConfig
from ui.training.settings import bounds, choices, count_bounds, default


def test_ranges_and_defaults_come_from_the_declared_limits():
    assert bounds(MnistConfig, "epochs") == (1, 10)
    assert bounds(MnistConfig, "dropout") == (0.0, 0.9)
    assert isinstance(bounds(IrisConfig, "test_fraction")[0], float)
    assert bounds(IrisConfig, "hidden") == (1, 64)  # Per hidden layer.
    assert count_bounds(IrisConfig, "hidden") == (1, 3)
    assert default(IrisConfig, "hidden", 2) == 10  # A third layer starts like the last one.
    assert default(MnistConfig, "filters", 1) == 32
    assert choices(MnistConfig, "kernel_size") == [3, 5, 7]


def test_a_page_may_offer_fewer_choices_but_never_a_refused_one():
    assert choices(MnistConfig, "batch_size", [64, 128]) == [64, 128]
    with pytest.raises(ValueError, match="the batch size must lie between 8 and 1,024"):
        choices(MnistConfig, "batch_size", [128, 2048])
    with pytest.raises(ValueError, match="filters per convolution"):
        choices(MnistConfig, "filters", [16, 256], item=0)
    with pytest.raises(ValueError, match="default of batch_size"):
        choices(MnistConfig, "batch_size", [64, 256])  # Where is 128?
    with pytest.raises(ValueError, match="no closed range"):
        bounds(IrisConfig, "learning_rate")  # 0 is refused: a slider cannot start there.
