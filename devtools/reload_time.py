"""How long a reload takes to bring a student's work back, against a reload with no work.

    MNIST_DIR=../shared/mnist python -m devtools.reload_time [--reloads 5] [--mnist-runs 3]

A real server with its own store and Debian's Chromium: one student trains Iris and a few
MNIST runs (5,000 examples, one epoch: a run's size does not depend on its data), then
reloads the MNIST page; another student, with no work, reloads the same page. Each time is
from the reload to the page's last run being shown and the script done. docs/store.md holds
the figures, dated, with the CPU's flags.
"""

from __future__ import annotations

import argparse
import re
import statistics
import tempfile
import time

from playwright.sync_api import Page, expect, sync_playwright

from devtools.cpu import this_cpu
from devtools.server import CHROMIUM, CHROMIUM_ARGS, free_port, start_server, stop_server

TRAINING_S = 300


def _done(page: Page, timeout_s: float) -> None:
    page.wait_for_selector("[data-test-script-state=notRunning]", timeout=timeout_s * 1000)


def _train(page: Page, url: str, address: str, shown: str) -> None:
    page.goto(url + address)
    _done(page, 90)
    page.get_by_role("button", name="Train the network").click()
    expect(page.get_by_text(re.compile(shown)).first).to_be_visible(timeout=TRAINING_S * 1000)
    _done(page, TRAINING_S)


def _reload_seconds(page: Page, shown: str | None) -> float:
    started = time.perf_counter()
    page.reload()
    _done(page, 90)
    if shown:
        expect(page.get_by_text(re.compile(shown)).first).to_be_visible(timeout=30_000)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reloads", type=int, default=5)
    parser.add_argument("--mnist-runs", type=int, default=3)
    args = parser.parse_args()
    port = free_port()
    with tempfile.TemporaryDirectory() as folder:
        server = start_server(port, {"WORKSHOP_DATA_DIR": folder})
        url = f"http://127.0.0.1:{port}"
        try:
            with sync_playwright() as playwright:
                browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
                student = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
                _train(student, url, "/iris?iris_epochs=2&iris_steps=20", "Run 1: ")
                last = f"Run {args.mnist_runs}: "
                for number in range(1, args.mnist_runs + 1):
                    _train(student, url, "/mnist?mnist_train_size=5000", f"Run {number}: ")
                newcomer = browser.new_context(viewport={"width": 1400, "height": 1000}).new_page()
                newcomer.goto(url + "/mnist")
                _done(newcomer, 90)
                with_work, without = [], []
                for _ in range(args.reloads):  # Taken in turn: both see the same machine.
                    with_work.append(_reload_seconds(student, last))
                    without.append(_reload_seconds(newcomer, None))
                browser.close()
        finally:
            stop_server(server)
    for name, times in (("with 1 Iris + MNIST runs", with_work), ("with no work", without)):
        print(
            f"reload of the MNIST page {name}: median {statistics.median(times):.2f} s, "
            f"max {max(times):.2f} s ({len(times)} reloads)"
        )
    print(f"ratio of medians: {statistics.median(with_work) / statistics.median(without):.2f}")
    flags = this_cpu()[1]
    print("CPU flags:", " ".join(flags))


if __name__ == "__main__":
    main()
