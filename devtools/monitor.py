"""What the load test watches besides the pages: memory and CPU of each process tree.

A tree is a process with all its descendants: a Streamlit server with whatever it starts,
or the Ray head (`ray start --block`) with its GCS, raylet and worker processes. The browsers'
CPU is watched too, to say who the shared cores worked for.
"""

from __future__ import annotations

import threading

import psutil


class TreeMonitor(threading.Thread):
    """Samples, a few times a second, the resident memory of each named process tree (the sum
    over its processes) and keeps its peak, and the CPU seconds of each tree and of the
    browsers (the Chromium processes this process started)."""

    def __init__(self, roots: dict[str, int], period: float = 0.25) -> None:
        super().__init__(daemon=True)
        self.roots = {name: psutil.Process(pid) for name, pid in roots.items()}
        self.period = period
        self.peak_rss = dict.fromkeys(roots, 0)
        self.most_processes = dict.fromkeys(roots, 0)
        self.names: dict[str, set[str]] = {name: set() for name in roots}
        self._cpu: dict[str, dict[int, float]] = {name: {} for name in roots}
        self._browser_cpu: dict[int, float] = {}
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.is_set():
            self.sample()
            self._done.wait(self.period)

    def sample(self) -> None:
        for name, root in self.roots.items():
            processes = _tree(root)
            rss = 0
            for process in processes:
                try:
                    rss += process.memory_info().rss
                    self.names[name].add(process.name())
                except psutil.Error:
                    continue  # It ended between the listing and the reading.
            self.peak_rss[name] = max(self.peak_rss[name], rss)
            self.most_processes[name] = max(self.most_processes[name], len(processes))
            _add_cpu(self._cpu[name], processes)
        browsers = [p for p in _tree(psutil.Process()) if _is_browser(p)]
        _add_cpu(self._browser_cpu, browsers)

    def stop(self) -> None:
        """Take a last sample and end the thread."""
        self._done.set()
        if self.is_alive():
            self.join(timeout=5)
        self.sample()

    def peak_mb(self, name: str) -> int:
        return round(self.peak_rss[name] / 2**20)

    def cpu_seconds(self, name: str) -> float:
        return sum(self._cpu[name].values())

    def browser_cpu_seconds(self) -> float:
        return sum(self._browser_cpu.values())


def _tree(root: psutil.Process) -> list[psutil.Process]:
    try:
        return [root, *root.children(recursive=True)]
    except psutil.Error:
        return []  # The root has ended: nothing left to count.


def _is_browser(process: psutil.Process) -> bool:
    try:
        return "chrom" in process.name().lower()
    except psutil.Error:
        return False


def _add_cpu(seen: dict[int, float], processes: list[psutil.Process]) -> None:
    """Keep each process's latest CPU seconds (they only grow; ended ones keep their last)."""
    for process in processes:
        try:
            times = process.cpu_times()
        except psutil.Error:
            continue
        seen[process.pid] = max(seen.get(process.pid, 0.0), times.user + times.system)
