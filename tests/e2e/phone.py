"""A phone in Chromium for the browser tests: touch, a 390x844 screen, and what to check.

Streamlit scrolls its page inside `stMain`, not the document, so a "full page" screenshot
here grows the viewport to the page's height for the moment of the capture.
"""

from __future__ import annotations

import re
import time
from pathlib import Path

from playwright.sync_api import CDPSession, Page, expect
from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from tests.conftest import ROOT
from tests.e2e.conftest import wait_for_app

# A 390x844 touch screen (an iPhone 12-15's size) in Chrome for Android. The user agent
# matters: Streamlit closes the sidebar after a link is followed only on a browser that
# calls itself mobile (the one below is Playwright's "Pixel 7").
PHONE = {
    "user_agent": (
        "Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
        "Chrome/159.0.8154.6 Mobile Safari/537.36"
    ),
    "viewport": {"width": 390, "height": 844},
    "has_touch": True,
    "is_mobile": True,
    "device_scale_factor": 3,
}
SHOTS = ROOT / "test-results" / "phone"  # Ignored by git; look at them after a run.
PAGE_TIMEOUT = 120_000  # ms: a page's first run may import TensorFlow on a shared machine.

# The page's horizontal overflow: how far the document or Streamlit's scrolling main area is
# wider than the screen (0 when nothing scrolls sideways).
OVERFLOW = """() => {
    const main = document.querySelector('[data-testid=stMain]');
    const doc = document.documentElement;
    return Math.max(doc.scrollWidth - doc.clientWidth, main.scrollWidth - main.clientWidth);
}"""
MAIN_SCROLL = """() => [window.scrollY,
    document.querySelector('[data-testid=stMain]').scrollTop]"""


def full_page_screenshot(page: Page, name: str) -> Path:
    """The whole page at the phone's width, saved under test-results/phone/."""
    SHOTS.mkdir(parents=True, exist_ok=True)
    size = page.viewport_size or PHONE["viewport"]
    height = page.evaluate("() => document.querySelector('[data-testid=stMain]').scrollHeight")
    page.set_viewport_size({"width": size["width"], "height": max(size["height"], height)})
    try:
        page.wait_for_timeout(1000)  # Charts lay themselves out again for the new height.
        path = SHOTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=True)
    finally:
        page.set_viewport_size(size)
    return path


def _touch(cdp: CDPSession, kind: str, point: tuple[float, float] | None = None) -> None:
    points = [] if point is None else [{"x": point[0], "y": point[1]}]
    cdp.send("Input.dispatchTouchEvent", {"type": kind, "touchPoints": points})


def touch_stroke(cdp: CDPSession, points: list[tuple[float, float]], pause: float = 0.0) -> None:
    """One finger down at the first point, through the others, and up: real touch events
    (Chrome DevTools' Input.dispatchTouchEvent, in CSS pixels of the viewport)."""
    _touch(cdp, "touchStart", points[0])
    for point in points[1:]:
        _touch(cdp, "touchMove", point)
        if pause:
            time.sleep(pause)
    _touch(cdp, "touchEnd")


def swipe(cdp: CDPSession, x: float, y_from: float, y_to: float, steps: int = 12) -> None:
    """A thumb pushing the page up (y_to < y_from), at about one move per frame."""
    points = [(x, y_from + (y_to - y_from) * k / steps) for k in range(steps + 1)]
    touch_stroke(cdp, points, pause=0.016)


def sidebar_is_open(page: Page) -> bool:
    """Whether the sidebar covers part of the screen right now (it may be sliding)."""
    box = page.get_by_test_id("stSidebar").bounding_box()
    return box is not None and box["width"] > 0 and box["x"] + box["width"] > 0


SIDEBAR_SHOWN = """(wanted) => {
    const bar = document.querySelector('[data-testid="stSidebar"]');
    const box = bar ? bar.getBoundingClientRect() : null;
    return (box !== null && box.width > 0 && box.right > 0) === wanted;
}"""


def sidebar_settles(page: Page, shown: bool, timeout: float = 5_000) -> bool:
    """Whether the sidebar ends up shown (or hidden) within `timeout` ms: it slides in and
    out, so a look in the middle of the slide would say neither."""
    try:
        page.wait_for_function(SIDEBAR_SHOWN, arg=shown, timeout=timeout)
    except PlaywrightTimeoutError:
        return False
    return True


def go_to(page: Page, title: str) -> None:
    """Open the sidebar with its button, as a student on a phone does, and follow a link."""
    wait_for_app(page, timeout=PAGE_TIMEOUT)
    if not sidebar_is_open(page):
        page.get_by_test_id("stExpandSidebarButton").click()
    nav = page.get_by_test_id("stSidebarNav")
    expect(nav).to_be_visible()
    link = nav.get_by_test_id("stSidebarNavLink").filter(has=page.get_by_text(title, exact=True))
    if not link.count():  # Streamlit shows the first ten pages, then "View 3 more".
        nav.get_by_role("button", name=re.compile(r"^View \d+ more$")).click()
    link.click()
    expect(link).to_have_attribute("aria-current", "page", timeout=PAGE_TIMEOUT)
    wait_for_app(page, timeout=PAGE_TIMEOUT)
    expect(page.get_by_test_id("stMain").locator("h1").first).to_be_visible(timeout=PAGE_TIMEOUT)
    # On a phone the sidebar slides shut after a link; touches go to the page once it has.
    sidebar_settles(page, shown=False)
