"""Give freed memory back to the operating system after a training.

A training allocates and frees hundreds of MB in many threads; glibc keeps much of it in
its per-thread arenas, so the server's resident size only grows. On a shared classroom
server (Streamlit Cloud allows 690 MB-2.7 GB) trimming after each training keeps room for
the next student.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
from functools import lru_cache


@lru_cache(maxsize=1)
def _libc():
    name = ctypes.util.find_library("c")
    try:
        libc = ctypes.CDLL(name) if name else None
    except OSError:
        return None
    return libc if libc is not None and hasattr(libc, "malloc_trim") else None


def release_memory() -> bool:
    """Collect garbage and trim the C heap; True if the heap could be trimmed (glibc only)."""
    gc.collect()
    libc = _libc()
    if libc is None:
        return False
    libc.malloc_trim(0)
    return True
