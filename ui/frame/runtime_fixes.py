"""Streamlit behaviour that a classroom server cannot afford, switched off once per process.

After every script run, in every session, Streamlit 1.67 calls `keras.backend.clear_session()`
as soon as Keras is imported (`script_runner._clean_problem_modules`). For this app that is
wrong twice over:

- It is slow and it blocks everyone: a full garbage collection over TensorFlow's hundreds of
  thousands of objects plus a flush of TensorFlow's kernel cache, holding the GIL. Profiling
  the Draw page showed it as most of the server's busy time (docs/performance.md,
  "Streamlit's defaults"): every stroke of every student waited for it, and so did every
  other session's messages.
- It resets Keras' global state while other sessions are training or predicting.

Each session's models live in its own session state and the class model is loaded once, so
there is no Keras state for Streamlit to clean. Matplotlib figures are still closed as
Streamlit does (the app draws none, but a future page might).

If a Streamlit upgrade renames the hook, the fix cannot be applied: `app.py` then calls
`report_missing_hook()`, which puts a warning in the server log (once per process), and
tests/ui/frame/test_runtime_fixes.py fails.
"""

from __future__ import annotations

import contextlib
import logging
import sys
from collections.abc import Callable
from typing import Any

HOOK = "_clean_problem_modules"  # Streamlit 1.67: streamlit/runtime/scriptrunner/script_runner.py
log = logging.getLogger(__name__)
_streamlit_hooks: dict[str, Callable[[], None]] = {}  # What was replaced, for tests.
_reported: set[str] = set()


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
    current = getattr(script_runner, HOOK, None)
    if not callable(current):
        return False
    if current is not _close_matplotlib_figures:
        _streamlit_hooks.setdefault(HOOK, current)
        setattr(script_runner, HOOK, _close_matplotlib_figures)
    return True


def streamlit_hook() -> Callable[[], None] | None:
    """Streamlit's own end-of-run hook, as it was before this module replaced it."""
    from streamlit.runtime.scriptrunner import script_runner

    return _streamlit_hooks.get(HOOK, getattr(script_runner, HOOK, None))


def report_missing_hook() -> None:
    """Warn in the server log, once per process, that Keras is cleared after every run."""
    if HOOK in _reported:
        return
    _reported.add(HOOK)
    log.warning(
        "ui.frame.runtime_fixes could not find streamlit.runtime.scriptrunner.script_runner.%s "
        "(was it renamed by a Streamlit upgrade?): Streamlit will clear Keras after every "
        "script run, a full garbage collection of 0.3-0.5 s that every session waits for. "
        "Update ui/frame/runtime_fixes.py for this Streamlit version.",
        HOOK,
    )
