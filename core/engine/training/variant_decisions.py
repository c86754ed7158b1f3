"""The training variants decided in this process: one decision per CPU and kind of network.

`core.engine.training.variant_choice` decides (forced, only one applies, or timed by
`core.engine.training.variant_trial`), and every decision is kept here, under one lock, for
the rest of the process: the page's caption and the benchmark read them back.
"""

from __future__ import annotations

import logging
import os
import threading
from dataclasses import dataclass, field

from core.engine.training.cpu_features import CpuFeatures

LOG = logging.getLogger(
    "core.engine.training.variant_choice"
)  # One logger for choosing and timing.
VARIANT_VARIABLE = "WORKSHOP_TRAIN_VARIANT"
OLD_VARIANT_VARIABLE = "WORKSHOP_TRAIN_PATH"  # Its earlier name, still read: teachers' settings.
TRIAL_BUDGET_S = 2.0  # The whole trial, compiling included, on the first batches.


@dataclass(frozen=True)
class VariantDecision:
    """Which variant trains a kind of network in this process, and why."""

    variant: str
    # "timed", "remembered" (timed by an earlier process on this kind of CPU), "only one
    # applies", "forced" or "untimed" (the budget ran out first).
    how: str
    candidates: tuple[str, ...]
    cpu: CpuFeatures
    ms_per_batch: dict[str, float] = field(default_factory=dict)  # The timed variants' best.
    batch_size: int = 0
    trial_seconds: float = 0.0  # Wall time of the trial, all variants together ...
    overhead: float = 0.0  # ... less the winner's compiling, which forcing it would cost too.

    def sentence(self) -> str:
        """One line for a caption or a log: the variant, and why it trains."""
        flags = ", ".join(self.cpu.relevant_flags()) or "no AVX2"
        if self.how == "forced":
            return (
                f"Training variant: {self.variant}, forced ({VARIANT_VARIABLE} or --train-variant)."
            )
        if self.how == "untimed":
            return (
                f"Training variant: {self.variant}, the likely fastest on this CPU ({flags}): "
                f"compiling took the {TRIAL_BUDGET_S:g} s set aside to time the variants."
            )
        if self.how not in ("timed", "remembered") or self.variant not in self.ms_per_batch:
            return f"Training variant: {self.variant} ({self.how}; CPU: {flags})."
        others = ", ".join(
            f"{name} {ms:.1f}" for name, ms in self.ms_per_batch.items() if name != self.variant
        )
        when = " by an earlier training" if self.how == "remembered" else ""
        return (
            f"Training variant: {self.variant}, the fastest of {len(self.ms_per_batch)} timed on "
            f"this CPU ({flags}){when}: {self.ms_per_batch[self.variant]:.1f} ms a batch of "
            f"{self.batch_size}" + (f" against {others}." if others else ".")
        )


class Choices:
    """The process's decisions, one per (CPU, kind of network); guarded by one lock."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.forced: str | None = None
        self.decided: dict[tuple, VariantDecision] = {}
        self.trials: dict[tuple, object] = {}  # Kinds being timed now -> the trial's token.
        self.last_choice: dict[CpuFeatures, VariantDecision] = {}  # For the page's caption.
        self.warned: set[str] = set()

    def record(self, key: tuple, decision: VariantDecision, token: object = None) -> None:
        with self.lock:
            self.decided.setdefault(key, decision)
            if self.trials.get(key) is token:
                self.trials.pop(key, None)
            if len(decision.candidates) > 1:
                self.last_choice[decision.cpu] = decision
        LOG.info("%s (%s)", decision.sentence(), decision.cpu.describe())

    def abandon(self, key: tuple, token: object) -> None:
        with self.lock:
            if self.trials.get(key) is token:
                del self.trials[key]


CHOICES = Choices()


def variant_from_environment() -> tuple[str, str]:
    """(variable, value) of the variant the environment asks for; ("", "") if none.

    WORKSHOP_TRAIN_VARIANT wins; WORKSHOP_TRAIN_PATH, its earlier name, is read when it is unset.
    """
    for variable in (VARIANT_VARIABLE, OLD_VARIANT_VARIABLE):
        value = os.environ.get(variable, "").strip()
        if value:
            return variable, value
    return "", ""


def likely_fastest(candidates: list[str], cpu: CpuFeatures) -> str:
    """Without timing: bfloat16 where it runs, oneDNN's float32 kernels, else the blocks."""
    for name in ("keras-bf16", "keras" if cpu.onednn else "blocks", "keras"):
        if name in candidates:
            return name
    return candidates[0]
