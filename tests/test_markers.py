"""The quick suite (`-m "not slow"`) never trains the full 60,000-digit models."""

from __future__ import annotations

import ast
import subprocess
import sys

from tests.conftest import FULL_MODEL_FIXTURES, ROOT

FULL_MODEL_MODULES = ("tests/core/digits/test_draw_recognition.py", "tests/pages/test_page_draw.py")


def _collected(*args: str) -> set[str]:
    """Test ids (without parameters) that pytest collects from the two modules."""
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider",
         *args, *FULL_MODEL_MODULES],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    return {line.split("[")[0] for line in done.stdout.splitlines() if "::" in line}


def _tests_needing_a_full_model() -> tuple[set[str], set[str]]:
    """(ids of tests asking for a full model, ids of the others), read from the sources."""
    needing, others = set(), set()
    for module in FULL_MODEL_MODULES:
        for node in ast.parse((ROOT / module).read_text()).body:
            if isinstance(node, ast.FunctionDef) and node.name.startswith("test_"):
                arguments = {argument.arg for argument in node.args.args}
                (needing if arguments & FULL_MODEL_FIXTURES else others).add(
                    f"{module}::{node.name}"
                )
    return needing, others


def test_tests_that_need_a_full_model_are_slow_and_the_others_are_not() -> None:
    needing, others = _tests_needing_a_full_model()
    assert len(needing) >= 8 and others
    quick = _collected("-m", "not slow")
    assert not needing & quick
    assert others <= quick  # The tests that need no model still run in the quick suite.
