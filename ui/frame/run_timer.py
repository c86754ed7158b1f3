"""The server's own time per answer: one JSON line per finished script run (load test only).

Imported only when WORKSHOP_TIMING_LOG is set (ui/frame/request_timing.py). It wraps two of
Streamlit's AppSession methods; the fields of a line and why they are timed this way:
docs/load-test.md, "The server's own time".
"""

from __future__ import annotations

import hashlib
import inspect
import json
import logging
import threading
import time
from dataclasses import dataclass, field
from typing import Any, NamedTuple

TRIGGERS = ("trigger_value", "string_trigger_value", "json_trigger_value")
FINISHED = {
    "SCRIPT_STOPPED_WITH_SUCCESS": "success",
    "FRAGMENT_STOPPED_WITH_SUCCESS": "success",
    "SCRIPT_STOPPED_WITH_COMPILE_ERROR": "error",
    "SCRIPT_STOPPED_FOR_RERUN": "rerun",
}
log = logging.getLogger(__name__)
_log_file: dict[str, str] = {}  # "path": where the lines go, once the methods are wrapped.
_write_lock = threading.Lock()


class _Request(NamedTuple):
    arrival: float
    fragment_id: str
    triggers: list[str]
    changed: list[str]
    size: int  # The request's bytes: a browser's carries every widget's value.


@dataclass
class _SessionTiming:
    """What one session's requests and runs have told the timer so far."""

    pending: list[_Request] = field(default_factory=list)  # Not yet taken by a run.
    claimed: list[_Request] = field(default_factory=list)  # Taken by the current run.
    values: dict[str, str] = field(default_factory=dict)  # Widget id -> digest of its value.
    start: float = 0.0  # When the current run started; 0 between runs.
    page: str = ""
    fragment: bool = False
    # The script thread's CPU seconds, seconds waiting for a core and seconds in all
    # (_thread_clock): at each run's start (by runner), and spent by runs that a newer request
    # stopped, which the run that answers inherits.
    cpu_started: dict[int, tuple[float, ...]] = field(default_factory=dict)
    cpu_used: dict[int, tuple[float, ...]] = field(default_factory=dict)
    cpu_carried: tuple[float, ...] = (0.0, 0.0, 0.0)


def start_timing(path: str) -> bool:
    """Wrap Streamlit's request and run handlers so that each finished run is logged to `path`.

    Idempotent; False (and a warning) if this Streamlit lacks the methods it wraps.
    """
    if _log_file:
        return True
    from streamlit.runtime.app_session import AppSession

    handle_backmsg = getattr(AppSession, "handle_backmsg", None)
    on_event = getattr(AppSession, "_handle_scriptrunner_event_on_event_loop", None)
    in_script = getattr(AppSession, "_on_scriptrunner_event", None)
    if handle_backmsg is None or on_event is None or in_script is None:
        log.warning("Timing asked for, but this Streamlit has no AppSession methods to time")
        return False
    AppSession.handle_backmsg = _timed_backmsg(handle_backmsg)
    AppSession._handle_scriptrunner_event_on_event_loop = _timed_events(on_event)
    AppSession._on_scriptrunner_event = _script_cpu(in_script)
    _log_file["path"] = path
    return True


def _timing(session: Any) -> _SessionTiming:
    """This session's record, kept on the session object: it goes when the session goes."""
    timing = session.__dict__.get("_workshop_timing")
    if timing is None:
        timing = session.__dict__["_workshop_timing"] = _SessionTiming()
    return timing


def _user_key(widget_id: str) -> str:
    """The key the app gave a widget (Streamlit puts it after the id's hash), else the id."""
    key = widget_id.split("-", maxsplit=2)[-1] if widget_id.startswith("$$ID-") else "None"
    return widget_id if key == "None" else key


def _timed_backmsg(original):
    def handle_backmsg(self, msg) -> None:
        if msg.WhichOneof("type") == "rerun_script":
            arrival = time.time()
            fragment = msg.rerun_script.fragment_id
            try:
                # Streamlit drops a rerun of a fragment that a page run has removed: no run
                # will answer it, so it is not waited for either.
                if not fragment or self.has_fragment(fragment):
                    _note_request(_timing(self), msg.rerun_script, arrival)
            except Exception:  # Timing must never break a student's request.
                log.exception("request timing: could not note a rerun request")
        original(self, msg)

    return handle_backmsg


def _note_request(timing: _SessionTiming, client_state: Any, arrival: float) -> None:
    triggers, changed, values = [], [], {}
    for widget in client_state.widget_states.widgets:
        kind = widget.WhichOneof("value")
        if kind in TRIGGERS:
            if getattr(widget, kind):
                triggers.append(_user_key(widget.id))
            continue
        digest = hashlib.blake2b(widget.SerializeToString(), digest_size=8).digest()
        values[widget.id] = digest
        if timing.values and timing.values.get(widget.id) != digest:
            changed.append(_user_key(widget.id))
    timing.values = values
    size = client_state.ByteSize()
    timing.pending.append(_Request(arrival, client_state.fragment_id, triggers, changed, size))


