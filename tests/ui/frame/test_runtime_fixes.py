"""Streamlit must not reset Keras after every script run (ui/frame/runtime_fixes.py), and must say
so loudly when it cannot be stopped."""

from __future__ import annotations

import logging

import keras
from streamlit.runtime.scriptrunner import script_runner
from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from ui.frame import runtime_fixes
from ui.frame.runtime_fixes import HOOK, keep_keras_state_between_runs, streamlit_hook

APP = str(ROOT / "app.py")


def _layer_number() -> int:
    """Keras numbers unnamed layers from its global state: dense, dense_1, dense_2, ...

    `keras.backend.clear_session()` replaces that state for every thread, so this thread
    sees whether a script run (in AppTest's own thread) cleared it.
    """
    name = keras.layers.Dense(1).name
    return int(name.rsplit("_", 1)[1]) if "_" in name else 0


def test_streamlit_hook_resets_keras_until_the_app_replaces_it() -> None:
    original = getattr(script_runner, HOOK)
    try:
        _layer_number()
        _layer_number()
        streamlit_hook()()  # Streamlit's own hook: keras.backend.clear_session().
        assert _layer_number() == 0

        assert keep_keras_state_between_runs()
        before = _layer_number()
        getattr(script_runner, HOOK)()
        assert _layer_number() == before + 1  # Keras' state survived the end of a run.
    finally:
        setattr(script_runner, HOOK, original)


def test_keras_state_survives_real_script_reruns_of_the_app(monkeypatch) -> None:
    """Control first: Streamlit's hook in place and a page run without the app's router
    clears Keras. Then the app: training on the Iris page and four more reruns, and the
    layer counter of this thread goes on counting."""
    monkeypatch.setattr(script_runner, HOOK, streamlit_hook())
    _layer_number()
    AppTest.from_file(str(ROOT / "app_pages" / "iris.py"), default_timeout=60).run()
    assert _layer_number() == 0  # Cleared by Streamlit at the end of the run.

    before = _layer_number()
    at = AppTest.from_file(APP, default_timeout=120).run()
    at.switch_page("app_pages/iris.py").run()
    at.slider(key="iris_epochs").set_value(2).run()
    at.button(key="iris_train").click().run()
    assert not at.exception and at.session_state["iris_result"] is not None
    for value in (1.4, 4.5, 5.8):
        at.number_input(key="iris_measure_2").set_value(value).run()
    assert not at.exception
    assert _layer_number() == before + 1  # Six script runs later: nothing was cleared.
    assert getattr(script_runner, HOOK).__module__ == "ui.frame.runtime_fixes"


def test_a_missing_hook_is_reported_in_the_server_log(monkeypatch, caplog) -> None:
    """As if a Streamlit upgrade had renamed the hook: the app still runs, and the log says
    what is lost, once per process."""
    monkeypatch.setattr(runtime_fixes, "HOOK", "_clean_problem_modules_renamed")
    monkeypatch.setattr(runtime_fixes, "_reported", set())
    assert not keep_keras_state_between_runs()
    with caplog.at_level(logging.WARNING, logger="ui.frame.runtime_fixes"):
        at = AppTest.from_file(APP, default_timeout=60).run()
        at.run()
    assert not at.exception
    warnings = [r for r in caplog.records if r.name == "ui.frame.runtime_fixes"]
    assert len(warnings) == 1 and warnings[0].levelno == logging.WARNING
    assert "_clean_problem_modules_renamed" in warnings[0].getMessage()
    assert "clear Keras after every script run" in warnings[0].getMessage()


def test_no_warning_when_the_fix_applies(monkeypatch, caplog) -> None:
    monkeypatch.setattr(runtime_fixes, "_reported", set())
    with caplog.at_level(logging.WARNING, logger="ui.frame.runtime_fixes"):
        AppTest.from_file(APP, default_timeout=60).run()
    assert not caplog.records
