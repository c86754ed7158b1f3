"""A real server that sends its trainings to a local Ray head, in a real browser.

A student trains MNIST, stops a second training, draws a digit and looks inside the CNN.
Then the server's own process must not have TensorFlow loaded (no libtensorflow mapped
into it): the cluster trained and tested, the page answered in NumPy.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import numpy as np
import psutil
import pytest
from playwright.sync_api import Page, expect

from devtools.canvas import BLACK_PAPER
from devtools.script_runs import COUNT_RUNS
from devtools.server import free_port, start_server, stop_server
from tests.e2e.conftest import metric_value, open_page, wait_for_app
from tests.e2e.strokes_seen import Delivery
from tests.e2e.test_browser_draw import _draw
from tests.e2e.test_browser_mnist import (
    ACCURACY,
    STOP_TIMEOUT,
    TRAINING_TIMEOUT,
    _no_exception,
    _progress_seen,
    _record_progress,
    _set_training_examples,
    _wait_for_progress,
)

pytestmark = [pytest.mark.browser, pytest.mark.ray]


@pytest.fixture(scope="module")
def ray_server(ray_head) -> Iterator[tuple[str, int]]:
    process = start_server(port := free_port(), {"WORKSHOP_RAY_ADDRESS": ray_head.address})
    try:
        yield f"http://127.0.0.1:{port}", process.pid
    finally:
        stop_server(process)


def tensorflow_libraries(pid: int) -> set[str]:
    """TensorFlow's shared libraries mapped into the process (none: it never imported it)."""
    maps = Path(f"/proc/{pid}/maps").read_text()
    return {line.split()[-1] for line in maps.splitlines() if "libtensorflow" in line}


def test_train_stop_draw_and_look_inside_without_tensorflow_in_the_server(
    page: Page, ray_server: tuple[str, int]
):
    url, pid = ray_server
    open_page(page, url + "/mnist", "MNIST: a network that reads digits")
    _set_training_examples(page, "Home ArrowRight", "5,000")
    _record_progress(page)
    page.get_by_role("button", name="Train the network").click()
    expect(page.get_by_test_id("stMetricLabel").get_by_text(ACCURACY)).to_be_visible(
        timeout=TRAINING_TIMEOUT
    )
    wait_for_app(page, timeout=TRAINING_TIMEOUT)
    _no_exception(page)
    assert float(metric_value(page, ACCURACY).rstrip("%")) > 80.0
    # The worker's progress reached the page, however short the training (CI once missed it).
    shown, stop_offered = _progress_seen(page)
    assert any(re.search(r"batch \d+/40:", text) for text in shown), shown
    assert stop_offered
    expect(page.get_by_role("button", name="Download this model (.keras)")).to_be_visible()

    _set_training_examples(page, "End", "60,000")
    page.get_by_role("button", name="Train the network").click()
    _wait_for_progress(page)
    page.get_by_role("button", name="Stop training").click()
    expect(page.get_by_test_id("stAlert").filter(has_text="stopped early")).to_be_visible(
        timeout=STOP_TIMEOUT
    )
    wait_for_app(page, timeout=STOP_TIMEOUT)
    _no_exception(page)

    # Through the sidebar: a new page load would be a new session, without the runs.
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Draw a digit").click()
    expect(page.get_by_role("heading", name="Draw a digit")).to_be_visible()
    wait_for_app(page, timeout=TRAINING_TIMEOUT)
    page.evaluate(COUNT_RUNS)
    digit, confidence = _draw(page, 7, np.random.default_rng(7), BLACK_PAPER, Delivery())
    assert 0 <= digit <= 9 and 0 <= confidence <= 100
    page.get_by_test_id("stSidebarNav").get_by_role("link", name="Inside the CNN").click()
    expect(page.get_by_role("heading", name="Inside the CNN")).to_be_visible()
    wait_for_app(page, timeout=TRAINING_TIMEOUT)
    _no_exception(page)
    expect(page.get_by_text(re.compile(r"Model: Run 2: .*stopped after"))).to_be_visible()

    assert tensorflow_libraries(pid) == set()
    rss = psutil.Process(pid).memory_info().rss / 2**20
    print(f"\nserver RSS after one student's visit with Ray: {rss:.0f} MB")
