"""What the load test watches besides the pages: memory and CPU of each process tree.

A tree is a process with all its descendants: a Streamlit server with whatever it starts,
or the Ray head (`ray start --block`) with its GCS, raylet and worker processes. The browsers'
CPU is watched too, to say who the shared cores worked for.
"""

from __future__ import annotations

import contextlib
import os
import threading

import psutil

from core.engine.runtime.priority import set_thread_priority


class TreeMonitor(threading.Thread):
    """Samples, a few times a second, the resident memory of each named process tree (the sum
    over its processes) and keeps its peak, and the CPU seconds of each tree and of the
    browsers (the Chromium processes this process started).

    Memory is kept two ways: RSS, which counts a shared library once in every process that
    maps it (so twenty Ray workers that each loaded TensorFlow count its 400 MB of code twenty
    times), and PSS, which splits each shared page among the processes that share it, so the
    sum is what the tree really occupies. PSS costs a walk over every mapping of a process
    (a few milliseconds for one that loaded TensorFlow), so it is read every `pss_every`-th
    sample only: a monitor that read it four times a second from twenty Ray workers took a
    fifth of a core from the machine it measures.

    `laptops=True` moves every thread of the browsers to nice 19 under SCHED_IDLE at each
    sample: the browsers stand for the students' own laptops, so they should take only what
    the servers and Ray leave. (Chromium sets its own threads' priorities, to nice 0 for a
    page and -8 for its display threads when it may, so what it was started with does not
    last.)"""

    def __init__(
        self,
        roots: dict[str, int],
        period: float = 0.25,
        pss_every: int = 8,
        laptops: bool = False,
    ) -> None:
        super().__init__(daemon=True)
        self.roots = {name: psutil.Process(pid) for name, pid in roots.items()}
        self.period = period
        self.pss_every = pss_every
        self.laptops = laptops
        self._samples = 0
        self.peak_rss = dict.fromkeys(roots, 0)
        self.peak_pss = dict.fromkeys(roots, 0)
        self.first_rss: dict[str, int] = {}  # Each tree's first reading: before the class.
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
        with_pss = self._samples % self.pss_every == 0
        self._samples += 1
        for name, root in self.roots.items():
            processes = _tree(root)
            rss = pss = 0
            for process in processes:
                try:
                    if with_pss:
                        memory = process.memory_full_info()
                        pss += memory.pss
                    else:
                        memory = process.memory_info()
                    rss += memory.rss
                    self.names[name].add(process.name())
                except psutil.Error:
                    continue  # It ended between the listing and the reading.
            self.first_rss.setdefault(name, rss)
            self.peak_rss[name] = max(self.peak_rss[name], rss)
            self.peak_pss[name] = max(self.peak_pss[name], pss)
            self.most_processes[name] = max(self.most_processes[name], len(processes))
            _add_cpu(self._cpu[name], processes)
        browsers = [p for p in _tree(psutil.Process()) if _is_browser(p)]
        _add_cpu(self._browser_cpu, browsers)
        if self.laptops:
            for browser in browsers:
                yield_threads(browser.pid)

    def stop(self) -> None:
        """Take a last sample and end the thread."""
        self._done.set()
        if self.is_alive():
            self.join(timeout=5)
        self.sample()

    def peak_mb(self, name: str) -> int:
        return round(self.peak_rss[name] / 2**20)

    def first_mb(self, name: str) -> int:
        return round(self.first_rss.get(name, 0) / 2**20)

    def peak_pss_mb(self, name: str) -> int:
        return round(self.peak_pss[name] / 2**20)

    def cpu_seconds(self, name: str) -> float:
        return sum(self._cpu[name].values())

    def browser_cpu_seconds(self) -> float:
        return sum(self._browser_cpu.values())


def yield_threads(pid: int) -> None:
    """Every thread of a process at nice 19 under SCHED_IDLE."""
    try:
        threads = [int(tid) for tid in os.listdir(f"/proc/{pid}/task")]
    except OSError:
        return  # It has ended.
    for tid in threads:
        with contextlib.suppress(OSError):  # The thread ended.
            if os.sched_getscheduler(tid) != os.SCHED_IDLE:
                set_thread_priority(tid, 19, idle=True)


def yield_calling_thread() -> None:
    """This thread, and those it starts from now on, at nice 19 under SCHED_IDLE."""
    set_thread_priority(0, 19, idle=True)


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
