"""Streamlit must not reset Keras after every script run (ui/runtime_fixes.py)."""

from __future__ import annotations

import keras
from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from ui.runtime_fixes import keep_keras_state_between_runs


def _layer_number() -> int:
    """Keras numbers unnamed layers from its global state: dense, dense_1, dense_2, ..."""
    name = keras.layers.Dense(1).name
    return int(name.rsplit("_", 1)[1]) if "_" in name else 0


def test_streamlit_hook_resets_keras_until_the_app_replaces_it() -> None:
    original = script_runner._clean_problem_modules
    try:
        if original.__module__ == script_runner.__name__:  # Not replaced yet in this process.
            _layer_number()
            _layer_number()
            original()  # Streamlit's own hook: keras.backend.clear_session().
            assert _layer_number() == 0

        assert keep_keras_state_between_runs()
        before = _layer_number()
        script_runner._clean_problem_modules()
        assert _layer_number() == before + 1  # Keras' state survived the end of a run.
    finally:
        script_runner._clean_problem_modules = original


def test_the_app_replaces_the_hook_when_it_runs() -> None:
    original = script_runner._clean_problem_modules
    try:
        AppTest.from_file(str(ROOT / "app.py"), default_timeout=60).run()
        assert script_runner._clean_problem_modules.__module__ == "ui.runtime_fixes"
    finally:
        script_runner._clean_problem_modules = original
