"""The Iris page in a real browser: train the network, then measure two flowers."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import metric_value, open_page, wait_for_app

pytestmark = pytest.mark.browser

FEATURES = ("sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)")
PREDICTION = re.compile(r"Prediction: (setosa|versicolor|virginica) \((\d+)%\)")
# ms: TensorFlow's import plus the training, with room for a busy shared machine
# (docs/testing.md, "How long it takes").
TRAINING_TIMEOUT = 120_000


def _measure(page: Page, values: tuple[float, float, float, float], expected: str) -> int:
    """Type a flower's four measurements, check the predicted species, return its percent."""
    for name, value in zip(FEATURES, values, strict=True):
        field = page.get_by_label(name, exact=True)
        field.fill(str(value))
        field.press("Enter")
        # Streamlit shows the committed value with the step's precision: 5.1 becomes "5.10".
        expect(field).to_have_value(re.compile(rf"^{re.escape(str(value))}0*$"))
        wait_for_app(page, timeout=60_000)
    # The last rerun may still be on its way: wait for the expected species, which fails with
    # the text actually shown if the network says something else.
    container = page.locator(".st-key-iris_prediction")
    expect(container).to_contain_text(
        re.compile(rf"Prediction: {expected} \(\d+%\)"), timeout=30_000
    )
    wait_for_app(page, timeout=60_000)
    match = PREDICTION.search(container.inner_text())
    assert match, container.inner_text()
    assert match.group(1) == expected, match.group(0)
    # The flower on the scatter: an SVG image whose alt text names where it is drawn.
    flower = container.locator(
        f"img[alt*='Your flower, the cross:'][alt*=' {values[2]:g}, '][alt$=' {values[3]:g}.']"
    )
    expect(flower).to_be_visible()
    assert flower.evaluate("image => image.naturalWidth") > 0
    return int(match.group(2))


def test_training_then_measuring_two_flowers(page: Page, app_url: str):
    open_page(page, app_url + "/iris", "The Iris classifier")
    expect(page.get_by_text("Press Train the network to train it")).to_be_visible()

    page.get_by_role("button", name="Train the network").click()
    # The button click starts a run; wait for it to finish (the metric only appears after fit).
    expect(
        page.get_by_test_id("stMetricLabel").get_by_text("Test accuracy", exact=True)
    ).to_be_visible(timeout=TRAINING_TIMEOUT)
    wait_for_app(page, timeout=TRAINING_TIMEOUT)

    accuracy = metric_value(page, "Test accuracy")
    assert re.fullmatch(r"\d+(\.\d+)?%", accuracy), accuracy
    assert float(accuracy.rstrip("%")) >= 90.0, f"test accuracy {accuracy}"
    expect(page.get_by_test_id("stException")).to_have_count(0)

    # The largest of three probabilities is at least a third.
    assert 34 <= _measure(page, (5.1, 3.3, 1.7, 0.5), "setosa") <= 100
    assert 34 <= _measure(page, (6.9, 3.1, 5.4, 2.1), "virginica") <= 100

    # The settings did not change, so the page must not ask for retraining.
    expect(page.get_by_text("The settings changed since this network was trained")).to_have_count(0)
    expect(page.get_by_test_id("stException")).to_have_count(0)
