"""Start and stop a real `streamlit run app.py` on a free loopback port.

Used by the browser tests, the load test and the benchmark, so they all run the app the
way a teacher does.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
# Without the background-networking flags Chromium keeps dialling Google's hosts, which
# these machines refuse; the sandbox does not work as root.
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def streamlit_command(port: int) -> list[str]:
    """The command a teacher runs, headless, on 127.0.0.1:port, with no file watcher."""
    return [
        sys.executable, "-m", "streamlit", "run", "app.py",
        "--server.headless", "true",
        "--server.port", str(port),
        "--server.address", "127.0.0.1",
        "--server.fileWatcherType", "none",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip


def start_server(
    port: int, extra_env: dict[str, str | None] | None = None, timeout: float = 60
) -> subprocess.Popen:
    """Start `streamlit run app.py` on 127.0.0.1:port and wait until its health check answers.

    `extra_env` adds variables to this process's environment; a value of None removes one.
    """
    env = {**os.environ, **(extra_env or {})}
    env = {name: value for name, value in env.items() if value is not None}
    command = streamlit_command(port)
    process = subprocess.Popen(
        command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return process
        except OSError:
            time.sleep(0.2)
    stop_server(process)
    raise RuntimeError(f"streamlit did not become healthy within {timeout:.0f} s")


def stop_server(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)
