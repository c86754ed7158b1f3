"""A server killed with SIGKILL in the middle of saving: the store still opens, and every run
the dead process had seen committed is there, byte for byte (each save is one transaction)."""

from __future__ import annotations

import hashlib
import json
import os
import signal
import subprocess
import sys
import textwrap
import time

import pytest

from core.engine.store import new_student_id, open_store
from tests.conftest import ROOT

CHILD = textwrap.dedent(
    """
    import hashlib, json, os, sys
    from core.engine.store import open_store

    store = open_store(json.loads(sys.argv[1]), retry_s=0.2)
    student = sys.argv[2]
    i = 0
    while True:
        payload = str(i).encode().ljust(16) + os.urandom(1_000_000)
        print("saving", i, flush=True)
        store.add_run(student, "mnist", payload)
        if store.flush(timeout=30.0):  # Committed: say so, then save the next one.
            print("saved", i, hashlib.sha256(payload).hexdigest(), flush=True)
        i += 1
    """
)


@pytest.mark.slow
def test_a_process_killed_while_saving_leaves_every_committed_run(backend_environ) -> None:
    environ = {**backend_environ, "WORKSHOP_KEEP_RUNS": "1000", "WORKSHOP_STUDENT_MB": "1000"}
    student = new_student_id()
    child = subprocess.Popen(
        [sys.executable, "-c", CHILD, json.dumps(environ), student],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
    )
    committed: dict[int, str] = {}
    try:
        while True:
            line = child.stdout.readline()
            assert line, "the child stopped before saving enough"
            what, number, *digest = line.split()
            if what == "saved":
                committed[int(number)] = digest[0]
            elif len(committed) >= 12:
                break  # The child is saving its next run now.
        time.sleep(0.005)  # Into that save: a megabyte on its way to the database.
        child.send_signal(signal.SIGKILL)
    finally:
        child.kill()
        child.wait(timeout=30)
    store = open_store(environ)
    try:
        kept = {int(run.payload[:16]): run.payload for run in store.runs(student, "mnist")}
        assert store.problem is None
        for number, digest in committed.items():
            assert hashlib.sha256(kept[number]).hexdigest() == digest
        # A save the kill interrupted is there whole or not at all.
        assert set(kept) - set(committed) <= {max(committed) + 1}
        assert all(len(payload) == 1_000_016 for payload in kept.values())
        store.put(student, "after", b"the store still takes writes")
        assert store.flush()
    finally:
        store.close()
