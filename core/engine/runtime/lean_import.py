"""Import TensorFlow without the optional libraries Keras takes in because they are installed.

Keras imports pandas, IPython and scikit-learn, and TensorFlow's old Keras SciPy, whenever
it finds them, for what this app never asks of them: DataFrames as training data, a notebook's
display, scikit-learn's estimator wrappers, sparse matrices. Each of those imports is inside a
`try: ... except ImportError`, so a module hidden while TensorFlow imports is simply left
out. A training process (a server's training worker, the CLI) then starts sooner and holds
less memory (docs/performance.md, "A lighter TensorFlow import"). Once TensorFlow is in,
the libraries import as usual for any code that uses them.

Hiding a module hides it from every thread of the process, so this is for a process's start,
before any other thread could import one of them; a server, whose sessions' threads import
pandas at any time, imports TensorFlow as usual.
"""

from __future__ import annotations

import sys
import threading

OPTIONAL = ("pandas", "IPython", "sklearn", "scipy")


def import_tensorflow_lean() -> list[str]:
    """Import TensorFlow and Keras with OPTIONAL hidden; the names that were hidden.

    Does nothing when TensorFlow is already imported, and never hides a module that is.
    """
    if "tensorflow" in sys.modules:
        return []
    hidden = [name for name in OPTIONAL if name not in sys.modules]
    for name in hidden:
        sys.modules[name] = None  # type: ignore[assignment]  # Python's "not installed".
    try:
        import keras  # noqa: F401  (Keras 3, with TensorFlow as its backend)
        import tensorflow  # noqa: F401
    finally:
        for name in hidden:
            if name in sys.modules and sys.modules[name] is None:
                del sys.modules[name]
    return hidden


def import_tensorflow_lean_if_alone() -> list[str]:
    """`import_tensorflow_lean` in a process with no other thread (the CLI): else nothing."""
    return import_tensorflow_lean() if threading.active_count() == 1 else []
