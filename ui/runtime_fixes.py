"""Streamlit behaviour that a classroom server cannot afford, switched off once per process.

After every script run, in every session, Streamlit 1.67 calls `keras.backend.clear_session()`
as soon as Keras is imported (`script_runner._clean_problem_modules`). For this app that is
wrong twice over:

- It is slow and it blocks everyone: a full garbage collection over TensorFlow's ~430,000
  objects plus a flush of TensorFlow's kernel cache, holding the GIL for ~0.3-0.5 s on these
  machines. Profiling the Draw page showed it as 90% of the server's busy time: every
  stroke of every student waited for it, and so did every other session's messages.
- It resets Keras' global state while other sessions are training or predicting.

Each session's models live in its own session state and the class model is loaded once, so
there is no Keras state for Streamlit to clean. Matplotlib figures are still closed as
Streamlit does (the app draws none, but a future page might).
"""

from __future__ import annotations

import contextlib
import sys
from typing import Any


def _close_matplotlib_figures() -> None:
    pyplot: Any = sys.modules.get("matplotlib.pyplot")
    if pyplot is not None:
        with contextlib.suppress(Exception):  # As Streamlit: never fail a run over this.
            pyplot.close("all")


def keep_keras_state_between_runs() -> bool:
    """Stop Streamlit clearing Keras after each run; True if its hook was found and replaced.

    Safe to call on every run (it replaces a module attribute with the same function).
    """
    try:
        from streamlit.runtime.scriptrunner import script_runner
    except ImportError:  # A Streamlit without this module has no such hook either.
        return False
    if not hasattr(script_runner, "_clean_problem_modules"):
        return False
    script_runner._clean_problem_modules = _close_matplotlib_figures
    return True
