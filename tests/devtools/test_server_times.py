"""Sorting the timing log's runs into strokes, Iris answers and pages opened.

The lines are shaped as ui/frame/run_timer.py writes them on a real server (see
tests/devtools/test_request_timing.py); two students' runs interleave, as in a load test.
"""

from __future__ import annotations

import json

from devtools.server_times import read_runs, server_times


def _run(session: str, page: str, at: float, ms: float, **fields) -> dict:
    line = {"session": session, "page": page, "fragment": False, "triggers": [], "changed": []}
    line |= {"requests": 1, "arrival": at, "start": at + 0.001, "end": at + ms / 1000}
    return line | {"outcome": "success"} | fields


def test_strokes_iris_answers_and_pages_are_told_apart(tmp_path) -> None:
    clear = {"fragment": True, "triggers": ["draw_clear"]}
    canvas = {"fragment": True, "changed": ["draw_canvas"]}
    runs = [
        _run("a", "", 0.0, 300),  # Landing on the home page: not a page a student opened.
        _run("b", "", 0.1, 320),
        _run("a", "iris", 1.0, 400),
        _run("a", "iris", 2.0, 9, fragment=True, changed=["iris_petal_length"], cpu_ms=3.0),
        _run("b", "draw", 2.5, 500),
        _run("b", "draw", 3.0, 5, **clear),
        _run("a", "iris", 3.05, 12, fragment=True, changed=["iris_petal_length"]),
        _run("b", "draw", 3.1, 2, **canvas),  # The blank canvas's report after Clear.
        _run("b", "draw", 4.5, 20, **canvas, cpu_ms=7.5, bytes=9000),  # The stroke.
        _run("b", "draw", 5.0, 6, **clear),
        _run("b", "draw", 5.1, 3, **canvas),
        _run("b", "draw", 6.5, 30, **canvas, requests=2, cpu_ms=None, bytes=18000),
        _run("a", "iris", 7.0, 50, triggers=["iris_train"]),  # A click: the same page.
        _run("a", "mnist", 8.0, 700),
        _run("b", "draw", 9.0, 1, outcome="error"),
    ]
    log = tmp_path / "timing.jsonl"
    log.write_text("".join(json.dumps(run) + "\n" for run in runs))

    times = server_times(read_runs(log))
    assert [round(ms) for ms in times.stroke_ms] == [20, 30]
    assert [round(ms) for ms in times.iris_ms] == [9, 12]
    assert [round(ms) for ms in times.page_ms] == [400, 500, 700]
    assert times.runs == len(runs) and times.failed_runs == 1
    # The work behind them: CPU where the server could measure it, and the requests' size.
    assert times.stroke_cpu_ms == [7.5] and times.iris_cpu_ms == [3.0]
    assert times.stroke_bytes == [9000, 18000]


def test_a_server_that_logged_nothing_has_no_times(tmp_path) -> None:
    times = server_times(read_runs(tmp_path / "never-written.jsonl"))
    assert times.runs == 0 and times.stroke_ms == [] and times.page_ms == []
