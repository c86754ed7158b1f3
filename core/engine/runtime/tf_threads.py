"""TensorFlow's compute threads at low CPU priority, so that training yields to everything else.

On a classroom server two trainings can keep both cores busy for minutes. Everything a
student waits for (a page run, the answer to a stroke, which
core.engine.models.numpy_forward computes on the page's own thread) should win those cores
and training should take what is left. Linux keeps a nice value and a scheduling policy per
thread, and a thread starts with its creator's: TensorFlow creates its thread pools when it
runs its first operation, so running that operation from a short-lived thread at nice 10
under SCHED_IDLE (core.engine.runtime.priority says why both) leaves all of TensorFlow's
compute threads there, and nothing else in the process. A process cannot raise a priority
back without privileges, which is why only that throwaway thread is lowered.

Importing this module does it, once per process, before any TensorFlow operation runs:
every module of `core` that uses TensorFlow or Keras imports it first. Elsewhere than Linux
(or if TensorFlow has already run an operation) it changes nothing.
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
