"""The Draw page's first step: the key experiment, worded from this session's networks.

It reads which networks there are and how each was trained (core/digits/key_experiment.py
words it); drawn in the frame every page's first step has (ui/frame/first_step.py).
"""

from __future__ import annotations

from typing import Any

from core.digits.key_experiment import Network, draw_first_step
from ui.frame.first_step import first_step
from ui.mnist.runs import mnist_runs


def key_experiment_step(models: list[tuple[str, Any]]) -> None:
    """`models` is the page's list of (label, network): runs of this session first, whose
    training settings say whether invert was on, then uploads and the class model."""
    trained = {
        run.label: bool(run.config.invert) for run in mnist_runs() if run.network is not None
    }
    first_step(draw_first_step([Network(label, trained.get(label)) for label, _ in models]))
