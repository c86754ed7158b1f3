"""A student's work in the store, through the router: it comes back in the student's next
session, never in another student's, and a store that cannot keep it is one sentence."""

from __future__ import annotations

import time

import pytest
from streamlit.testing.v1 import AppTest

from core.engine.store import new_student_id
from tests.pages.navigation import APP, IRIS, MNIST
from ui.state import keys
from ui.state.kept_work import work_store


def _session(student: str, page: str) -> AppTest:
    """A new session (a reload, a reopened tab) of the browser whose cookie names `student`."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state[keys.STUDENT] = student
    at.run()
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def test_runs_and_settings_come_back_for_the_same_student_only() -> None:
    student = new_student_id()
    at = _session(student, IRIS)
    at.slider(key="iris_epochs").set_value(2)
    at.slider(key="iris_steps").set_value(10).run()
    at.button(key="iris_train").click().run()
    assert not at.exception
    label = at.session_state[keys.IRIS_RESULT].label
    at.switch_page(MNIST).run()
    at.select_slider(key="mnist_train_size").set_value(5_000).run()
    assert work_store().flush(timeout=10)

    again = _session(student, IRIS)
    assert again.slider(key="iris_epochs").value == 2
    assert [run.label for run in again.session_state[keys.IRIS_RUNS]] == [label]
    assert again.session_state[keys.IRIS_RESULT].label == label
    assert again.session_state[keys.KEPT_PLACE] == "iris"
    again.switch_page(MNIST).run()
    assert again.select_slider(key="mnist_train_size").value == 5_000

    stranger = _session(new_student_id(), IRIS)
    assert stranger.slider(key="iris_epochs").value != 2
    assert keys.IRIS_RUNS not in stranger.session_state


def test_start_afresh_forgets_the_work() -> None:
    student = new_student_id()
    at = _session(student, IRIS)
    at.slider(key="iris_epochs").set_value(3).run()
    assert work_store().flush(timeout=10)
    assert _session(student, IRIS).slider(key="iris_epochs").value == 3
    at.button(key="work_start_afresh").click().run()
    assert not at.exception
    assert work_store().flush(timeout=10)
    assert _session(student, IRIS).slider(key="iris_epochs").value != 3


def test_start_afresh_from_a_teachers_link_goes_home() -> None:
    """Settings bound to the address once made Streamlit refuse to leave the page."""
    at = AppTest.from_file(APP, default_timeout=120)
    at.session_state[keys.STUDENT] = new_student_id()
    at.query_params["iris_epochs"] = "2"
    at.switch_page(IRIS).run()
    assert at.slider(key="iris_epochs").value == 2
    at.button(key="work_start_afresh").click().run()
    assert not at.exception, [e.message for e in at.exception]
    assert at.title[0].value.endswith("Introduction to deep learning")
    assert "iris_epochs" not in at.query_params


@pytest.fixture
def unreachable_store(monkeypatch: pytest.MonkeyPatch):
    """A PostgreSQL address where nothing listens: the store the server is given fails."""
    monkeypatch.setenv("WORKSHOP_DATABASE_URL", "postgresql://student@127.0.0.1:9/workshop")
    work_store.clear()
    yield
    work_store().close()
    work_store.clear()


def test_a_store_that_cannot_keep_work_is_one_sentence_and_no_wait(unreachable_store) -> None:
    started = time.monotonic()
    at = _session(new_student_id(), IRIS)
    at.slider(key="iris_epochs").set_value(4).run()
    elapsed = time.monotonic() - started
    assert not at.exception
    said = [w.value for w in at.sidebar.warning]
    assert any("not being kept" in sentence for sentence in said), said
    assert at.slider(key="iris_epochs").value == 4  # The lesson goes on.
    # A hang check, not a speed figure: every read gives up within about a second.
    assert elapsed < 60, elapsed


def test_a_teacher_who_turns_the_store_off_is_told_and_nothing_is_kept(monkeypatch) -> None:
    monkeypatch.setenv("WORKSHOP_KEEP_WORK", "0")
    work_store.clear()
    try:
        student = new_student_id()
        at = _session(student, IRIS)
        at.slider(key="iris_epochs").set_value(5).run()
        assert any("keeps no work" in w.value for w in at.sidebar.warning)
        assert _session(student, IRIS).slider(key="iris_epochs").value != 5
    finally:
        work_store.clear()


def test_a_run_the_bounds_drop_is_said_once(monkeypatch) -> None:
    monkeypatch.setenv("WORKSHOP_KEEP_RUNS", "1")
    work_store.clear()
    try:
        at = _session(new_student_id(), IRIS)
        at.slider(key="iris_epochs").set_value(1)
        at.slider(key="iris_steps").set_value(10).run()
        for _ in range(2):
            at.button(key="iris_train").click().run()
            assert not at.exception
        assert work_store().flush(timeout=10)
        at.run()
        said = [i.value for i in at.sidebar.info]
        assert any("Your oldest Iris run" in s and "dropped" in s for s in said), said
        at.run()
        assert not any("dropped" in i.value for i in at.sidebar.info)  # Once.
    finally:
        work_store().close()
        work_store.clear()
