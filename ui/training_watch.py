"""A page watching its training job: draw each new snapshot; stop the job if interrupted.

In Streamlit any click (Stop, another widget, another page) ends the running script at its
next `st.*` call: here, inside the loop below. The `finally` then stops the training, which
ends after its current batch and tests what it has; the page's next run collects the result
from the session state (ui/session.py).
"""

from __future__ import annotations

import time
from collections.abc import Callable

from core.engine.jobs.base import TrainingJob
from core.engine.progress import Progress


def watch(job: TrainingJob, draw: Callable[[Progress], None], interval_s: float) -> Progress:
    """Call `draw` with each new snapshot until the job ends; return the last snapshot."""
    shown: Progress | None = None
    ended = False
    try:
        while True:
            finished = job.done()
            snapshot = job.progress()
            if snapshot is not shown:
                draw(snapshot)
                shown = snapshot
            if finished:
                ended = True
                return snapshot
            time.sleep(interval_s)
    finally:
        if not ended:
            job.stop()  # The script was interrupted: a click, a page change, a closed tab.
