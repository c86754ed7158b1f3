"""The CPU priority (nice value) of training threads: one setting, read without TensorFlow.

A training yields the cores to whatever a student waits for (a page run, the answer to a
stroke): its threads run at WORKSHOP_TF_NICE (10 unless set to 0-19). core.engine.tf_threads
puts TensorFlow's thread pools there; a Ray worker puts its training thread there too
(core.engine.ray_worker), since Ray starts it at 15, behind TensorFlow's own threads.
"""

from __future__ import annotations

import contextlib
import os
import threading

NICE = 10  # CFS weight 110 against 1024: about a tenth of a contended core.
NICE_VARIABLE = "WORKSHOP_TF_NICE"  # 0 leaves TensorFlow at normal priority.


def configured_nice() -> int:
    """NICE, or the environment's WORKSHOP_TF_NICE (0-19; anything else: NICE)."""
    value = os.environ.get(NICE_VARIABLE, "").strip()
    return int(value) if value.isdigit() and 0 <= int(value) <= 19 else NICE


def at_nice(value: int) -> None:
    """Move the calling thread to nice `value` if it runs at a higher one (lower priority).

    Raising a priority needs the right to (root, CAP_SYS_NICE); without it, or elsewhere
    than Linux, nothing changes.
    """
    with contextlib.suppress(AttributeError, OSError):
        tid = threading.get_native_id()
        if os.getpriority(os.PRIO_PROCESS, tid) > value:
            os.setpriority(os.PRIO_PROCESS, tid, value)
