"""Give freed memory back to the operating system after a training.

A training allocates and frees much memory in many threads; glibc keeps much of it in
its per-thread arenas, so the server's resident size only grows. On a shared classroom
server (Streamlit Cloud allows 690 MB-2.7 GB) trimming after each training keeps room for
the next student.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import os
from functools import lru_cache


@lru_cache(maxsize=1)
def _libc():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


M_ARENA_MAX = -8  # glibc's mallopt parameter number.


def limit_malloc_arenas(arenas: int = 2) -> bool:
    """Let at most `arenas` malloc arenas serve all threads created from now on.

    glibc gives busy threads arenas of their own (up to 8 per core); TensorFlow's many
    threads then each keep an arena's worth. Two arenas cut the peak memory of a training at no
    cost in speed that showed (docs/performance.md, "Memory of a training"). An explicit
    MALLOC_ARENA_MAX wins.
    """
    libc = _libc()
    if libc is None or "MALLOC_ARENA_MAX" in os.environ:
        return False
    return bool(libc.mallopt(M_ARENA_MAX, arenas))


def keep_for_life() -> None:
    """Take what the process holds now out of the garbage collector's sight, for good.

    A training worker's imports (TensorFlow, Keras) and MNIST are several hundred thousand
    objects that live as long as the process; every full collection walks them all, and the
    collections after each training and test then cost a student a noticeable part of their
    wait. Called once, after the worker's warm-up: the garbage that exists then is collected
    first, and everything made later is collected as before.
    """
    gc.collect()
    gc.freeze()


def release_memory() -> bool:
    """Collect garbage and trim the C heap; True if the heap could be trimmed (glibc only)."""
    gc.collect()
    libc = _libc()
    if libc is None:
        return False
    libc.malloc_trim(0)
    return True
