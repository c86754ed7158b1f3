"""The CPU priority of training threads: one setting, read without TensorFlow.

A training yields the cores to whatever a student waits for: nice WORKSHOP_TF_NICE and
SCHED_IDLE, and why both (docs/architecture.md, "Training at low priority").
"""

from __future__ import annotations

import contextlib
import os
import threading

NICE = 10  # CFS weight 110 against 1024: about a tenth of a contended core.
NICE_VARIABLE = "WORKSHOP_TF_NICE"  # 0 leaves TensorFlow at normal priority.
IDLE_VARIABLE = "WORKSHOP_TF_IDLE"  # 0 keeps the normal policy (nice only).


def configured_nice() -> int:
    """NICE, or the environment's WORKSHOP_TF_NICE (0-19; anything else: NICE)."""
    value = os.environ.get(NICE_VARIABLE, "").strip()
    return int(value) if value.isdigit() and len(value) < 3 and int(value) <= 19 else NICE


def idle_policy_wanted() -> bool:
    """Whether training threads run under SCHED_IDLE: yes, unless either variable is 0."""
    return configured_nice() != 0 and os.environ.get(IDLE_VARIABLE, "").strip() != "0"


def at_nice(value: int) -> None:
    """Move the calling thread to nice `value` if it runs at a higher one (lower priority).

    Raising a priority needs the right to (root, CAP_SYS_NICE); without it, or elsewhere
    than Linux, nothing changes.
    """
    with contextlib.suppress(AttributeError, OSError):
        tid = threading.get_native_id()
        if os.getpriority(os.PRIO_PROCESS, tid) > value:
            os.setpriority(os.PRIO_PROCESS, tid, value)


def set_thread_priority(tid: int, nice: int, idle: bool) -> None:
    """One thread (0: the calling one) at nice `nice`, and under SCHED_IDLE if `idle`.

    Linux keeps both per thread, and a thread inherits both from the one that starts it.
    Lowering is always allowed; raising needs the right to (root, CAP_SYS_NICE). Without it,
    or elsewhere than Linux, that part changes nothing.
    """
    with contextlib.suppress(AttributeError, OSError):
        os.setpriority(os.PRIO_PROCESS, tid or threading.get_native_id(), nice)
    if idle:
        with contextlib.suppress(AttributeError, OSError):
            os.sched_setscheduler(tid, os.SCHED_IDLE, os.sched_param(0))


def lower_calling_thread() -> None:
    """Put the calling thread, and every thread it starts from now on, at training priority
    (a Ray worker's thread, which starts at nice 15, goes back up to the configured nice)."""
    nice = configured_nice()
    if nice != 0:
        set_thread_priority(0, nice, idle_policy_wanted())


def thread_policies(pid: int | None = None) -> dict[int, tuple[int, int]]:
    """{thread id: (nice, policy)} for a process's threads (Linux; this one by default)."""
    task = f"/proc/{pid or 'self'}/task"
    values = {}
    for tid in os.listdir(task):
        try:
            with open(f"{task}/{tid}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
            values[int(tid)] = (int(fields[16]), int(fields[38]))
        except (OSError, ValueError, IndexError):
            continue  # The thread ended while we looked.
    return values