def _script_cpu(original):
    """Reads the script thread's own CPU time as its run starts and ends: called there, before
    the event goes on to the event loop (where `_note_event` reads it)."""

    def on_scriptrunner_event(self, sender, event, *args, **kwargs) -> None:
        name = getattr(event, "name", "")
        if sender is not None and (name == "SCRIPT_STARTED" or name in FINISHED):
            try:
                timing, now = _timing(self), _thread_clock()
                if name == "SCRIPT_STARTED":
                    timing.cpu_started[id(sender)] = now
                elif id(sender) in timing.cpu_started:
                    started = timing.cpu_started.pop(id(sender))
                    spent = zip(now, started, strict=True)
                    timing.cpu_used[id(sender)] = tuple(a - b for a, b in spent)
            except Exception:
                log.exception("request timing: could not read the script thread's CPU time")
        original(self, sender, event, *args, **kwargs)

    return on_scriptrunner_event


def _timed_events(original):
    signature = inspect.signature(original)

    def on_event(self, sender, event, *args, **kwargs) -> None:
        current = sender is not None and sender is self._scriptrunner
        original(self, sender, event, *args, **kwargs)
        # Most events carry a message for the browser: those are passed by at once.
        if current and (event.name == "SCRIPT_STARTED" or event.name in FINISHED):
            try:
                details = signature.bind(self, sender, event, *args, **kwargs).arguments
                _note_event(self, event.name, details, id(sender))
            except Exception:
                log.exception("request timing: could not note a script run event")

    return on_event


def _thread_clock() -> tuple[float, float, float]:
    """The calling thread's CPU seconds, its seconds runnable but waiting for a core (the
    kernel's schedstat run_delay; 0 where the kernel does not keep it), and the time. A run's
    span less the first two is what it waited for otherwise: the interpreter's lock, a file."""
    try:
        with open("/proc/thread-self/schedstat", encoding="ascii") as stat:
            delay = int(stat.read().split()[1]) / 1e9
    except (OSError, ValueError, IndexError):
        delay = 0.0
    return time.thread_time(), delay, time.perf_counter()


def _note_event(session: Any, name: str, details: dict, runner: int) -> None:
    now = time.time()
    timing = _timing(session)
    if name == "SCRIPT_STARTED":
        # A whole-page run answers every waiting request; a fragment run, its fragments'.
        fragments = details.get("fragment_ids_this_run") or []
        waiting, timing.pending = timing.pending, []
        for request in waiting:
            answered = not fragments or request.fragment_id in fragments
            (timing.claimed if answered else timing.pending).append(request)
        timing.start, timing.fragment = now, bool(fragments)
        timing.page = _page_address(session, details.get("page_script_hash"))
        return
    outcome = FINISHED[name]
    cpu = timing.cpu_used.pop(runner, None)
    carried = timing.cpu_carried
    if outcome == "rerun" or not timing.start:
        if cpu is not None:
            timing.cpu_carried = tuple(a + b for a, b in zip(carried, cpu, strict=True))
        return  # Interrupted: its requests wait for the run that answers them.
    claimed, timing.claimed = timing.claimed, []
    cpu_ms = core_wait_ms = thread_ms = None
    if cpu is not None:
        summed = zip(cpu, carried, strict=True)
        cpu_ms, core_wait_ms, thread_ms = (round(1000 * (a + b), 2) for a, b in summed)
    timing.cpu_carried = (0.0, 0.0, 0.0)
    _write(
        {
            "session": session.id,
            "page": timing.page,
            "fragment": timing.fragment,
            "triggers": sorted({t for r in claimed for t in r.triggers}),
            "changed": sorted({c for r in claimed for c in r.changed}),
            "requests": len(claimed),
            "bytes": sum(r.size for r in claimed),
            "cpu_ms": cpu_ms,
            "core_wait_ms": core_wait_ms,
            "thread_ms": thread_ms,
            "arrival": round(min((r.arrival for r in claimed), default=timing.start), 6),
            "start": round(timing.start, 6),
            "end": round(now, 6),
            "outcome": outcome,
        }
    )
    timing.start = 0.0


def _page_address(session: Any, page_hash: str | None) -> str:
    """The page's address in the app ("draw"), "" for the home page."""
    try:
        page = session._pages_manager.get_pages().get(page_hash) or {}
    except Exception:  # Only a label: never fail a run over it.
        return "?"
    return page.get("url_pathname") or ""


def _write(line: dict) -> None:
    with _write_lock, open(_log_file["path"], "a", encoding="utf-8") as out:
        out.write(json.dumps(line) + "\n")
