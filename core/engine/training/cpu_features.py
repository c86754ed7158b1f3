"""What this CPU offers for training: its model name, the flags that matter, oneDNN's state.

Which training variant is fastest depends on the CPU (see `core.engine.training.variants`): AVX2
machines run TensorFlow's own convolution kernels, AVX-512 machines with oneDNN run
faster ones, and bfloat16 arithmetic is only fast where the CPU has it (`avx512_bf16`,
`amx_bf16`); elsewhere it is emulated, tens of times slower. The flags come from Linux's
/proc/cpuinfo; elsewhere the set is empty, and variants that need a flag are not offered.
"""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass

RELEVANT_FLAGS = ("avx2", "avx512f", "avx512_bf16", "amx_bf16")
BF16_FLAGS = frozenset({"avx512_bf16", "amx_bf16"})
CPUINFO = "/proc/cpuinfo"


@dataclass(frozen=True)
class CpuFeatures:
    """The CPU as the variant choice sees it. Tests build fake ones to check the choice."""

    model: str
    flags: frozenset[str]
    onednn: bool  # TensorFlow runs oneDNN's kernels (TF_ENABLE_ONEDNN_OPTS, or its default).

    @property
    def bf16(self) -> bool:
        """bfloat16 is fast here: the CPU computes it natively and oneDNN's kernels use it."""
        return self.onednn and bool(self.flags & BF16_FLAGS)

    def relevant_flags(self) -> list[str]:
        """The flags among RELEVANT_FLAGS that this CPU has, in that order."""
        return [flag for flag in RELEVANT_FLAGS if flag in self.flags]

    def describe(self) -> str:
        """One line: 'AMD EPYC (avx2, avx512f, avx512_bf16; oneDNN on)'."""
        flags = ", ".join(self.relevant_flags()) or "none of " + ", ".join(RELEVANT_FLAGS)
        return f"{self.model} ({flags}; oneDNN {'on' if self.onednn else 'off'})"


def read_cpuinfo(text: str) -> tuple[str, frozenset[str]]:
    """(model name, flags) from the text of /proc/cpuinfo; the first processor is enough."""
    model, flags = "unknown CPU", frozenset()
    for line in text.splitlines():
        key, _, value = line.partition(":")
        key = key.strip()
        if key == "model name" and model == "unknown CPU":
            model = " ".join(value.split())
        elif key == "flags" and not flags:
            flags = frozenset(value.split())
    return model, flags


def onednn_enabled() -> bool:
    """Whether TensorFlow runs oneDNN's kernels in this process.

    TensorFlow decides it at start-up from TF_ENABLE_ONEDNN_OPTS and, when that is unset,
    from the CPU (on by default on x86 CPUs with AVX-512 VNNI, BF16 or AMX). Its own
    answer is private API, so the variable is the fallback.
    """
    try:
        from tensorflow.python.util import _pywrap_util_port

        return bool(_pywrap_util_port.IsMklEnabled())
    except (ImportError, AttributeError):
        return os.environ.get("TF_ENABLE_ONEDNN_OPTS", "").strip().lower() in ("1", "true")


@functools.cache
def _this_cpu() -> tuple[str, frozenset[str]]:
    try:
        with open(CPUINFO) as info:
            return read_cpuinfo(info.read())
    except OSError:  # Not Linux: no flags known, so only the float32 variants are offered.
        return "unknown CPU", frozenset()


@functools.cache
def cpu_features() -> CpuFeatures:
    """This machine's CPU, read once per process (imports TensorFlow, to ask it about oneDNN)."""
    model, flags = _this_cpu()
    return CpuFeatures(model=model, flags=flags, onednn=onednn_enabled())


def cpu_features_light() -> CpuFeatures:
    """The same, for a page that has not loaded TensorFlow yet and should not load it now.

    Until TensorFlow is loaded, oneDNN counts as on unless TF_ENABLE_ONEDNN_OPTS turns it
    off, which is TensorFlow's default on the CPUs where it matters (those with bfloat16).
    """
    if "tensorflow" in sys.modules:
        return cpu_features()
    model, flags = _this_cpu()
    setting = os.environ.get("TF_ENABLE_ONEDNN_OPTS", "").strip().lower()
    return CpuFeatures(model=model, flags=flags, onednn=setting not in ("0", "false"))
