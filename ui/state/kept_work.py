"""A student's work kept in the store, so a reload, a closed tab or a restart loses nothing.

The first run of a session brings back the student's settings, runs and place; every run
hands changed settings to the store, whose writer thread saves them off the page's thread;
a filed run is saved when its training ends. Why and how: docs/store.md.
"""

from __future__ import annotations

import dataclasses
import json
import time
from typing import Any

import streamlit as st

from core.engine.jobs.base import for_another_process
from core.engine.store import WorkStore, decode, encode, open_store
from core.engine.store.config import keeps_work
from ui.state import keys
from ui.state.run_limits import IRIS_RUNS_KEPT, MNIST_RUNS_KEPT
from ui.state.student import student_id

SETTINGS, WORK, PLACE = "settings", "work", "place"
# A note (a run dropped for the bounds) follows a saved run: the sidebar asks the store for
# notes this long after one, not on every run of every page (a stroke never waits on it).
NOTES_WINDOW_S = 60.0
SIMPLE = (bool, int, float, str)  # A None (nothing chosen) is never handed back.


@st.cache_resource(show_spinner=False)
def work_store() -> WorkStore | NoStore:
    """The server's one store (SQLite in WORKSHOP_DATA_DIR, or WORKSHOP_DATABASE_URL)."""
    return open_store() if keeps_work() else NoStore()


class NoStore:
    """What a server whose teacher turned the store off keeps: nothing, and says so."""

    problem = "This server keeps no work (the teacher's choice): a reload starts afresh."

    def put(self, *_: Any) -> None: ...
    def drop(self, *_: Any) -> None: ...
    def add_run(self, *_: Any) -> None: ...
    def forget(self, *_: Any) -> None: ...
    def close(self) -> None: ...

    def values(self, _student: str) -> dict[str, bytes]:
        return {}

    def runs(self, _student: str, _chapter: str) -> list:
        return []

    def take_notes(self, _student: str) -> list[str]:
        return []

    def flush(self, timeout: float = 5.0) -> bool:
        return True

    def board(self, _viewer: str) -> Any:
        from core.engine.store.board import UNREAD

        return UNREAD

    def shared_by(self, _student: str) -> frozenset[int]:
        return frozenset()

    def past_boards(self) -> list:
        return []

    def board_entries(self, _board_id: int) -> tuple:
        return ()

    def shared_payload(self, _entry_id: int) -> None:
        return None

    def share(self, *_: Any) -> None: ...
    def withdraw(self, *_: Any) -> None: ...
    def remove_entry(self, *_: Any) -> None: ...
    def set_board_hidden(self, *_: Any) -> None: ...
    def new_board(self) -> None: ...


def restore_work() -> None:
    """On a session's first run: the student's settings, runs and place, as they left them."""
    state = st.session_state
    if state.get(keys.RESTORED):
        return
    state[keys.RESTORED] = True
    state[keys.NOTES_DUE] = time.monotonic() + NOTES_WINDOW_S  # Notes from the last visit.
    student = student_id()
    store = work_store()
    values = store.values(student)
    settings = _json(values.get(SETTINGS))
    linked = set(st.query_params.keys())  # A teacher's link wins over the kept settings.
    for key, value in settings.items():
        if key not in linked and key not in state:
            state[key] = tuple(value) if isinstance(value, list) else value
    state[keys.KEPT_SETTINGS] = settings
    work = _json(values.get(WORK))
    _restore_runs(store, student, work)
    place = values.get(PLACE)
    state[keys.KEPT_PLACE] = place.decode() if place else None
    from ui.state.resumed_jobs import pick_up_trainings

    pick_up_trainings(store, student, values)


def _restore_runs(store: WorkStore, student: str, work: dict[str, Any]) -> None:
    state = st.session_state
    iris = _decoded(store, student, "iris")[-IRIS_RUNS_KEPT:]
    if iris:
        state[keys.IRIS_RUNS] = iris
        state[keys.IRIS_RUN_COUNT] = max(work.get("iris_count", 0), len(iris))
        state[keys.IRIS_RESULT] = _by_label(iris, work.get("iris_shown"))
    mnist = _decoded(store, student, "mnist")[-MNIST_RUNS_KEPT:]
    if mnist:
        state[keys.MNIST_RUNS] = mnist
        state[keys.MNIST_RUN_COUNT] = max(work.get("mnist_count", 0), len(mnist))
        chosen = mnist.index(_by_label(mnist, work.get("mnist_selected")))
        state[keys.MNIST_SELECTED] = chosen
        state[keys.MNIST_CHOICE] = chosen
        state[keys.REMEMBERED_MNIST_CHOICE] = mnist[chosen].label  # Keeps the Draw page's choice.


