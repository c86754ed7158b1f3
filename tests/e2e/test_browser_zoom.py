"""Zoom and reduced motion (WCAG 2.1: 1.4.4, 1.4.10 and 2.3.3) on every page, in Chromium.

At 320 CSS pixels wide, and at 200% zoom of a 1280x800 window (Chromium's zoom makes CSS
pixels twice as large, so the page lays itself out in 640x400 CSS pixels: that viewport is
what is tested; `device_scale_factor` only sharpens the rendering and zooms nothing), no page
scrolls sideways and no text is cut off. Tables, charts and formulas are left out of the
text check: WCAG 1.4.10 lets content that needs two dimensions scroll inside its own box.
With `prefers-reduced-motion: reduce`, nothing on a page animates or transitions
(ui/frame/accessible_css.py); without it, Streamlit's own transitions are there.
"""

from __future__ import annotations

import pytest
from playwright.sync_api import Browser, Page

from tests.e2e.conftest import open_page
from tests.e2e.phone import OVERFLOW
from ui.frame.page_list import PageEntry, every_page

pytestmark = pytest.mark.browser

PAGE_TIMEOUT = 120_000  # ms: a page's first run may import TensorFlow on a shared machine.
NARROW = {"width": 320, "height": 640}
ZOOMED = {"width": 640, "height": 400}  # 1280x800 at 200%.

# Text the student cannot read whole: an element with text of its own that reaches past the
# screen's edges, or whose box hides part of it (overflow hidden with a scroll width larger
# than its width). Tables (a grid that scrolls in its own box), charts and formulas are out.
CUT_TEXT = """() => {
    const width = document.documentElement.clientWidth;
    const exempt = '[data-testid=stDataFrame], [data-testid=stTable], .js-plotly-plot, ' +
        'svg, canvas, .katex-display, [data-testid=stSidebar], [data-testid=stCode], ' +
        '.katex-mathml, .sr-only';  // The last two: text for screen readers, not shown.
    const cut = [];
    for (const el of document.querySelectorAll('[data-testid=stMain] *')) {
        if (el.closest(exempt)) continue;
        const own = Array.from(el.childNodes).some(
            n => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
        if (!own) continue;
        const box = el.getBoundingClientRect();
        if (box.width === 0 || box.height === 0) continue;
        const style = getComputedStyle(el);
        const hides = ['hidden', 'clip'].includes(style.overflowX);
        if (box.right > width + 1 || box.left < -1 ||
            (hides && el.scrollWidth > el.clientWidth + 1)) {
            cut.push(el.tagName + ': ' + el.textContent.trim().slice(0, 60) +
                     ` (${Math.round(box.left)}..${Math.round(box.right)} of ${width})`);
        }
    }
    return cut;
}"""

# Every element of the document whose animation or transition lasts longer than 10 ms, with
# what it is; the canvas's shadow root is left out (no animations of its own).
MOVING = """() => {
    const seconds = (text) => Math.max(...text.split(',').map(part => {
        const value = parseFloat(part);
        return part.trim().endsWith('ms') ? value / 1000 : value;
    }));
    const moving = [];
    for (const el of document.querySelectorAll('*')) {
        const style = getComputedStyle(el);
        const animated = style.animationName !== 'none' &&
            seconds(style.animationDuration) > 0.01;
        const transition = style.transitionProperty !== 'none' &&
            seconds(style.transitionDuration) > 0.01;
        if (animated || transition) {
            const name = el.getAttribute('data-testid') || el.className.toString().slice(0, 40);
            moving.push(`${el.tagName} ${name}: animation ${style.animationName} ` +
                        `${style.animationDuration}, transition ${style.transitionDuration}`);
        }
    }
    return moving;
}"""


# ui/frame/accessible_css.py's reduced-motion rule is in the document (Streamlit's own styles
# have rules for reduced motion too, but none that sets every transition to 0.01 ms).
OUR_RULES = """() => Array.from(document.styleSheets).some(sheet => {
    try {
        return Array.from(sheet.cssRules).some(rule =>
            rule.cssText.includes('prefers-reduced-motion') &&
            rule.cssText.includes('transition-duration: 0.01ms'));
    } catch (error) { return false; }  // A sheet from another origin cannot be read.
})"""


def _open(page: Page, url: str) -> None:
    """A page in a new session, its script finished (open_page closes a fresh server's
    spurious dialog), and a moment for charts and the canvas to lay themselves out."""
    open_page(page, url, timeout=PAGE_TIMEOUT)
    page.wait_for_timeout(1000)


@pytest.mark.parametrize("viewport", [NARROW, ZOOMED], ids=["320px", "zoom200"])
@pytest.mark.parametrize("entry", every_page(), ids=lambda entry: entry.name)
def test_no_sideways_scrolling_nor_cut_text(
    browser: Browser, app_url: str, entry: PageEntry, viewport: dict
):
    context = browser.new_context(viewport=viewport)
    try:
        page = context.new_page()
        _open(page, f"{app_url}/{entry.url_path or ''}")
        assert page.evaluate("() => document.documentElement.clientWidth") == viewport["width"]
        assert page.evaluate(OVERFLOW) <= 1, f"{entry.name} scrolls sideways at {viewport}"
        cut = page.evaluate(CUT_TEXT)
        assert not cut, f"{entry.name} at {viewport}: text cut off\n" + "\n".join(cut)
    finally:
        context.close()


@pytest.mark.parametrize("path", ["", "iris", "convolution"], ids=["home", "iris", "convolution"])
def test_reduced_motion_stops_animations_and_transitions(browser: Browser, app_url: str, path: str):
    moving = {}
    for motion in ("no-preference", "reduce"):
        context = browser.new_context(
            viewport={"width": 1400, "height": 1000}, reduced_motion=motion
        )
        try:
            page = context.new_page()
            _open(page, f"{app_url}/{path}")
            # Streamlit loads its HTML element's code only when a page first has one, so on a
            # busy machine the rules can come seconds after the script has finished.
            page.wait_for_function(OUR_RULES, timeout=PAGE_TIMEOUT)
            assert page.evaluate(
                "() => matchMedia('(prefers-reduced-motion: reduce)').matches"
            ) == (motion == "reduce")
            moving[motion] = page.evaluate(MOVING)
        finally:
            context.close()
    # Without the preference Streamlit's widgets and sidebar have transitions: the check sees them.
    assert moving["no-preference"], "no transition found at all: the check looks at nothing"
    assert not moving["reduce"], "still moving with reduced motion:\n" + "\n".join(moving["reduce"])
