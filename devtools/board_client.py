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
import time
from dataclasses import dataclass, field

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

from devtools.load_report import percentile

PAGE = "class"  # The Class page's address, as the browser's URL names it.
HEADING = "The class board"
ANSWER_TIMEOUT_S = 120.0  # A page or a refresh that takes longer is an error.


@dataclass
class BoardPages:
    """What the open Class pages saw, all of them together."""

    opened: int = 0
    open_ms: list[float] = field(default_factory=list)
    refresh_ms: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


def _rerun(page_hash: str = "", fragment_id: str = "") -> bytes:
    request = BackMsg()
    state = request.rerun_script
    state.query_string = ""
    state.page_name = PAGE if not page_hash else ""
    state.page_script_hash = page_hash
    if fragment_id:
        state.fragment_id = fragment_id
        state.is_auto_rerun = True
    return request.SerializeToString()


@dataclass
class _Run:
    """One script run's answer, as the client reads it."""

    page_hash: str = ""
    refreshes: dict[str, float] = field(default_factory=dict)  # fragment id -> seconds
    texts: list[str] = field(default_factory=list)
    exception: str = ""


async def _answer(stream, run: _Run) -> None:
    """Read messages until the server says the run has finished."""
    while True:
        message = ForwardMsg()
        message.ParseFromString(await asyncio.wait_for(stream.recv(), ANSWER_TIMEOUT_S))
        kind = message.WhichOneof("type")
        if kind == "new_session":
            run.page_hash = message.new_session.page_script_hash
        elif kind == "auto_rerun":
            run.refreshes[message.auto_rerun.fragment_id] = message.auto_rerun.interval
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            element = message.delta.new_element
            if element.WhichOneof("type") == "exception":
                run.exception = element.exception.message[:300]
            elif element.WhichOneof("type") in ("heading", "markdown"):
                run.texts.append(str(element))
        elif kind == "script_finished":
            return


async def board_page(url: str, delay_s: float, done: asyncio.Event, pages: BoardPages) -> None:
    """Open the Class page after `delay_s`, keep it refreshing until `done` is set."""
    await asyncio.sleep(delay_s)
    address = url.replace("http://", "ws://") + "/_stcore/stream"
    try:
        async with connect(address, subprotocols=["streamlit"], open_timeout=60) as stream:
            started = time.perf_counter()
            await stream.send(_rerun())
            page = _Run()
            await _answer(stream, page)
            if page.exception or not any(HEADING in text for text in page.texts):
                raise RuntimeError(page.exception or "the Class page came without its heading")
            if not page.refreshes:
                raise RuntimeError("the Class page asked for no refresh")
            pages.open_ms.append((time.perf_counter() - started) * 1000)
            pages.opened += 1
            fragment, interval = next(iter(page.refreshes.items()))
            while not done.is_set():
                try:  # As the browser's timer: one refresh per interval.
                    await asyncio.wait_for(done.wait(), interval)
                    break
                except TimeoutError:
                    pass
                started = time.perf_counter()
                await stream.send(_rerun(page.page_hash, fragment))
                refresh = _Run()
                await _answer(stream, refresh)
                if refresh.exception:
                    raise RuntimeError(refresh.exception)
                pages.refresh_ms.append((time.perf_counter() - started) * 1000)
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
