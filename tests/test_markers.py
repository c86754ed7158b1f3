"""The quick suite (`-m "not slow"`) never trains the full 60,000-digit models."""

from __future__ import annotations

import ast

import pytest

from tests.conftest import FULL_MODEL_FIXTURES, ROOT

FULL_MODEL_MODULES = (
    "tests/core/digits/test_draw_recognition.py",
    "tests/pages/test_page_draw.py",
    "tests/pages/test_page_draw_examples.py",
)


class _Collector:
    """A plugin that keeps the ids of the tests a pytest run selects."""

    def __init__(self) -> None:
        self.ids: set[str] = set()

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.ids = {item.nodeid.split("[")[0] for item in session.items}


def _collected(*args: str) -> set[str]:
    """Test ids (without parameters) that pytest selects from those modules.

    A second pytest session in this process, collecting only: the modules' imports
    (TensorFlow) are already paid for.
    """
    collector = _Collector()
    paths = [str(ROOT / module) for module in FULL_MODEL_MODULES]
    options = ["--collect-only", "-q", "-p", "no:cacheprovider", f"--rootdir={ROOT}"]
    code = pytest.main([*options, *args, *paths], plugins=[collector])
    assert code == pytest.ExitCode.OK
    return collector.ids


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
