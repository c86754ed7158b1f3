"""TensorFlow's compute threads at low CPU priority, so that training yields to everything else.

Importing this module lowers a throwaway thread that starts TensorFlow's pools, once per
process; every core module that uses TensorFlow imports it first (docs/architecture.md,
"TensorFlow's threads").
"""

from __future__ import annotations

import sys
import threading

from core.engine.runtime.priority import NICE, NICE_VARIABLE, configured_nice, lower_calling_thread

__all__ = ["NICE", "NICE_VARIABLE", "configured_nice", "lower_tensorflow_priority"]


def _start_pools() -> None:
    # Nice and SCHED_IDLE (core.engine.runtime.priority); elsewhere: nothing.
    lower_calling_thread()
    import tensorflow as tf

    tf.constant(1.0) + 1.0  # The first operation creates the thread pools.


def lower_tensorflow_priority() -> None:
    """Create TensorFlow's thread pools from a thread at the configured nice (Linux).

    Runs once, when this module is first imported; later calls change nothing either,
    since the pools exist by then.
    """
    if not sys.platform.startswith("linux") or configured_nice() == 0:
        return
    starter = threading.Thread(target=_start_pools, name="tf-pools-low-priority")
    starter.start()
    starter.join()


lower_tensorflow_priority()
