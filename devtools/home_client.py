"""Ask a Streamlit server for its home page exactly as a browser does, without a browser.

index.html, the scripts, styles and font it names and the host config, then the page over
the websocket in Streamlit's own message types, until the server says the page's script has
finished. The benchmark times a cold start with it (devtools/bench/server.py). Lives here, not
in core/, because it speaks Streamlit's protocol.
"""

from __future__ import annotations

import re
import urllib.request
from concurrent.futures import ThreadPoolExecutor

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.sync.client import connect

# What index.html names for the browser to fetch before it opens the websocket.
ASSET = re.compile(r'(?:src|href)="\./(static/[^"]+)"')
BROWSER_CONNECTIONS = 6  # Parallel requests a browser makes to one host.


def _get(url: str) -> bytes:
    with urllib.request.urlopen(url, timeout=30) as response:
        return response.read()


def fetch_home_files(port: int) -> int:
    """index.html, what it names, and the host config; return how many files that was."""
    base = f"http://127.0.0.1:{port}/"
    assets = ASSET.findall(_get(base).decode())
    if not assets:
        raise RuntimeError("index.html names no scripts: not Streamlit's page?")
    urls = [base + asset for asset in assets] + [base + "_stcore/host-config"]
    with ThreadPoolExecutor(BROWSER_CONNECTIONS) as pool:
        list(pool.map(_get, urls))
    return len(urls)


def fetch_home_page(port: int, heading: str, timeout_s: float) -> int:
    """Ask for the home page over the websocket; return the number of messages it took.

    Fails unless the page's elements include `heading` before the script finishes.
    """
    request = BackMsg()
    request.rerun_script.query_string = ""
    request.rerun_script.page_script_hash = ""  # The default page: home.
    texts: list[str] = []
    url = f"ws://127.0.0.1:{port}/_stcore/stream"
    with connect(url, subprotocols=["streamlit"], open_timeout=30) as stream:
        stream.send(request.SerializeToString())
        for count in range(1, 10_000):
            message = ForwardMsg()
            message.ParseFromString(stream.recv(timeout=timeout_s))
            kind = message.WhichOneof("type")
            if kind == "delta" and message.delta.WhichOneof("type") == "new_element":
                texts.append(str(message.delta.new_element))
            if kind == "script_finished":
                if not any(heading in text for text in texts):
                    raise RuntimeError("the home page's script finished without its heading")
                return count
    raise RuntimeError("the home page's script never finished")
