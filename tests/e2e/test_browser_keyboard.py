"""The Iris and the Draw lessons with the keyboard alone: Tab, Enter, Space and the arrows.

After the page has loaded, every step is a key press (page.keyboard), except one setup step
on the Draw page: the trained network is uploaded as a file, as in the other Draw tests.
Wherever the focus lands, it must be visible: an outline or a box-shadow.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.e2e.conftest import open_page, upload_model, wait_for_app

pytestmark = pytest.mark.browser

TRAINING_TIMEOUT = 120_000  # ms: TensorFlow's import and a training on a busy machine.
RUN_TIMEOUT = 60_000
IRIS = re.compile(r"Prediction: (setosa|versicolor|virginica) \((\d+)%\)")
DIGIT = re.compile(r"Prediction: (\d) \((\d+)%\)")
# What has the focus, seen through open shadow roots.
FOCUSED = """() => {
  let e = document.activeElement;
  while (e && e.shadowRoot && e.shadowRoot.activeElement) e = e.shadowRoot.activeElement;
  if (!e || e === document.body) return null;
  const probe = 'data-focus-probe';
  document.querySelectorAll(`[${probe}]`).forEach(o => o.removeAttribute(probe));
  e.setAttribute(probe, '');
  return {tag: e.tagName, role: e.getAttribute('role') || '', text: (e.innerText || '').trim(),
          label: e.getAttribute('aria-label') || ''};
}"""
# How the probed element and its three nearest ancestors are drawn: outline, box-shadow and
# border colour (Streamlit marks a focused text or number field by its box's border).
LOOKS = """() => {
  const out = [];
  for (let a = document.querySelector('[data-focus-probe]'), i = 0; a && i < 4;
       a = a.parentElement, i += 1) {
    const s = getComputedStyle(a);
    const outline = s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) > 0;
    out.push([outline ? s.outlineColor + ' ' + s.outlineWidth : 'none', s.boxShadow,
              s.borderColor]);
  }
  return out;
}"""


def tab_to(page: Page, wanted, most: int = 150, key: str = "Tab") -> dict:
    """Press Tab until `wanted(focused)` holds, and check that the focus there is visible:
    the element (or a box around it) is drawn otherwise than once the focus has left it
    (Shift+Tab, then Tab back). `key="Shift+Tab"` looks backwards."""
    for _ in range(most):
        page.keyboard.press(key)
        focused = page.evaluate(FOCUSED)
        if focused is not None and wanted(focused):
            with_focus = page.evaluate(LOOKS)
            page.keyboard.press("Shift+Tab")
            without = page.evaluate(LOOKS)
            page.keyboard.press("Tab")
            assert page.evaluate(FOCUSED) == focused, "Shift+Tab, Tab did not come back"
            assert with_focus != without, f"the focus on {focused} is not visible"
            return focused
    raise AssertionError(f"no element found after {most} presses of Tab")


def press(page: Page, key: str, times: int = 1) -> None:
    for _ in range(times):
        page.keyboard.press(key)


def test_the_iris_lesson_with_the_keyboard_alone(page: Page, app_url: str):
    open_page(page, app_url + "/iris", "The Iris classifier")
    tab_to(page, lambda f: f["tag"] == "BUTTON" and f["text"] == "Train the network")
    page.keyboard.press("Enter")
    expect(
        page.get_by_test_id("stMetricLabel").get_by_text("Test accuracy", exact=True)
    ).to_be_visible(timeout=TRAINING_TIMEOUT)
    wait_for_app(page, timeout=TRAINING_TIMEOUT)

    # A virginica: long, wide petals. Each measurement typed into its field, Enter to commit.
    flower = {"sepal length (cm)": 6.9, "petal length (cm)": 5.4, "petal width (cm)": 2.1}
    for label, value in flower.items():  # In the page's order, the order of Tab.
        field = page.get_by_label(label, exact=True)
        tab_to(page, lambda _, field=field: field.evaluate("e => e === document.activeElement"))
        page.keyboard.press("Control+A")
        page.keyboard.type(str(value))
        page.keyboard.press("Enter")
        wait_for_app(page, timeout=RUN_TIMEOUT)
        expect(field).to_have_value(re.compile(rf"^{re.escape(str(value))}0*$"))
    answer = page.locator(".st-key-iris_prediction")
    expect(answer).to_contain_text(re.compile(r"Prediction: virginica \(\d+%\)"), timeout=30_000)
    expect(page.get_by_test_id("stException")).to_have_count(0)


def test_the_draw_lesson_with_the_keyboard_alone(page: Page, app_url: str, mnist_model_invert):
    open_page(page, app_url + "/draw", "🖊️ Draw a digit")
    upload_model(page, mnist_model_invert.path)  # Leaves the focus in that expander.
    # The keyboard's section comes next: Tab to it, keys alone from here.
    tab_to(page, lambda f: "Draw with the keyboard" in f["text"])
    page.keyboard.press("Enter")  # Opens the section.
    grid = tab_to(page, lambda f: f["role"] == "application")
    assert "Space puts the pen down" in grid["label"]
    outline = page.locator(".kp-grid").evaluate("e => getComputedStyle(e).outlineStyle")
    assert outline != "none"  # The grid's own focus ring.
    section = page.locator(".kp")
    status = section.locator(".kp-status")
    answer = page.locator(".st-key-draw_keys_prediction")

    # A 1: from the middle (row 8) up to row 3, pen down, nine squares down, pen up.
    press(page, "ArrowUp", 5)
    expect(status).to_have_text(re.compile(r"^Pen up at row 3, column 8\. 0 of 196"))
    page.keyboard.press("Space")
    press(page, "ArrowDown", 9)
    expect(status).to_contain_text("Pen down at row 12, column 8. 10 of 196 squares inked.")
    expect(status).to_contain_text("Not sent yet")
    expect(section.locator(".kp-pen")).to_have_count(1)  # The pen's square is marked.
    expect(answer).to_have_count(0)  # Moving the pen sends nothing.
    page.keyboard.press("Space")  # Lifting the pen sends the drawing.
    expect(answer).to_have_text(DIGIT, timeout=RUN_TIMEOUT)
    assert DIGIT.search(answer.inner_text()).group(1) == "1", answer.inner_text()
    sees = page.get_by_role("img", name="What the network sees: 28x28 pixels")
    expect(sees).to_have_count(1)

    # Backspace clears; then a 7: a bar along row 3 and a staircase down to the left.
    page.keyboard.press("Backspace")
    expect(answer).to_have_count(0, timeout=RUN_TIMEOUT)
    expect(status).to_have_text(re.compile(r"^Pen up at row 12, column 8\. 0 of 196"))
    press(page, "ArrowUp", 9)  # The pen stayed where the 1 ended: back up to row 3, ...
    press(page, "ArrowLeft", 4)  # ... column 4.
    page.keyboard.press("Space")
    press(page, "ArrowRight", 7)
    for _ in range(5):  # Down and left in turn, then straight down.
        press(page, "ArrowDown")
        press(page, "ArrowLeft")
    press(page, "ArrowDown", 4)
    expect(status).to_contain_text("Pen down at row 12, column 6. 22 of 196 squares inked.")
    page.keyboard.press("Space")
    page.keyboard.press("Enter")
    expect(answer).to_have_text(DIGIT, timeout=RUN_TIMEOUT)
    wait_for_app(page, timeout=RUN_TIMEOUT)
    assert DIGIT.search(answer.inner_text()).group(1) == "7", answer.inner_text()
    assert page.evaluate(FOCUSED)["role"] == "application"  # The answer left the focus there.
    expect(page.get_by_test_id("stException")).to_have_count(0)
