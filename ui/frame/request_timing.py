"""Times the server's answers for the load test, only when WORKSHOP_TIMING_LOG names a file.

Unset (a student's server), this reads one variable and imports nothing else; set, it loads
the instrumentation (ui/frame/run_timer.py) once. app.py calls it on every run.
"""

from __future__ import annotations

import os

ENV = "WORKSHOP_TIMING_LOG"


def time_requests_if_asked() -> bool:
    """Start timing if WORKSHOP_TIMING_LOG is set to a usable file; True if timing is on."""
    path = os.environ.get(ENV)
    if not path:
        return False
    from core.engine.jobs.teacher_settings import setting_problem

    if setting_problem(ENV) is not None:  # The page says why it is off.
        return False
    from ui.frame.run_timer import start_timing

    return start_timing(path)
