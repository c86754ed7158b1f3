"""Server cold start: `streamlit run app.py` from process start to pages a student can use.

Health is not enough (the page script runs only once a browser connects), so two starts are
timed, served and drawn (docs/architecture.md, "Timing a cold start").
"""

from __future__ import annotations

import argparse
import subprocess
import time
import urllib.request

from devtools.bench.child import ROOT, child_main
from devtools.server import CHROMIUM, CHROMIUM_ARGS, free_port, stop_server, streamlit_command

HEALTH_TIMEOUT_S = 90
PAGE_TIMEOUT_MS = 120_000
IDLE = "[data-test-script-state=notRunning]"
HOME_HEADING = "Introduction to deep learning"


def _wait_healthy(process: subprocess.Popen, port: int) -> None:
    deadline = time.perf_counter() + HEALTH_TIMEOUT_S
    while time.perf_counter() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"streamlit exited with code {process.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/_stcore/health", timeout=2):
                return
        except OSError:
            time.sleep(0.05)
    raise TimeoutError(f"no health answer within {HEALTH_TIMEOUT_S} s")


def measure_served(command: list[str], port: int) -> dict:
    """Process start to the home page served: its files, then its elements over the websocket."""
    # Imported before the clock starts: the client's imports (Streamlit's message types,
    # 0.7 s) are not the server's time.
    from devtools.home_client import fetch_home_files, fetch_home_page

    started = time.perf_counter()
    server = subprocess.Popen(
        command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    try:
        _wait_healthy(server, port)
        healthy = time.perf_counter()
        files = fetch_home_files(port)
        fetched = time.perf_counter()
        messages = fetch_home_page(port, HOME_HEADING, PAGE_TIMEOUT_MS / 1000)
        served = time.perf_counter()
    finally:
        stop_server(server)
    return {
        "served_health_seconds": healthy - started,
        "served_files_seconds": fetched - started,
        "served_seconds": served - started,
        "served_files": files,
        "served_messages": messages,
    }


def _rss_mb(pid: int) -> float:
    import psutil

    return psutil.Process(pid).memory_info().rss / 2**20


def measure(args: argparse.Namespace) -> dict:
    served_port = free_port()
    served = measure_served(streamlit_command(served_port), served_port)
    return {**served, **measure_drawn()}


def measure_drawn() -> dict:
    from playwright.sync_api import sync_playwright

    port = free_port()
    url = f"http://127.0.0.1:{port}/"
    command = streamlit_command(port)
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        server = None
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 1000})
            page.set_default_timeout(PAGE_TIMEOUT_MS)
            started = time.perf_counter()
            server = subprocess.Popen(
                command, cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
            )
            _wait_healthy(server, port)
            healthy = time.perf_counter()
            page.goto(url, wait_until="domcontentloaded")
            page.wait_for_selector(f"h1:has-text('{HOME_HEADING}')")
            page.wait_for_selector(IDLE)
            home = time.perf_counter()
            rss_home = _rss_mb(server.pid)
            page.locator("[data-testid=stSidebarNav] a", has_text="MNIST training").click()
            clicked = time.perf_counter()
            page.get_by_role("button", name="Train the network").wait_for(state="visible")
            page.wait_for_selector(IDLE)
            mnist = time.perf_counter()
            # The same home page in a new tab of a warm server: the browser's own share
            # (loading Streamlit's JavaScript, connecting, drawing), which no server can shorten.
            again = browser.new_page(viewport={"width": 1400, "height": 1000})
            again.set_default_timeout(PAGE_TIMEOUT_MS)
            warm_started = time.perf_counter()
            again.goto(url, wait_until="domcontentloaded")
            again.wait_for_selector(f"h1:has-text('{HOME_HEADING}')")
            again.wait_for_selector(IDLE)
            warm = time.perf_counter() - warm_started
            return {
                "home_warm_seconds": warm,
                "health_seconds": healthy - started,
                "home_seconds": home - started,
                "mnist_seconds": mnist - started,
                "mnist_after_click_seconds": mnist - clicked,
                "server_rss_home_mb": rss_home,
                "server_rss_mnist_mb": _rss_mb(server.pid),
            }
        finally:
            if server is not None:
                stop_server(server)
            browser.close()


if __name__ == "__main__":
    child_main(measure, argparse.ArgumentParser(description=__doc__))
