"""What the load test watches besides the pages: the server's memory, and CPU per side."""

from __future__ import annotations

import threading
import time

import psutil


class RssMonitor(threading.Thread):
    """Samples the server's resident memory (with its children) a few times a second, and the
    CPU time of the server and of the browsers, to say who the two cores worked for."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.process = psutil.Process(pid)
        self.peak = 0
        self.server_cpu: dict[int, float] = {}
        self.browser_cpu: dict[int, float] = {}
        self.running = True

    def run(self) -> None:
        while self.running:
            try:
                server = [self.process, *self.process.children(recursive=True)]
                self.peak = max(self.peak, sum(p.memory_info().rss for p in server))
                _add_cpu(self.server_cpu, server)
                browsers = [
                    p
                    for p in psutil.Process().children(recursive=True)
                    if "chrom" in p.name().lower()
                ]
                _add_cpu(self.browser_cpu, browsers)
            except psutil.Error:
                pass
            time.sleep(0.25)


def _add_cpu(seen: dict[int, float], processes: list[psutil.Process]) -> None:
    """Keep each process's latest CPU seconds (they only grow; ended ones keep their last)."""
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        seen[process.pid] = max(seen.get(process.pid, 0.0), times.user + times.system)
