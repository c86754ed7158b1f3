"""Settings survive navigation in a real browser, following the sidebar like a student.

The issue's scenario without its training (the loss came from the navigation alone): set
MNIST's training examples to 5,000 and the Iris epochs to their most, visit the Draw page and the
Neurons page (moving a slider there, so that more than one run passes away from them), and
come back: the sliders show what the student left, and the pages compute with it.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Locator, Page, expect

from core.engine.settings import limit_of
from core.iris.config import IrisConfig
from tests.e2e.conftest import wait_for_app

pytestmark = pytest.mark.browser

PAGE_TIMEOUT = 90_000  # ms: a page's first run on a shared 2-core machine.
MOST_EPOCHS = str(int(limit_of(IrisConfig, "epochs").high))  # Where End takes the slider.


def _go(page: Page, title: str, heading: str) -> None:
    """Click the page's link in the sidebar and wait until the page has run."""
    nav = page.get_by_test_id("stSidebarNav")
    more = nav.get_by_role("button", name=re.compile(r"^View \d+ more|^View more"))
    if more.count():  # With many pages Streamlit folds the list: unfold it.
        more.first.click()
    link = nav.get_by_test_id("stSidebarNavLink").filter(has=page.get_by_text(title, exact=True))
    link.click()
    expect(link).to_have_attribute("aria-current", "page", timeout=PAGE_TIMEOUT)
    wait_for_app(page, timeout=PAGE_TIMEOUT)
    expect(page.get_by_role("heading", name=heading)).to_be_visible()
    expect(page.get_by_test_id("stException")).to_have_count(0)


def _slider(page: Page, label: str) -> Locator:
    label_element = page.get_by_test_id("stWidgetLabel").get_by_text(label, exact=True)
    return page.get_by_test_id("stSlider").filter(has=label_element).get_by_role("slider")


def _expect_metric(page: Page, label: str, value: str) -> None:
    """Wait for a metric to show `value`: the rerun a slider starts may not have begun yet."""
    metric = page.get_by_test_id("stMetric").filter(
        has=page.get_by_test_id("stMetricLabel").get_by_text(label, exact=True)
    )
    expect(metric.get_by_test_id("stMetricValue")).to_have_text(value, timeout=PAGE_TIMEOUT)


def _press(page: Page, label: str, key: str) -> Locator:
    """Move a slider with the keyboard (Home: its first value, End: its last)."""
    thumb = _slider(page, label)
    thumb.focus()
    thumb.press(key)
    return thumb


def test_settings_survive_a_tour_of_other_pages(page: Page, app_url: str) -> None:
    page.goto(app_url)
    wait_for_app(page, timeout=PAGE_TIMEOUT)

    _go(page, "MNIST training", "MNIST: a network that reads digits")
    examples = _press(page, "Training examples", "Home")  # The over-fitting preset's size ...
    examples.press("ArrowRight")  # ... then 5,000.
    expect(examples).to_have_attribute("aria-valuetext", re.compile(r"^5,?000$"))
    wait_for_app(page, timeout=PAGE_TIMEOUT)

    _go(page, "Iris flowers", "The Iris classifier")
    epochs = _press(page, "Epochs", "End")
    expect(epochs).to_have_value(MOST_EPOCHS)
    wait_for_app(page, timeout=PAGE_TIMEOUT)

    _go(page, "Draw a digit", "Draw a digit")
    _go(page, "Neurons and networks", "Neurons and networks")
    bias = _press(page, "bias b", "End")
    expect(bias).to_have_value("2")
    wait_for_app(page, timeout=PAGE_TIMEOUT)
    _expect_metric(page, "weighted sum p", "2.80")  # 0.80 with the default bias 0.

    _go(page, "MNIST training", "MNIST: a network that reads digits")
    expect(_slider(page, "Training examples")).to_have_attribute(
        "aria-valuetext", re.compile(r"^5,?000$")
    )
    _go(page, "Iris flowers", "The Iris classifier")
    expect(_slider(page, "Epochs")).to_have_value(MOST_EPOCHS)

    _go(page, "Neurons and networks", "Neurons and networks")
    expect(_slider(page, "bias b")).to_have_value("2")
    _expect_metric(page, "weighted sum p", "2.80")
