"""One browser tab's worth of Streamlit, without the browser: the app's own websocket protocol.

A tab asks the server for a page, sends a widget's new value when a student moves it (with
the fragment the widget lives in, so only that fragment reruns), and asks for a fragment's
rerun each time the interval that fragment named passes (`st.fragment(run_every=...)`). The
server cannot tell this session from a tab: the same messages in the same order. What it
skips is the browser's own work (layout, charts, the canvas's drawing), which on a student's
laptop is not the server's to pay. Timing starts at a request and ends at the message that
says the run answering it has finished.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from streamlit.proto.WidgetStates_pb2 import WidgetState
from websockets.asyncio.client import connect

EARLY_FOR_RERUN = ForwardMsg.FINISHED_EARLY_FOR_RERUN  # Another run follows at once.
COOKIE_SCRIPT = "document.cookie = '"  # How the app hands a browser its student cookie.
# Elements whose text a student reads: what `Session.shows` searches.
TEXT_FIELDS = {
    "heading": "body",
    "markdown": "body",
    "alert": "body",
    "text": "body",
    "metric": "label",
    "caption": "body",
}


class PageError(RuntimeError):
    """The page showed an exception, or never answered."""


@dataclass
class Widget:
    """A widget as the last run drew it: what a tab needs to send its new value."""

    id: str
    kind: str
    fragment: str
    options: tuple[str, ...] = ()  # As the widget shows them (a select slider's, say).
    default: object = None  # What it shows before anyone changes it.


class Session:
    """A student's tab: `async with Session(url) as tab: await tab.open("iris")`."""

    def __init__(self, url: str, cookie: str = "", answer_timeout_s: float = 120.0) -> None:
        self.address = url.replace("http://", "ws://") + "/_stcore/stream"
        self.cookie = cookie
        self.timeout = answer_timeout_s
        self.pages: dict[str, str] = {}  # url path -> page script hash
        self.page_hash = ""
        self.widgets: dict[str, Widget] = {}  # label (or key) -> widget
        self.values: dict[str, WidgetState] = {}  # widget id -> the value this tab holds
        self.refreshes: dict[str, float] = {}  # fragment id -> seconds between its reruns
        self.texts: list[str] = []  # What the runs since the last `mark()` drew.
        self.student = ""  # The cookie the app asked this tab to keep.
        self._stream = None

    async def __aenter__(self) -> Session:
        headers = {"Cookie": self.cookie} if self.cookie else None
        self._stream = await connect(
            self.address, subprotocols=["streamlit"], open_timeout=60, additional_headers=headers
        )
        return self

    async def __aexit__(self, *_) -> None:
        await self._stream.close()

    async def open(self, path: str, query: str = "") -> float:
        """Open the page at `path` ("" for home) as a sidebar link does; milliseconds."""
        request = BackMsg()
        state = request.rerun_script
        state.query_string = query
        if path in self.pages:
            state.page_script_hash = self.pages[path]
        else:
            state.page_name = path  # The first page: typed into the address bar.
        self.widgets, self.refreshes, self.values = {}, {}, {}
        return await self._ask(request)

    def hold(self, label: str, fill: Callable[[WidgetState], None]) -> WidgetState:
        """Take a value into the tab's widget states without sending it (a component's
        value from when it was drawn, say); `set` sends it."""
        widget = self.widgets.get(label)
        if widget is None:
            raise PageError(f"no widget {label!r} on the page")
        value = WidgetState(id=widget.id)
        fill(value)
        self.values[widget.id] = value
        return value

    async def set(
        self, label: str, fill: Callable[[WidgetState], None], timeout_s: float | None = None
    ) -> float:
        """Send a widget's new value, as a tab does when a student changes it: with the
        values of every widget the tab holds, and the fragment the widget lives in.
        `timeout_s`: how long the answer may be silent (a training queues without a word)."""
        changed = self.hold(label, fill)
        trigger = changed.WhichOneof("value") == "trigger_value"
        if trigger:
            del self.values[changed.id]  # A button's press is sent once, never held.
        request = BackMsg()
        state = request.rerun_script
        state.page_script_hash = self.page_hash
        state.widget_states.widgets.extend(self.values.values())
        if trigger:
            state.widget_states.widgets.append(changed)
        fragment = self.widgets[label].fragment
        if fragment:
            state.fragment_id = fragment
        return await self._ask(request, timeout_s)

    async def press(self, label: str, timeout_s: float | None = None) -> float:
        return await self.set(label, lambda s: setattr(s, "trigger_value", True), timeout_s)

    async def refresh(self) -> float:
        """One rerun of the page's self-refreshing fragment, as the tab's timer sends it."""
        fragment = next(iter(self.refreshes))
        request = BackMsg()
        state = request.rerun_script
        state.page_script_hash = self.page_hash
        state.fragment_id = fragment
        state.is_auto_rerun = True
        state.widget_states.widgets.extend(self.values.values())
        return await self._ask(request)

    def mark(self) -> None:
        """Forget the texts read so far: `shows` looks only at what comes after."""
        self.texts = []

    def shows(self, text: str) -> bool:
        return any(text in seen for seen in self.texts)

    async def wait_for(self, texts: tuple[str, ...], timeout_s: float) -> str:
        """Refresh as the page asks until one of `texts` shows; return the one that did."""
        deadline = time.monotonic() + timeout_s
        while True:
            for text in texts:
                if self.shows(text):
                    return text
            if not self.refreshes:
                raise PageError(f"the page shows none of {texts} and refreshes no more")
            if time.monotonic() > deadline:
                raise PageError(f"none of {texts} showed within {timeout_s:.0f} s")
            await asyncio.sleep(min(self.refreshes.values()))
            await self.refresh()

    async def _ask(self, request: BackMsg, timeout_s: float | None = None) -> float:
        timeout = timeout_s or self.timeout
        started = time.perf_counter()
        await self._stream.send(request.SerializeToString())
        while True:
            message = ForwardMsg()
            try:
                raw = await asyncio.wait_for(self._stream.recv(), timeout)
            except TimeoutError:
                raise PageError(f"no answer within {timeout:.0f} s") from None
            message.ParseFromString(raw)
            if self._read(message):
                return (time.perf_counter() - started) * 1000

    def _read(self, message: ForwardMsg) -> bool:
        """Take in one message; True when it ends the run that answers the request."""
        kind = message.WhichOneof("type")
        if kind == "new_session":
            self.page_hash = message.new_session.page_script_hash
        elif kind == "navigation":
            self.pages = {p.url_pathname: p.page_script_hash for p in message.navigation.app_pages}
            self.page_hash = message.navigation.page_script_hash or self.page_hash
        elif kind == "auto_rerun":
            self.refreshes[message.auto_rerun.fragment_id] = message.auto_rerun.interval
        elif kind == "stop_auto_rerun":
            for fragment in message.stop_auto_rerun.fragment_ids:
                self.refreshes.pop(fragment, None)
        elif kind == "delta" and message.delta.WhichOneof("type") == "new_element":
            self._element(message.delta.new_element, message.delta.fragment_id)
        elif kind == "script_finished":
            return message.script_finished != EARLY_FOR_RERUN
        return False

    def _element(self, element, fragment: str) -> None:
        kind = element.WhichOneof("type")
        inner = getattr(element, kind)
        if kind == "exception":
            raise PageError(f"the page shows an exception: {inner.message[:300]}")
        if kind in TEXT_FIELDS:
            self.texts.append(getattr(inner, TEXT_FIELDS[kind]))
        if kind == "html" and COOKIE_SCRIPT in inner.body:
            self.student = inner.body.split(COOKIE_SCRIPT, 1)[1].split(";", 1)[0]
        widget_id = getattr(inner, "id", "") if hasattr(inner, "id") else ""
        if widget_id and widget_id.startswith("$$ID"):
            label = getattr(inner, "label", "") if hasattr(inner, "label") else ""
            widget = Widget(
                widget_id,
                kind,
                fragment,
                tuple(getattr(inner, "options", ())),
                getattr(inner, "default", None),
            )
            key = widget_id.rsplit("-", 1)[-1]
            if key != "None":
                self.widgets[key] = widget  # By key too: draw_canvas.
            if label:
                self.widgets.setdefault(label, widget)
