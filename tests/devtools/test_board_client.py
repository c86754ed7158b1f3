"""The load test's protocol Class pages against a real server: they open the page, then ask
for the board's refresh as often as the server says, and report a page that fails."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from pathlib import Path

import pytest

from devtools.board_client import BoardPages, board_figures, board_page
from devtools.server import free_port, start_server, stop_server
from tests.devtools.own_loop import run_async

pytestmark = pytest.mark.slow


def _server(env: dict[str, str]) -> Iterator[str]:
    port = free_port()
    process = start_server(port, env)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        stop_server(process)


@pytest.fixture
def url(tmp_path: Path) -> Iterator[str]:
    yield from _server({"WORKSHOP_KEEP_WORK": "1", "WORKSHOP_DATA_DIR": str(tmp_path)})


async def _keep_open(url: str, pages: int, seconds: float) -> BoardPages:
    done, seen = asyncio.Event(), BoardPages()
    tasks = [asyncio.create_task(board_page(url, n / 2, done, seen)) for n in range(pages)]
    await asyncio.sleep(seconds)
    done.set()
    await asyncio.gather(*tasks)
    return seen


def test_open_class_pages_refresh_as_the_server_asks(url: str) -> None:
    seen = _keep_open_for(url, pages=2, seconds=13)  # The board asks every 5 s.
    assert seen.errors == []
    assert seen.opened == 2
    assert 2 <= len(seen.refresh_ms) <= 6
    figures = board_figures(seen, asked=2)
    assert figures["opened"] == 2
    assert figures["refresh_p95_ms"] >= figures["refresh_p50_ms"] > 0


def test_a_page_that_cannot_open_is_an_error_not_a_crash() -> None:
    seen = _keep_open_for(f"http://127.0.0.1:{free_port()}", pages=1, seconds=1)
    assert seen.opened == 0
    assert len(seen.errors) == 1 and seen.errors[0].startswith("a Class page: ")


def _keep_open_for(url: str, pages: int, seconds: float) -> BoardPages:
    return run_async(_keep_open(url, pages, seconds))
