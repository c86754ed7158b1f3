"""Page scripts stay thin: layout and widgets, the logic in ui/ and core/ (README, house rules)."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT

PAGE_MAX_LINES = 149  # Under 150.


@pytest.mark.parametrize(
    "page", sorted((ROOT / "app_pages").glob("*.py")), ids=lambda page: page.name
)
def test_every_page_script_is_under_150_lines(page: Path) -> None:
    lines = len(page.read_text(encoding="utf-8").splitlines())
    assert lines <= PAGE_MAX_LINES, f"{page.name}: {lines} lines; move logic to ui/ or core/"
