"""Flows are handed to a backend as functions, never as "package.module:function" strings,
and a page can name them without loading TensorFlow (docs/architecture.md, "How the parts
fit")."""

from __future__ import annotations

import pickle
import re
import subprocess
import sys

from core.basics.backprop_check import tensorflow_gradients
from core.iris import training as iris_training
from core.mnist import training as mnist_training
from core.mnist.model_file import check_model_file
from tests.conftest import ROOT

# A dotted name with a colon, as flows were once named: "core.mnist.training:run_mnist".
DOTTED_FLOW = re.compile(r"""["'](?:core|ui|app_pages|devtools|tests)(?:\.\w+)+:\w+["']""")
FLOWS = (
    mnist_training.run_mnist,
    mnist_training.warm_up,
    iris_training.run_iris,
    iris_training.warm_up,
    check_model_file,
    tensorflow_gradients,
)


def _dotted_names() -> list[str]:
    found = []
    for folder in ("core", "ui", "app_pages", "devtools", "tests"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            if path.name == "test_flows_by_reference.py":
                continue
            for number, line in enumerate(path.read_text().splitlines(), 1):
                if DOTTED_FLOW.search(line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    return found


def test_no_flow_is_named_by_a_dotted_string() -> None:
    assert _dotted_names() == []


def test_the_pattern_finds_the_old_names() -> None:
    assert DOTTED_FLOW.search('MNIST_FLOW = "core.mnist.training:run_mnist"')
    assert DOTTED_FLOW.search("submit('core.iris.training:run_iris', config)")
    assert DOTTED_FLOW.search('IGNORES_STOP = "tests.core.engine.jobs.ray_flows:ignores_stop"')
    assert not DOTTED_FLOW.search('"core.mnist.training"') and not DOTTED_FLOW.search('"a:b"')


def test_a_flow_travels_by_reference() -> None:
    """What the worker processes' socket and Ray do with a flow: pickle sends its name."""
    for flow in FLOWS:
        assert pickle.loads(pickle.dumps(flow)) is flow
        assert len(pickle.dumps(flow)) < 200  # The name, not the code.


def test_naming_a_flow_loads_no_tensorflow() -> None:
    """A page imports the flow it submits; the web server must stay without TensorFlow."""
    modules = [f.__module__ for f in FLOWS] + ["ui.state.backend"]
    code = (
        "import sys\n"
        + "".join(f"import {name}\n" for name in sorted(set(modules)))
        + "print(sorted({'tensorflow', 'keras'} & set(sys.modules)))"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "[]"
