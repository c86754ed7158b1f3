"""A local Ray head for a load test or a test: started, measured, stopped by its own id.

    python -m devtools.ray_head          # start one, run a task on it, report, stop it

Never `ray stop` (it ends other people's Ray too); why the head runs in the foreground:
docs/architecture.md, "A local Ray head".
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

from devtools.server import ROOT, free_port

READY = "Ray runtime started"


class RayHead:
    """One `ray start --head --block` process on 127.0.0.1, and its temp dir."""

    def __init__(self, cpus: int, memory_bytes: int = 0) -> None:
        """`memory_bytes`: the memory the head offers its tasks (0: what Ray detects)."""
        self.cpus, self.memory_bytes = cpus, memory_bytes
        self.port = free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="ray-lt-", dir="/tmp"))  # Short: socket paths.
        self.output = self.folder / "ray-start.log"
        self.process: subprocess.Popen | None = None
        self.ready_seconds = 0.0

    @property
    def address(self) -> str:
        """What a driver passes to `ray.init` (and the servers get as WORKSHOP_RAY_ADDRESS)."""
        return f"127.0.0.1:{self.port}"

    @property
    def pid(self) -> int:
        assert self.process is not None, "the head has not been started"
        return self.process.pid

    def command(self) -> list[str]:
        return [
            sys.executable, "-m", "ray.scripts.scripts", "start", "--head", "--block",
            "--node-ip-address=127.0.0.1", f"--port={self.port}", f"--num-cpus={self.cpus}",
            "--include-dashboard=false", "--disable-usage-stats",
            f"--temp-dir={self.folder / 'ray'}",
            *([f"--memory={self.memory_bytes}"] if self.memory_bytes else []),
        ]  # fmt: skip

    def start(self, timeout: float = 120) -> RayHead:
        """Start the head and wait until it says it runs; RuntimeError with its last words
        if it exits or takes longer than `timeout` seconds."""
        started = time.perf_counter()
        # Workers import the app's code (core/) and read MNIST_DIR, like the servers.
        path = os.pathsep.join(p for p in (str(ROOT), os.environ.get("PYTHONPATH")) if p)
        with self.output.open("wb") as out:
            self.process = subprocess.Popen(
                self.command(),
                cwd=ROOT,
                env={**os.environ, "PYTHONPATH": path},
                stdout=out,
                stderr=subprocess.STDOUT,
            )
        deadline = time.monotonic() + timeout
        while READY not in self.output.read_text(errors="replace"):
            if self.process.poll() is not None or time.monotonic() > deadline:
                said = self.output.read_text(errors="replace")[-1500:]
                self.stop()
                raise RuntimeError(f"the Ray head did not start within {timeout:.0f} s:\n{said}")
            time.sleep(0.2)
        self.ready_seconds = time.perf_counter() - started
        return self

    def processes(self) -> list[psutil.Process]:
        """The head's process and all its descendants, as they are now."""
        try:
            root = psutil.Process(self.pid)
            return [root, *root.children(recursive=True)]
        except psutil.Error:
            return []

    def stop(self, timeout: float = 40) -> list[int]:
        """Stop the head (SIGTERM: Ray drains, then ends its processes), kill what is left of
        its tree after `timeout` seconds, remove its temp dir; the pids that had to be killed."""
        if self.process is None:
            shutil.rmtree(self.folder, ignore_errors=True)
            return []
        tree = self.processes()
        if self.process.poll() is None:
            self.process.terminate()
        _, alive = psutil.wait_procs(tree, timeout=timeout)
        for process in alive:
            with contextlib.suppress(psutil.Error):
                process.kill()
        psutil.wait_procs(alive, timeout=10)
        self.process.wait(timeout=10)
        shutil.rmtree(self.folder, ignore_errors=True)
        return [process.pid for process in alive]


def _one_task(address: str) -> int:
    """Connect to the head as a driver and run one task on it: the head really works."""
    import ray

    ray.init(address=address, logging_level="ERROR", log_to_driver=False)
    try:

        @ray.remote(num_cpus=1)
        def square(x: int) -> int:
            return x * x

        return ray.get(square.remote(7), timeout=120)
    finally:
        ray.shutdown()


def main(argv: list[str] | None = None) -> int:
    """Start a head, run one task on it while sampling its tree, stop it, print JSON."""
    from devtools.loopback import LoopbackError, run_inside_loopback_namespace
    from devtools.monitor import TreeMonitor

    argv = sys.argv[1:] if argv is None else argv
    try:
        run_inside_loopback_namespace("devtools.ray_head", argv)
    except LoopbackError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    head = RayHead(cpus=os.cpu_count() or 1).start()
    try:
        monitor = TreeMonitor({"ray": head.pid})
        monitor.start()
        answer = _one_task(head.address)
        monitor.stop()
        pids = [process.pid for process in head.processes()]
    finally:
        stopping = time.perf_counter()
        killed = head.stop()
    left = [pid for pid in pids if psutil.pid_exists(pid)]
    report = {
        "address": head.address,
        "ready_seconds": round(head.ready_seconds, 1),
        "task_answer": answer,
        "ray_peak_rss_mb": monitor.peak_mb("ray"),
        "ray_peak_pss_mb": monitor.peak_pss_mb("ray"),
        "ray_cpu_seconds": round(monitor.cpu_seconds("ray"), 1),
        "ray_processes_peak": monitor.most_processes["ray"],
        "process_names": sorted(monitor.names["ray"]),
        "stop_seconds": round(time.perf_counter() - stopping, 1),
        "killed_after_timeout": len(killed),
        "processes_left": len(left),
    }
    print(json.dumps(report))
    return 0


if __name__ == "__main__":
    sys.exit(main())
