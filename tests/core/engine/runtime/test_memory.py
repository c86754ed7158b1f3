"""Freed memory goes back to the system, and a worker's imports are kept out of later
collections while the garbage made after them is still collected."""

from __future__ import annotations

import json
import subprocess
import sys

from core.engine.runtime.memory import release_memory
from tests.conftest import ROOT

FROZEN = """
import gc, json, weakref
from core.engine.runtime.memory import keep_for_life

class Node:
    pass

def garbage():
    a, b = Node(), Node()
    a.other, b.other = b, a  # A cycle: only the collector frees it.
    return weakref.ref(a)

before = garbage()
kept = Node()
keep_for_life()
before_collected = before() is None
after = garbage()
gc.collect()
print(json.dumps({
    "before_collected": before_collected,
    "after_collected": after() is None,
    "frozen": gc.get_freeze_count(),
    "kept_frozen": not gc.is_tracked(kept) or kept not in gc.get_objects(),
}))
"""


def test_keep_for_life_collects_first_then_leaves_out_only_what_was_there() -> None:
    """Run in a process of its own: freezing lasts for the life of the process."""
    done = subprocess.run(
        [sys.executable, "-c", FROZEN], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr[-2000:]
    found = json.loads(done.stdout.strip().splitlines()[-1])
    assert found["before_collected"]  # Garbage of the warm-up is not frozen forever.
    assert found["frozen"] > 1000  # The interpreter's and the imports' objects.
    assert found["kept_frozen"]  # Out of the collector's lists: full collections skip it.
    assert found["after_collected"]  # A training's garbage is still collected.


def test_release_memory_trims_the_heap_where_glibc_runs() -> None:
    assert release_memory()  # Debian's glibc, as on Streamlit Community Cloud.
