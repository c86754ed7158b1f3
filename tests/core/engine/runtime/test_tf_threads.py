"""TensorFlow's compute threads run at low priority; the threads students wait on do not."""

from __future__ import annotations

import ast
import json
import os
import subprocess
import sys
import threading
from pathlib import Path

from core.engine.runtime.priority import IDLE_VARIABLE, lower_calling_thread
from core.engine.runtime.tf_threads import NICE, NICE_VARIABLE
from tests.conftest import ROOT

PROBE = """
import json, threading
from core.mnist.config import MnistConfig
from core.mnist.model import build_mnist_model
from core.engine.runtime.priority import thread_policies
model = build_mnist_model(MnistConfig(filters=(4, 4)))
model.fit(__import__("numpy").zeros((64, 28, 28, 1)), __import__("numpy").zeros(64), verbose=0)
values = thread_policies()
print(json.dumps({"main": values[threading.get_native_id()], "all": list(values.values())}))
"""


def test_tensorflow_threads_are_lowered_and_the_main_thread_is_not() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    values = json.loads(done.stdout.strip().splitlines()[-1])
    assert values["main"] == [0, os.SCHED_OTHER]
    # TensorFlow's inter-op and intra-op pools: at least one thread per core of this machine,
    # at nice 10 and under SCHED_IDLE.
    assert values["all"].count([NICE, os.SCHED_IDLE]) >= 2


def _in_a_new_thread(action) -> tuple[int, int]:
    """(nice, policy) of a fresh thread after `action` ran in it."""
    seen = []

    def run() -> None:
        action()
        seen.append((os.getpriority(os.PRIO_PROCESS, threading.get_native_id()), _policy()))

    thread = threading.Thread(target=run)
    thread.start()
    thread.join()
    return seen[0]


def _policy() -> int:
    return os.sched_getscheduler(0)


def test_a_lowered_thread_is_niced_and_idle_unless_told_otherwise(monkeypatch) -> None:
    monkeypatch.delenv(NICE_VARIABLE, raising=False)
    monkeypatch.delenv(IDLE_VARIABLE, raising=False)
    assert _in_a_new_thread(lower_calling_thread) == (NICE, os.SCHED_IDLE)
    monkeypatch.setenv(IDLE_VARIABLE, "0")  # Nice only.
    assert _in_a_new_thread(lower_calling_thread) == (NICE, os.SCHED_OTHER)
    monkeypatch.delenv(IDLE_VARIABLE)
    monkeypatch.setenv(NICE_VARIABLE, "0")  # The benchmark's setting: normal priority.
    assert _in_a_new_thread(lower_calling_thread) == (0, os.SCHED_OTHER)
    # The thread that called it, and so the page's threads, keep their priority.
    assert (os.getpriority(os.PRIO_PROCESS, threading.get_native_id()), _policy()) == (
        0,
        os.SCHED_OTHER,
    )


def _imports(path: Path) -> list[str]:
    names = []
    for node in ast.parse(path.read_text()).body:  # Module level only.
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.append(node.module)
    return names


def test_every_core_module_that_loads_tensorflow_lowers_its_threads_first() -> None:
    missing = []
    for path in sorted((ROOT / "core").rglob("*.py")):
        names = _imports(path)
        uses_tf = any(n.split(".")[0] in ("tensorflow", "keras") for n in names)
        if (
            uses_tf
            and path.name != "tf_threads.py"
            and "core.engine.runtime.tf_threads" not in names
        ):
            missing.append(path.name)
    assert missing == []


def test_a_teacher_can_choose_the_priority_or_switch_it_off(monkeypatch) -> None:
    from core.engine.runtime.tf_threads import configured_nice

    for value, expected in (("0", 0), ("5", 5), ("19", 19), ("", NICE), ("-3", NICE), ("x", NICE)):
        monkeypatch.setenv(NICE_VARIABLE, value)
        assert configured_nice() == expected
