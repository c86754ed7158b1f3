"""A training worker ends with its server, even while it is still warming up.

Its warm-up (TensorFlow, MNIST, perhaps `auto`'s trial) reads no message, so a server that
stopped meanwhile would leave it working for nobody on the cores the next server needs.
Here a stand-in server starts a real worker, hands it a warm-up that would last two minutes,
and exits.
"""

from __future__ import annotations

import subprocess
import sys
import time

import psutil

from core.engine.jobs.worker_handle import ROOT

SERVER = """
import os, socket, subprocess, sys, time
from functools import partial
from multiprocessing.connection import Connection

parent, child = socket.socketpair()
worker = subprocess.Popen(
    [sys.executable, "-m", "core.engine.jobs.worker_process", str(child.fileno()),
     str(os.getpid())],
    pass_fds=(child.fileno(),),
    stdout=subprocess.DEVNULL,  # Not this script's pipes, which the test reads to their end.
    stderr=subprocess.DEVNULL,
)
Connection(parent.detach()).send(("warm_up", (partial(time.sleep, 120),)))
print(worker.pid, flush=True)
time.sleep(3)  # The worker is past its imports and in its warm-up.
"""  # Then this stand-in server exits: its process ends, its socket stays open in no one.


def _gone(pid: int) -> bool:
    try:
        return psutil.Process(pid).status() == psutil.STATUS_ZOMBIE
    except psutil.NoSuchProcess:
        return True


def test_a_worker_warming_up_ends_when_its_server_does() -> None:
    server = subprocess.run(
        [sys.executable, "-c", SERVER], cwd=ROOT, capture_output=True, text=True, timeout=60
    )
    worker = int(server.stdout.split()[0])
    try:
        deadline = time.monotonic() + 30
        while not _gone(worker) and time.monotonic() < deadline:
            time.sleep(0.2)
        assert _gone(worker), "the worker went on warming up for a server that had ended"
    finally:
        if not _gone(worker):
            psutil.Process(worker).kill()
