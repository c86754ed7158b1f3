"""A new lesson is four files: the every-page tests cover it without an edit.

The app's files are copied to a scratch folder, and a "Dropout" lesson is added there by
exactly four files, as docs/architecture.md ("Adding a lesson") tells a newcomer: the page
script, its core module, one line in the page list and its own page test. pytest, run in the
copy, must then collect an item for the new page in each test that means "every page"
(order, navigation in AppTest and in the browser, first step, quick questions, phone, fuzz),
and the quick ones must pass for it there.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.timeout(900)]

COPIED = ("app.py", "pyproject.toml", "app_pages", "ui", "core", "tests", "devtools", "assets")
COPIED_TOO = (".streamlit",)  # Hidden, but the app's configuration.
NOT_COPIED = shutil.ignore_patterns("__pycache__", ".hypothesis", ".pytest_cache", "*.keras")

PAGE = '''"""Page: dropout, which switches neurons off at random while a network trains."""

import streamlit as st

from core.basics.dropout import dropout_questions, neurons_on
from ui.frame.first_step import first_step
from ui.frame.quick_questions import quick_questions
from ui.state.kept_settings import LESSON_SETTING

st.title("💧 Dropout")
first_step("set the **dropout rate** to 0.5 and count the neurons that stay on.")
rate = st.slider("dropout rate", 0.0, 0.9, 0.2, step=0.1, key="dropout_rate", **LESSON_SETTING)
units = st.slider("neurons in the layer", 1, 512, 128, key="dropout_units", **LESSON_SETTING)
st.metric("neurons on in a step, on average", f"{neurons_on(units, rate):g}")
quick_questions("dropout", dropout_questions(units, rate))
'''
CORE = '''"""Dropout: in each training step each neuron of a layer is off with a set probability."""

from __future__ import annotations

from core.basics.questions import Question


def neurons_on(units: int, rate: float) -> float:
    """How many neurons work in one step, on average: why Keras scales them up."""
    if not 0 <= rate < 1:
        raise ValueError(f"a dropout rate is at least 0 and below 1, not {rate}")
    return units * (1 - rate)


def dropout_questions(units: int, rate: float) -> list[Question]:
    on, scale = neurons_on(units, rate), 1 / (1 - rate)
    return [
        Question(f"{units} neurons at rate {rate:g}: how many are on?", on, f"**{on:g}**", 0.05),
        Question("By what does Keras multiply them?", scale, f"**{scale:.3g}**", 0.01),
    ]
'''
PAGE_TEST = """from tests.pages.navigation import open_page


def test_the_dropout_page_counts_the_neurons_left_on() -> None:
    at = open_page("app_pages/dropout.py")
    at.slider(key="dropout_rate").set_value(0.5)
    at.slider(key="dropout_units").set_value(64).run()
    assert at.metric[0].value == "32"
"""
ENTRY = (
    '        PageEntry("app_pages/dropout.py", "Dropout", "💧", "dropout", '
    '"what dropout is for"),\n'
)
# The every-page tests, and the new page's own test.
EVERY_PAGE = {
    "order": "tests/test_page_order.py",
    "navigation": "tests/pages/test_page_navigation.py",
    "browser navigation": "tests/e2e/test_browser_navigation.py",
    "first step": "tests/pages/test_page_teaching.py",
    "quick questions": "tests/pages/test_quick_questions.py",
    "phone": "tests/e2e/test_browser_phone.py",
    "fuzz": "tests/fuzz/test_every_page.py",
}
RUN_FOR_REAL = ("order", "navigation", "first step", "quick questions", "fuzz")
OWN_TEST = "tests/pages/test_page_dropout.py"
# An item for the new page: its id names it ("[dropout]"; "[chromium-dropout]" in a browser).
FOR_THE_PAGE = re.compile(r"\[(?:[\w.]+-)?dropout(?:-[\w.]+)?\]$")


def _copy_of_the_app(folder: Path) -> Path:
    for name in COPIED + COPIED_TOO:
        source = ROOT / name
        if source.is_dir():
            shutil.copytree(source, folder / name, ignore=NOT_COPIED)
        else:
            shutil.copy2(source, folder / name)
    return folder


def _add_the_lesson(repo: Path) -> list[str]:
    """The four files; the page list gets its one line at the end of the first chapter."""
    page_list = repo / "ui" / "frame" / "page_list.py"
    text = page_list.read_text()
    chapter_end = '    ),\n    "The Iris classifier": ('
    assert text.count(chapter_end) == 1
    page_list.write_text(text.replace(chapter_end, ENTRY + chapter_end))
    for path, content in {
        "app_pages/dropout.py": PAGE,
        "core/basics/dropout.py": CORE,
        OWN_TEST: PAGE_TEST,
    }.items():
        assert not (repo / path).exists(), path
        (repo / path).write_text(content)
    return ["app_pages/dropout.py", "core/basics/dropout.py", "ui/frame/page_list.py", OWN_TEST]


def _pytest(repo: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """pytest in the copy, as a developer would run it there (none of this run's settings)."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTEST_", "PYTHONPATH"))}
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-p", "no:randomly", "-p", "no:cacheprovider", *args],
        cwd=repo,
        env=env,
        capture_output=True,
        text=True,
        timeout=840,
    )


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = _copy_of_the_app(tmp_path_factory.mktemp("new_lesson"))
    before = (repo / "ui" / "frame" / "page_list.py").read_text().splitlines()
    changed = _add_the_lesson(repo)
    after = (repo / "ui" / "frame" / "page_list.py").read_text().splitlines()
    assert len(changed) == 4 and len(after) == len(before) + 1  # One line in the page list.
    return repo


def test_every_page_test_collects_the_new_lesson(repo: Path) -> None:
    done = _pytest(repo, "--collect-only", "-q", *EVERY_PAGE.values(), OWN_TEST)
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    ids = [line for line in done.stdout.splitlines() if "::" in line]
    for name, path in EVERY_PAGE.items():
        own = [test for test in ids if test.startswith(f"{path}::")]
        assert own, f"{name}: nothing collected from {path}"
        assert any(FOR_THE_PAGE.search(test) for test in own), f"{name} misses the new page"
    assert any(test.startswith(f"{OWN_TEST}::") for test in ids)


def test_the_quick_every_page_tests_pass_for_the_new_lesson(repo: Path) -> None:
    """The order tests whole (they hold the new page to the workshop's order), and the new
    page's items of the others, with its own test."""
    files = [EVERY_PAGE[name] for name in RUN_FOR_REAL]
    done = _pytest(repo, "-q", "-rA", *files, OWN_TEST, "-k", "dropout or test_page_order")
    report = done.stdout + done.stderr
    assert done.returncode == 0, report[-5000:]
    passed = re.findall(r"^PASSED (\S+)", done.stdout, re.MULTILINE)
    for name in RUN_FOR_REAL:
        ran = [test for test in passed if test.startswith(f"{EVERY_PAGE[name]}::")]
        assert ran, f"{name}: no test passed"
        if name != "order":
            assert all(FOR_THE_PAGE.search(test) for test in ran), ran
        assert any(FOR_THE_PAGE.search(test) for test in ran), f"{name}: {ran}"
    assert any(test.startswith(f"{OWN_TEST}::") for test in passed)
