"""A Class page left open, played in Streamlit's own protocol instead of a Chromium tab.

A browser tab showing the class board costs the server what its websocket asks for: the page
once, then the board's fragment every few seconds (`st.fragment(run_every=...)`: the server
names the fragment and the interval, and the browser asks for a rerun of that fragment each
time the interval passes). This client asks for exactly that, so a load test can keep a
hundred Class pages open on a machine whose two cores a hundred Chromium tabs would fill.
What it does not do is draw: the server's side is the same, the browser's work is skipped.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

from devtools.load_report import percentile
from devtools.protocol.session import Session

PAGE = "class"  # The Class page's address, as the browser's URL names it.
HEADING = "The class board"


@dataclass
class BoardPages:
    """What the open Class pages saw, all of them together."""

    opened: int = 0
    open_ms: list[float] = field(default_factory=list)
    refresh_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


async def board_page(url: str, delay_s: float, done: asyncio.Event, pages: BoardPages) -> None:
    """Open the Class page after `delay_s`, keep it refreshing until `done` is set."""
    await asyncio.sleep(delay_s)
    try:
        async with Session(url) as tab:
            opened = await tab.open(PAGE)
            if not tab.shows(HEADING):
                raise RuntimeError("the Class page came without its heading")
            if not tab.refreshes:
                raise RuntimeError("the Class page asked for no refresh")
            pages.open_ms.append(opened)
            pages.opened += 1
            while not done.is_set():
                try:  # As the browser's timer: one refresh per interval.
                    await asyncio.wait_for(done.wait(), min(tab.refreshes.values()))
                    break
                except TimeoutError:
                    pass
                # A refresh that finds the board changed reruns the whole page: timed to
                # the end of that run, as the student waits for it.
                pages.refresh_ms.append(await tab.refresh())
    except Exception as error:  # Any failure of an open page counts, with its reason.
        pages.errors.append(f"a Class page: {type(error).__name__}: {str(error)[:300]}")


def board_figures(pages: BoardPages, asked: int) -> dict:
    """The open Class pages' share of the load test's summary."""
    return {
        "asked": asked,
        "opened": pages.opened,
        "open_p95_ms": percentile(pages.open_ms, 95),
        "refreshes": len(pages.refresh_ms),
        "refresh_p50_ms": percentile(pages.refresh_ms, 50, 1),
        "refresh_p95_ms": percentile(pages.refresh_ms, 95, 1),
        "errors": len(pages.errors),
    }
