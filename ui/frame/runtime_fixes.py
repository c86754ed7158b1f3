"""Streamlit behaviour that a classroom server cannot afford, switched off once per process.

Streamlit 1.67 calls `keras.backend.clear_session()` after every script run of every session:
a full garbage collection holding the GIL that every stroke waits for, and a reset of Keras
under other sessions' trainings (docs/architecture.md, "Streamlit's clear_session").
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
        "script run, a full garbage collection that every session waits for. "
        "Update ui/frame/runtime_fixes.py for this Streamlit version.",
        HOOK,
    )
