"""What every load-test class does, whoever plays the students (Chromium or the protocol).

Student n goes to replica n mod len(urls), all at once, and the run is bounded by
--max-minutes; Class pages kept open (--board-tabs) go to the first replica, two a second,
as a class arrives, and close when the class is done.
"""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable

from devtools.board_client import BoardPages, board_page
from devtools.load_report import Report

BOARD_PAGES_PER_S = 2  # Class pages opened per second: a class arriving, not one instant.

# One student's whole class: (the replica's url, the student's number, its replica's report).
Student = Callable[[str, int, Report], Awaitable[None]]


def open_board_pages(url: str, count: int, done: asyncio.Event, board: BoardPages) -> list:
    """`count` protocol Class pages on `url`, refreshing until `done` is set."""
    return [
        asyncio.create_task(board_page(url, number / BOARD_PAGES_PER_S, done, board))
        for number in range(count)
    ]


async def play_class(
    urls: list[str],
    args,
    reports: list[Report],
    errors: list[str],
    student: Student,
    boards: list,
    done: asyncio.Event,
) -> None:
    """Every student at once; then the open pages are closed, whatever happened."""
    try:
        tasks = []
        for number in range(args.sessions):
            replica = number % len(urls)
            reports[replica].students += 1
            tasks.append(student(urls[replica], number, reports[replica]))
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=args.max_minutes * 60)
    except TimeoutError:
        errors.append(f"the run did not finish within {args.max_minutes} minutes")
    finally:
        done.set()
        await asyncio.gather(*boards, return_exceptions=True)
