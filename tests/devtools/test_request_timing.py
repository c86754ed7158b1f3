"""The server-side timing hook (ui/frame/request_timing.py) on a real server, and off by default.

With WORKSHOP_TIMING_LOG set, a real `streamlit run app.py` logs one line per script run. A
real Chromium trains a small MNIST network on the MNIST page (5,000 examples), opens the Draw
page, clears the canvas and draws one stroke, the load test's own way (devtools/students.py):
the stroke must come back as exactly one timed run of the Draw page's fragment, inside the
browser's own window (after the mouse-up, before the answer showed), and quicker than it.
"""

from __future__ import annotations

import asyncio
import os
import subprocess
import sys
import time

import numpy as np
import pytest

from core.digits.strokes import stroke_points
from devtools.load_report import Report
from devtools.server import CHROMIUM, CHROMIUM_ARGS, free_port, start_server, stop_server
from devtools.server_times import read_runs, server_times
from devtools.students import PAGE_TIMEOUT, draw_stroke, fresh_canvas, idle, mnist, shown
from tests.conftest import ROOT
from tests.devtools.own_loop import run_async
from ui.frame.request_timing import ENV, time_requests_if_asked


def test_off_when_the_variable_is_unset(monkeypatch: pytest.MonkeyPatch) -> None:
    from streamlit.runtime.app_session import AppSession

    monkeypatch.delenv(ENV, raising=False)
    before = (AppSession.handle_backmsg, AppSession._handle_scriptrunner_event_on_event_loop)
    assert time_requests_if_asked() is False
    after = (AppSession.handle_backmsg, AppSession._handle_scriptrunner_event_on_event_loop)
    assert after == before  # Nothing wrapped: a teacher's server runs Streamlit's own code.


def test_a_students_server_does_not_import_the_instrumentation() -> None:
    """With the variable unset, app.py's call loads neither the wrappers nor the teacher checks."""
    code = (
        "import sys; from ui.frame.request_timing import time_requests_if_asked; "
        "assert time_requests_if_asked() is False; "
        "print(sorted(m for m in sys.modules if m.startswith(('ui.', 'core.'))))"
    )
    env = {k: v for k, v in os.environ.items() if k != ENV}
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == "['ui.frame', 'ui.frame.request_timing']"


async def _train_then_draw_one_stroke(url: str) -> tuple[float, float, float]:
    """Train on the MNIST page, draw one stroke on the Draw page; the times of the mouse-up,
    of the answer showing, and of the page being idle again (its run over)."""
    from playwright.async_api import async_playwright

    async with async_playwright() as playwright:
        browser = await playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            context = await browser.new_context(viewport={"width": 1400, "height": 1000})
            page = await context.new_page()
            page.set_default_timeout(PAGE_TIMEOUT * 1000)
            await page.goto(url)
            await idle(page, PAGE_TIMEOUT)
            report = Report()
            await mnist(page, report, 0, train_steps_right=0)  # 5,000 examples.
            await page.get_by_role("link", name="Draw a digit").first.click()
            await page.get_by_role("heading", name="Draw a digit").first.wait_for()
            await idle(page, PAGE_TIMEOUT)
            await fresh_canvas(page)
            await asyncio.sleep(1.0)
            rng = np.random.default_rng(0)
            strokes = stroke_points(0, rng, 280)
            while len(strokes) != 1:  # A zero in one stroke: one mouse-up, one request.
                strokes = stroke_points(0, rng, 280)
            lifted_perf = await draw_stroke(page, strokes[0])
            lifted = time.time() - (time.perf_counter() - lifted_perf)
            await shown(page, ".st-key-prediction", 60)
            answered = time.time()
            await idle(page, 60)
            settled = time.time()
            assert report.trained == 1 and not report.errors
            return lifted, answered, settled
        finally:
            await browser.close()


@pytest.mark.browser
def test_one_stroke_is_one_timed_fragment_run(tmp_path) -> None:
    log = tmp_path / "timing.jsonl"
    port = free_port()
    server = start_server(port, {ENV: str(log), "WORKSHOP_RAY_ADDRESS": None})
    try:
        lifted, answered, settled = run_async(
            _train_then_draw_one_stroke(f"http://127.0.0.1:{port}")
        )
    finally:
        stop_server(server)
    runs = read_runs(log)
    print(*runs, sep="\n")  # Shown with -s, and in the log on failure.

    times = server_times(runs)
    assert len(times.stroke_ms) == 1
    assert len(times.page_ms) >= 2  # The MNIST page and the Draw page.
    draws = [r for r in runs if r["page"] == "draw" and r["fragment"]]
    stroke = draws[-1]  # Clear, the blank canvas's report, then the stroke.
    assert [r["triggers"] for r in draws] == [["draw_clear"], [], []]
    assert stroke["changed"] == ["draw_canvas"] and stroke["requests"] == 1
    # Inside the browser's window: sent after the mouse-up (the canvas waits 200 ms), started
    # before the answer showed (the answer streams out while the run goes on), over before
    # the page was idle again; and the server's part is a fraction of the student's wait.
    assert lifted < stroke["arrival"] <= stroke["start"] < answered
    assert stroke["start"] <= stroke["end"] < settled
    server_ms, browser_ms = times.stroke_ms[0], (answered - lifted) * 1000
    assert 0 < server_ms < (settled - lifted) * 1000 - 150
    # The run's own CPU, within its time; the request carries the canvas's PNG.
    assert 0 < stroke["cpu_ms"] <= server_ms + 1 and stroke["bytes"] > 1000
    # Its time without a core, within what the run took besides its CPU, within the answer.
    assert 0 <= stroke["core_wait_ms"] <= stroke["thread_ms"] - stroke["cpu_ms"] + 1
    assert stroke["thread_ms"] <= server_ms + 1
    assert times.stroke_run_ms == [stroke["thread_ms"]]
    assert times.stroke_core_wait_ms == [stroke["core_wait_ms"]]
    print(f"stroke: server {server_ms:.1f} ms, browser {browser_ms:.0f} ms")
