"""A throwaway local Ray head for tests and benchmarks: its own port, its own temp folder.

`ray stop` stops every Ray process of the machine, including other people's; this head is
started in the foreground (`ray start --block`) and stopped by signalling that process,
then any of its processes still alive (found by its temp folder) are killed by id.

On these machines Ray must run in a network namespace with only loopback (`unshare --net`,
then `ip link set lo up`): it reaches its own head through the machine's interface address
otherwise (ray-project/ray#59110), and traffic may only go to loopback. `.ci/run` runs the
tests that way; a laptop with a normal network needs nothing.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import socket
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

START_TIMEOUT_S = 60.0


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@dataclass
class RayHead:
    """A running head: `address` to connect to; `stop()` ends it and everything it started."""

    address: str
    process: subprocess.Popen
    temp_dir: Path

    def processes(self) -> list[psutil.Process]:
        """Every live process that belongs to this head (its temp folder is in their command)."""
        mine = []
        for process in psutil.process_iter(["cmdline"]):
            try:
                if any(str(self.temp_dir) in part for part in process.info["cmdline"] or ()):
                    mine.append(process)
            except (psutil.NoSuchProcess, psutil.AccessDenied):
                continue
        return mine

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
        for process in self.processes():  # Anything the head left behind: workers, actors.
            with contextlib.suppress(psutil.NoSuchProcess):
                process.kill()
        shutil.rmtree(self.temp_dir, ignore_errors=True)


def start_head(num_cpus: int = 2, env: dict[str, str] | None = None) -> RayHead:
    """Start a head on 127.0.0.1 and return once a TCP connection to it succeeds."""
    port = free_port()
    # Ray's socket paths must stay under ~100 characters: a short folder under /tmp.
    temp_dir = Path(tempfile.mkdtemp(prefix="ray-", dir="/tmp"))
    command = [
        "ray",
        "start",
        "--head",
        "--block",
        "--node-ip-address=127.0.0.1",
        f"--port={port}",
        f"--num-cpus={num_cpus}",
        "--include-dashboard=false",
        "--disable-usage-stats",
        f"--temp-dir={temp_dir}",
    ]
    log = open(temp_dir / "head.log", "wb")  # noqa: SIM115 - the head writes it while it runs.
    process = subprocess.Popen(
        command,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, **(env or {})},
        start_new_session=True,
    )
    head = RayHead(f"127.0.0.1:{port}", process, temp_dir)
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            text = (temp_dir / "head.log").read_text(errors="replace")[-2000:]
            head.stop()
            raise RuntimeError(f"ray start failed:\n{text}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1):
                return head
        except OSError:
            time.sleep(0.2)
    head.stop()
    raise RuntimeError(f"the Ray head did not answer within {START_TIMEOUT_S:.0f} s")
