"""The server's own time per answer, read from the log ui/frame/run_timer.py writes.

Sorts a load test's runs into strokes, Iris answers and pages opened; how a stroke is told
from the canvas's report after a Clear: docs/architecture.md, "Sorting the server's runs".
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

DRAW_PAGE, IRIS_PAGE, HOME_PAGE = "draw", "iris", ""
CANVAS, CLEAR = "draw_canvas", "draw_clear"


@dataclass
class ServerTimes:
    """Milliseconds from a request's arrival to the end of the run that answered it."""

    stroke_ms: list[float] = field(default_factory=list)
    iris_ms: list[float] = field(default_factory=list)
    page_ms: list[float] = field(default_factory=list)
    # The same answers' work: the script thread's CPU ms (the runs a newer request stopped
    # included), and the requests' bytes. What a client makes the server do, whatever else
    # the cores are busy with.
    stroke_cpu_ms: list[float] = field(default_factory=list)
    iris_cpu_ms: list[float] = field(default_factory=list)
    # Each stroke's run alone, as its script thread saw it (from the run's start, not the
    # request's arrival), and how long of it the thread was runnable but had no core
    # (run_delay): the rest of the run less its CPU is waiting for the interpreter's lock.
    stroke_run_ms: list[float] = field(default_factory=list)
    stroke_core_wait_ms: list[float] = field(default_factory=list)
    stroke_bytes: list[int] = field(default_factory=list)
    runs: int = 0
    failed_runs: int = 0  # Scripts that did not compile (a broken deployment).


@dataclass
class _Session:
    page: str | None = None
    after_clear: bool = False


def read_runs(path: Path) -> list[dict]:
    """The log's runs, in the order they ended; no file (no run logged) gives none."""
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text().splitlines() if line.strip()]


def server_times(runs: list[dict]) -> ServerTimes:
    """Sort the runs into strokes, Iris answers and pages opened, each with its time."""
    times = ServerTimes(runs=len(runs))
    sessions: dict[str, _Session] = {}
    for run in runs:
        session = sessions.setdefault(run["session"], _Session())
        if run["outcome"] != "success":
            times.failed_runs += 1
            continue
        ms = (run["end"] - run["arrival"]) * 1000
        if run["fragment"] and run["page"] == DRAW_PAGE:
            if CLEAR in run["triggers"]:
                session.after_clear = True
            elif CANVAS in run["changed"]:
                if not session.after_clear:
                    times.stroke_ms.append(ms)
                    _add_cpu(times.stroke_cpu_ms, run)
                    _add_cpu(times.stroke_core_wait_ms, run, "core_wait_ms")
                    _add_cpu(times.stroke_run_ms, run, "thread_ms")
                    times.stroke_bytes.append(run.get("bytes", 0))
                session.after_clear = False
        elif run["fragment"] and run["page"] == IRIS_PAGE:
            if run["changed"] and not run["triggers"]:
                times.iris_ms.append(ms)
                _add_cpu(times.iris_cpu_ms, run)
        elif not run["fragment"]:
            if run["page"] != session.page and run["page"] != HOME_PAGE:
                times.page_ms.append(ms)
            session.page = run["page"]
    return times


def _add_cpu(values: list[float], run: dict, name: str = "cpu_ms") -> None:
    if run.get(name) is not None:  # A server's very first run is not measured.
        values.append(run[name])


def merged(parts: list[ServerTimes]) -> ServerTimes:
    """All replicas' times together."""
    whole = ServerTimes()
    for part in parts:
        whole.stroke_ms += part.stroke_ms
        whole.iris_ms += part.iris_ms
        whole.page_ms += part.page_ms
        whole.stroke_cpu_ms += part.stroke_cpu_ms
        whole.iris_cpu_ms += part.iris_cpu_ms
        whole.stroke_core_wait_ms += part.stroke_core_wait_ms
        whole.stroke_run_ms += part.stroke_run_ms
        whole.stroke_bytes += part.stroke_bytes
        whole.runs += part.runs
        whole.failed_runs += part.failed_runs
    return whole
