"""This machine's CPU as the figures in docs/ name it: its model and the flags that matter."""

from __future__ import annotations

from core.engine.training.cpu_features import CPUINFO, read_cpuinfo

FLAGS = ("avx2", "avx512f", "avx512_bf16", "amx_bf16")  # Those that change the fastest code.


def this_cpu() -> tuple[str, list[str]]:
    """(model, the FLAGS it has), or ("unknown CPU", []) where /proc/cpuinfo cannot be read."""
    try:
        with open(CPUINFO) as info:
            model, flags = read_cpuinfo(info.read())
    except OSError:
        return "unknown CPU", []
    return model, [flag for flag in FLAGS if flag in flags]
