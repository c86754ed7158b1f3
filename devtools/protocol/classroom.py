"""A class of protocol students (devtools/protocol/student.py) against the load test's servers.

What `devtools.students.classroom` does with Chromium, without it: student n on replica
n mod len(urls), all at once, and Class pages kept open on the first replica. One asyncio
loop in the load test's own process plays them all; its CPU time is the clients' cost.
"""

from __future__ import annotations

import asyncio
import resource

from devtools.board_client import BoardPages
from devtools.class_run import open_board_pages, play_class
from devtools.load_report import Report
from devtools.protocol.student import protocol_student


def own_cpu_seconds() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


async def protocol_classroom(
    urls: list[str], args, reports: list[Report], errors: list[str], board: BoardPages
) -> None:
    done = asyncio.Event()
    boards = open_board_pages(urls[0], getattr(args, "board_tabs", 0), done, board)

    def student(url: str, number: int, report: Report):
        return protocol_student(url, number, args, report)

    await play_class(urls, args, reports, errors, student, boards, done)
