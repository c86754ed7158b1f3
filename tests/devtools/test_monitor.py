"""The load test's memory figures: RSS and PSS of a real process tree, and its own options."""

from __future__ import annotations

import os
import subprocess
import sys

from devtools.load_test import parse
from devtools.monitor import TreeMonitor, yield_threads

HOLD_200_MB = "import time; block = bytearray(200 * 2**20); block[::4096] = b'x' * 51200; " + (
    "print('ready', flush=True); time.sleep(30)"
)


def test_a_tree_that_holds_200_mb_is_seen_in_rss_and_pss() -> None:
    child = subprocess.Popen([sys.executable, "-c", HOLD_200_MB], stdout=subprocess.PIPE)
    try:
        assert child.stdout.readline().strip() == b"ready"
        monitor = TreeMonitor({"child": child.pid})
        monitor.sample()
    finally:
        child.kill()
        child.wait()
    assert monitor.peak_mb("child") >= 200
    # PSS shares the interpreter's libraries with other processes, so it is never above RSS,
    # and the private 200 MB are all in it.
    assert 200 <= monitor.peak_pss_mb("child") <= monitor.peak_mb("child")


THREADS = (
    "import threading, time; [threading.Thread(target=time.sleep, args=(30,), daemon=True)"
    ".start() for _ in range(3)]; print('ready', flush=True); time.sleep(30)"
)


def test_yielding_reaches_every_thread_of_a_process() -> None:
    child = subprocess.Popen([sys.executable, "-c", THREADS], stdout=subprocess.PIPE)
    try:
        assert child.stdout.readline().strip() == b"ready"
        yield_threads(child.pid)
        threads = [int(tid) for tid in os.listdir(f"/proc/{child.pid}/task")]
        nices = {os.getpriority(os.PRIO_PROCESS, tid) for tid in threads}
        policies = {os.sched_getscheduler(tid) for tid in threads}
    finally:
        child.kill()
        child.wait()
    assert len(threads) == 4
    assert (nices, policies) == ({19}, {os.SCHED_IDLE})


def test_yielding_an_ended_process_is_quiet() -> None:
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    yield_threads(child.pid)  # No error: the browsers come and go while it runs.


def test_the_browsers_compete_with_the_servers_unless_told() -> None:
    assert parse([]).laptops is False
    assert parse(["--laptops"]).laptops is True


GROW_200_MB = (
    "import sys; print('ready', flush=True); sys.stdin.readline(); "
    "block = bytearray(200 * 2**20); block[::4096] = b'x' * 51200; "
    "print('grown', flush=True); sys.stdin.readline()"
)


def test_the_first_reading_is_kept_apart_from_the_peak() -> None:
    """What a server held before its class, so that the load test can say what each student
    added."""
    child = subprocess.Popen(
        [sys.executable, "-c", GROW_200_MB], stdin=subprocess.PIPE, stdout=subprocess.PIPE
    )
    try:
        assert child.stdout.readline().strip() == b"ready"
        monitor = TreeMonitor({"child": child.pid})
        monitor.sample()
        child.stdin.write(b"\n")
        child.stdin.flush()
        assert child.stdout.readline().strip() == b"grown"
        monitor.sample()
    finally:
        child.kill()
        child.wait()
    assert 0 < monitor.first_mb("child") <= monitor.peak_mb("child") - 200
