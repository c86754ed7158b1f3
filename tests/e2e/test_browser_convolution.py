"""The Kernels page in a real browser: choosing a preset changes the filtered image."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import choose_option, open_page, wait_for_app

pytestmark = pytest.mark.browser

RANGE = re.compile(r"The output's values run from (-?\d+) to (-?\d+)")


def _output_range(page: Page) -> str:
    caption = page.get_by_text(RANGE)
    expect(caption).to_be_visible()
    return RANGE.search(caption.inner_text()).group(0)


def _output_chart_image(page: Page) -> str:
    """The output heatmap's rendered pixels, as plotly draws them (a data URL)."""
    chart = page.locator(".stPlotlyChart").filter(has_text="Output:").first
    chart.scroll_into_view_if_needed()
    image = chart.locator("image").first
    expect(image).to_be_attached()
    return image.get_attribute("href") or image.get_attribute("xlink:href") or ""


def _choose_preset(page: Page, name: str) -> None:
    choose_option(page, page.get_by_label("Preset kernel"), name)
    wait_for_app(page)


def test_choosing_sobel_vertical_changes_the_output(page: Page, app_url: str):
    open_page(page, app_url + "/convolution", "An image is a grid of numbers")
    before_range, before_image = _output_range(page), _output_chart_image(page)
    assert before_image

    _choose_preset(page, "Sobel vertical")

    # The chart's title (its words for screen readers start the same, hidden).
    expect(page.get_by_text("Output: Sobel vertical", exact=True)).to_be_visible()
    expect(page.get_by_text(RANGE)).not_to_have_text(before_range)
    assert _output_range(page) != before_range
    assert _output_chart_image(page) != before_image
    expect(page.get_by_text("rescaled so the largest magnitude is white")).to_be_visible()


def test_an_upload_of_random_bytes_shows_a_clear_error(page: Page, app_url: str):
    open_page(page, app_url + "/convolution", "An image is a grid of numbers")
    page.get_by_text("Upload an image").click()
    wait_for_app(page)
    page.locator("input[type=file]").set_input_files(
        files=[{"name": "noise.png", "mimeType": "image/png", "buffer": bytes(range(256)) * 20}]
    )
    wait_for_app(page)
    expect(page.get_by_text("not a PNG or JPEG image")).to_be_visible()
    expect(page.locator("[data-testid=stException]")).to_have_count(0)
