"""Run one measurement in a subprocess, bounded by a timeout, with its peak RSS from the OS.

A measurement is a module `devtools.bench.<name>` whose `main()` returns a dict; `child_main`
writes it as JSON to the file named by `--out`. The parent waits with `os.wait4`, which
returns the child's own resource usage (peak RSS, CPU seconds), exact and per process,
unlike `getrusage(RUSAGE_CHILDREN)`, which only keeps the largest child so far.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
POLL_S = 0.1


@dataclass
class ChildResult:
    """What one subprocess measured, or why it did not."""

    name: str
    status: str  # "ok", "failed" or "timed out".
    data: dict = field(default_factory=dict)
    peak_rss_mb: float = 0.0
    cpu_seconds: float = 0.0
    wall_seconds: float = 0.0
    error: str = ""

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def why(self) -> str:
        """One line for the table: what went wrong."""
        return f"{self.status}: {self.error}" if self.error else self.status


def _last_line(path: Path) -> str:
    """The last meaningful stderr line, usually the exception, shortened for a table cell."""
    try:
        lines = [ln.strip() for ln in path.read_text(errors="replace").splitlines() if ln.strip()]
    except OSError:
        return ""
    return lines[-1][:160] if lines else ""


def run_child(
    module: str, args: list[str], timeout: float, name: str = "", env: dict | None = None
) -> ChildResult:
    """Run `python -m devtools.bench.<module> ARGS --out FILE` and collect its result.

    The child leads its own process group, so a timeout kills it and anything it started
    (the Streamlit server, Chromium) with one signal to that group.
    """
    name = name or module
    with tempfile.TemporaryDirectory(prefix="bench-") as tmp:
        out, log = Path(tmp, "result.json"), Path(tmp, "stderr.txt")
        command = [sys.executable, "-m", f"devtools.bench.{module}", *args, "--out", str(out)]
        # Both sides' TensorFlow threads at the same priority: the app lowers its own to
        # nice 10 for a classroom server (WORKSHOP_TF_NICE), which on a host shared with
        # other work would measure the other work, not the training.
        child_env = {
            **os.environ,
            "TF_CPP_MIN_LOG_LEVEL": "2",
            "WORKSHOP_TF_NICE": "0",
            **(env or {}),
        }
        started = time.perf_counter()
        with open(log, "wb") as err:
            process = subprocess.Popen(
                command,
                cwd=ROOT,
                env=child_env,
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=err,
                start_new_session=True,
            )
            status, usage, timed_out = _wait(process, started + timeout)
        wall = time.perf_counter() - started
        result = ChildResult(name=name, status="ok", wall_seconds=wall)
        if usage is not None:
            result.peak_rss_mb = usage.ru_maxrss / 1024  # Linux reports kilobytes.
            result.cpu_seconds = usage.ru_utime + usage.ru_stime
        if timed_out:
            result.status, result.error = "timed out", f"killed after {timeout:.0f} s"
        elif status != 0:
            result.status = "failed"
            result.error = _last_line(log) or f"exit code {status}"
        else:
            try:
                result.data = json.loads(out.read_text())
            except (OSError, ValueError) as error:
                result.status, result.error = "failed", f"no result ({error})"
        return result


def _wait(process: subprocess.Popen, deadline: float) -> tuple[int, object, bool]:
    """Reap the child with `wait4` (for its rusage); kill its group at the deadline."""
    timed_out = False
    try:
        while True:
            pid, status, usage = os.wait4(process.pid, os.WNOHANG)
            if pid:
                process.returncode = os.waitstatus_to_exitcode(status)
                return process.returncode, usage, timed_out
            if time.perf_counter() > deadline and not timed_out:
                timed_out = True
                _kill_group(process.pid)
            time.sleep(POLL_S)
    except BaseException:  # Ctrl-C in the parent: leave no measurement running behind.
        _kill_group(process.pid)
        raise


def _kill_group(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):  # It ended just now.
        os.killpg(pid, signal.SIGKILL)


def child_main(measure: Callable[[argparse.Namespace], dict], parser: argparse.ArgumentParser):
    """The child's side: parse arguments, measure, write the result where the parent looks."""
    parser.add_argument("--out", required=True, help="where to write the result as JSON")
    args = parser.parse_args()
    result = measure(args)
    Path(args.out).write_text(json.dumps(result))


def progress(message: str) -> None:
    """Progress goes to stderr, so stdout stays the table (or the JSON)."""
    print(f"[bench {time.strftime('%H:%M:%S')}] {message}", file=sys.stderr, flush=True)