def _decoded(store: WorkStore, student: str, chapter: str) -> list[Any]:
    runs = [decode(run.payload) for run in store.runs(student, chapter)]
    return [run for run in runs if _whole(run)]  # A run an older app saved: let go.


def _whole(run: Any) -> bool:
    """A run with every field its class has now: one pickled by an older app may lack some."""
    if run is None or not dataclasses.is_dataclass(run):
        return False
    return all(hasattr(run, field.name) for field in dataclasses.fields(run))


def _by_label(runs: list[Any], label: str | None) -> Any:
    return next((run for run in runs if getattr(run, "label", None) == label), runs[-1])


def keep_run(chapter: str, run: Any) -> None:
    """Save a filed run and where the student is with their runs; the page does not wait."""
    student = student_id()
    store = work_store()
    store.add_run(student, chapter, encode(for_another_process(run)))  # Plain data only.
    _raw_state()[keys.NOTES_DUE] = time.monotonic() + NOTES_WINDOW_S
    _keep_choices(store, student, _raw_state())


def _keep_choices(store: WorkStore, student: str, state: Any) -> None:
    mnist = _get(state, keys.MNIST_RUNS) or []
    index = _get(state, keys.MNIST_SELECTED)
    work = {
        "iris_count": _get(state, keys.IRIS_RUN_COUNT, 0),
        "iris_shown": getattr(_get(state, keys.IRIS_RESULT), "label", None),
        "mnist_count": _get(state, keys.MNIST_RUN_COUNT, 0),
        "mnist_selected": mnist[index].label
        if isinstance(index, int) and 0 <= index < len(mnist)
        else None,
    }
    if work != _get(state, keys.KEPT_WORK):
        state[keys.KEPT_WORK] = work
        store.put(student, WORK, json.dumps(work).encode())


def keep_work(page: Any) -> None:
    """At the end of every run: save the settings this run's widgets hold, if they changed.

    It runs after the page, also when the page ended early (st.stop, a click): so it reads
    the session's state directly, as Streamlit's proxy would end it again at once.
    """
    state = _raw_state()
    student = _get(state, keys.STUDENT)
    if not _get(state, keys.RESTORED) or not student:
        return
    store = work_store()
    kept = dict(_get(state, keys.KEPT_SETTINGS) or {})
    settings = {**kept, **_this_runs_settings(state)}
    if settings != kept:
        state[keys.KEPT_SETTINGS] = settings
        store.put(student, SETTINGS, json.dumps(settings).encode())
    place = getattr(page, "url_path", None)
    if place is not None and place != _get(state, keys.KEPT_PLACE):
        state[keys.KEPT_PLACE] = place
        store.put(student, PLACE, place.encode())
    _keep_choices(store, student, state)


def _raw_state() -> Any:
    """The session's own state, without the proxy's check for a stop or a rerun."""
    from streamlit.runtime.scriptrunner import get_script_run_ctx

    ctx = get_script_run_ctx()
    return getattr(getattr(ctx, "session_state", None), "_state", None) or st.session_state


def _get(state: Any, key: str, default: Any = None) -> Any:
    return state[key] if key in state else default  # noqa: SIM401 (SessionState has no get)


def _this_runs_settings(state: Any) -> dict[str, Any]:
    """The value of every widget this run drew that keeps its value for the session."""
    from streamlit.runtime.state.common import user_key_from_element_id

    try:
        metadata = state._new_widget_state.widget_metadata
    except AttributeError:  # Streamlit's internals moved: nothing is kept, nothing breaks.
        return {}
    found: dict[str, Any] = {}
    for widget_id, meta in list(metadata.items()):
        if getattr(meta, "persist_state", None) != "session":
            continue
        key = user_key_from_element_id(widget_id)
        if not key or key not in state:
            continue
        value = state[key]
        if isinstance(value, (list, tuple)) and all(isinstance(v, SIMPLE) for v in value):
            found[key] = list(value)
        elif isinstance(value, SIMPLE):
            found[key] = value
    return found


def start_afresh() -> None:
    """Forget the student's work and settings, here and in the store; the lesson starts over."""
    store = work_store()
    store.forget(student_id())
    store.flush(timeout=2.0)  # The next run reads the store afresh: after the forgetting.
    student = st.session_state.get(keys.STUDENT)
    st.session_state.clear()  # Not restored: this run keeps nothing, the next one reads.
    st.session_state[keys.STUDENT] = student


def notes_due() -> bool:
    """True while a note about a saved run may be waiting in the store."""
    return time.monotonic() < _get(_raw_state(), keys.NOTES_DUE, 0.0)


def store_problem() -> str | None:
    """One sentence when the store cannot keep work now (a full disk, no database, ...)."""
    return work_store().problem


def _json(payload: bytes | None) -> dict[str, Any]:
    try:
        loaded = json.loads(payload or b"{}")
    except ValueError:
        return {}
    return loaded if isinstance(loaded, dict) else {}
