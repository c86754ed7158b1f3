"""A class of protocol students (devtools/protocol/student.py) against the load test's servers.

What `devtools.students.classroom` does with Chromium, without it: student n on replica
n mod len(urls), all at once, and Class pages kept open on the first replica. One asyncio
loop in the load test's own process plays them all; its CPU time is the clients' cost.
"""

from __future__ import annotations

import asyncio
import resource

from devtools.board_client import BoardPages, board_page
from devtools.load_report import Report
from devtools.protocol.student import protocol_student

BOARD_PAGES_PER_S = 2  # Class pages opened per second: a class arriving, not one instant.


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def protocol_classroom(
    urls: list[str], args, reports: list[Report], errors: list[str], board: BoardPages
) -> None:
    done = asyncio.Event()
    boards = [
        asyncio.create_task(board_page(urls[0], number / BOARD_PAGES_PER_S, done, board))
        for number in range(getattr(args, "board_tabs", 0))
    ]
    try:
        tasks = []
        for number in range(args.sessions):
            replica = number % len(urls)
            reports[replica].students += 1
            tasks.append(protocol_student(urls[replica], number, args, reports[replica]))
        await asyncio.wait_for(asyncio.gather(*tasks), timeout=args.max_minutes * 60)
    except TimeoutError:
        errors.append(f"the run did not finish within {args.max_minutes} minutes")
    finally:
        done.set()
        await asyncio.gather(*boards, return_exceptions=True)
