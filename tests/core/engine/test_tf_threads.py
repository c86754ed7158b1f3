"""TensorFlow's compute threads run at low priority; the threads students wait on do not."""

from __future__ import annotations

import ast
import json
import subprocess
import sys
from pathlib import Path

from core.engine.tf_threads import NICE
from tests.conftest import ROOT

PROBE = """
import json, threading
from core.mnist.config import MnistConfig
from core.mnist.model import build_mnist_model
from core.engine.tf_threads import thread_nice_values
model = build_mnist_model(MnistConfig(filters=(4, 4)))
model.fit(__import__("numpy").zeros((64, 28, 28, 1)), __import__("numpy").zeros(64), verbose=0)
values = thread_nice_values()
print(json.dumps({"main": values[threading.get_native_id()], "all": list(values.values())}))
"""


def test_tensorflow_threads_are_lowered_and_the_main_thread_is_not() -> None:
    done = subprocess.run(
        [sys.executable, "-c", PROBE], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    values = json.loads(done.stdout.strip().splitlines()[-1])
    assert values["main"] == 0
    # TensorFlow's inter-op and intra-op pools: at least one thread per core of this machine.
    assert values["all"].count(NICE) >= 2


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
        if uses_tf and path.name != "tf_threads.py" and "core.engine.tf_threads" not in names:
            missing.append(path.name)
    assert missing == []


def test_a_teacher_can_choose_the_priority_or_switch_it_off(monkeypatch) -> None:
    from core.engine.tf_threads import NICE_VARIABLE, configured_nice

    for value, expected in (("0", 0), ("5", 5), ("19", 19), ("", NICE), ("-3", NICE), ("x", NICE)):
        monkeypatch.setenv(NICE_VARIABLE, value)
        assert configured_nice() == expected
