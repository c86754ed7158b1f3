"""A class opening one page at the same moment: how long until each student has it.

    python -m devtools.page_burst --page iris --students 60

Starts its own server on loopback, opens the home page for every student (a session each,
one after another), then has all of them open `--page` at once over Streamlit's protocol
(devtools/protocol/) and prints the open times (p50, p95, longest) as one JSON line. A
teacher's "now open the Iris page" is this burst; the load test's page-open p95 comes from it.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
import tempfile

import numpy as np

from devtools.protocol.session import Session
from devtools.server import free_port, start_server, stop_server


async def _burst(url: str, page: str, students: int) -> list[float]:
    tabs = [Session(url) for _ in range(students)]
    for tab in tabs:
        await tab.__aenter__()
        await tab.open("")
    try:
        return list(await asyncio.gather(*(tab.open(page) for tab in tabs)))
    finally:
        for tab in tabs:
            await tab.__aexit__()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--page", default="iris", help="the page's address, e.g. iris, draw")
    parser.add_argument("--students", type=int, default=60)
    parser.add_argument("--repeat", type=int, default=1, help="bursts, each on a fresh server")
    args = parser.parse_args(argv)
    if not 1 <= args.students <= 300:
        parser.error("--students must lie between 1 and 300")
    times: list[float] = []
    for _ in range(args.repeat):
        port = free_port()
        folder = tempfile.mkdtemp(prefix="page-burst-")
        server = start_server(port, {"WORKSHOP_DATA_DIR": folder})
        try:
            times += asyncio.run(_burst(f"http://127.0.0.1:{port}", args.page, args.students))
        finally:
            stop_server(server)
    p50, p95 = np.percentile(times, [50, 95])
    summary = {"page": args.page, "students": args.students, "bursts": args.repeat}
    summary |= {"p50_ms": round(p50), "p95_ms": round(p95), "longest_ms": round(max(times))}
    print(json.dumps(summary))
    return 0


if __name__ == "__main__":
    sys.exit(main())
