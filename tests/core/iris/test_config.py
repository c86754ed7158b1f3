"""The Iris settings' own words (core/iris/config.py), shown as the sliders' tooltips."""

from __future__ import annotations

from core.engine.settings import help_of
from core.iris.config import IrisConfig
from core.iris.sentences import split_sentence


def test_the_seed_says_exactly_when_it_gives_the_same_network():
    for words in (help_of(IrisConfig, "seed"), split_sentence(0.3, 40, 16)):
        assert "same seed and settings give the same network again" in words
        assert "on the same kind of CPU" in words
        assert "always gives the same network" not in words
