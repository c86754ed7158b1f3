"""The page burst (devtools/page_burst.py) on a real server: a few students open the Iris page
at once and each open is timed; the summary is ordered and a wrong size is refused."""

from __future__ import annotations

import json

import pytest

from devtools.page_burst import main
from tests.devtools.own_loop import on_own_thread

pytestmark = pytest.mark.slow


def test_a_small_class_opens_the_iris_page_at_once(capsys: pytest.CaptureFixture) -> None:
    assert on_own_thread(lambda: main(["--page", "iris", "--students", "3"])) == 0
    summary = json.loads(capsys.readouterr().out.strip().splitlines()[-1])
    assert (summary["page"], summary["students"], summary["bursts"]) == ("iris", 3, 1)
    assert 0 < summary["p50_ms"] <= summary["p95_ms"] <= summary["longest_ms"]


def test_a_class_of_none_is_refused() -> None:
    with pytest.raises(SystemExit):
        main(["--students", "0"])
