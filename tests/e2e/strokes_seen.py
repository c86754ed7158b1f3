"""Did a stroke drawn in the browser reach the server? The Draw page's tests ask here.

The page shows the 28x28 input it gave the network ("What the network sees"), made on the
server from the drawing the canvas sent. The canvas's own pixels, put through the same
preprocessing here (core.digits.preprocess), must give the same 28x28 picture once the
server has the drawing: then the drawing it answered holds every stroke on the canvas. A
stroke the canvas never saw leaves no new ink; one whose drawing never reached the server
leaves the page's picture behind the canvas's. Either is a lost stroke.
"""

from __future__ import annotations

import base64
import io
import time
from dataclasses import dataclass, field

import numpy as np
from PIL import Image
from playwright.sync_api import Page

from core.digits.preprocess import preprocess_drawing
from devtools.canvas import BLACK_PAPER, INK, SURFACE, WHITE_PAPER

SEES = 'img[alt="What the network sees: 28x28 pixels"]'
PAPER_NAMES = {BLACK_PAPER: "black", WHITE_PAPER: "white"}  # The page's names for them.
CANVAS_PNG = "(canvas) => canvas.toDataURL('image/png')"
# The canvas sends its drawing as a PNG of the same 280x280 pixels it shows, so both pictures
# agree to the pixel; the tolerance only allows for a stray grey level of anti-aliasing. A
# missing stroke changes the crop, the scale and the centre of mass: many pixels, by far more.
SAME_PIXELS = 0.5  # mean |difference| of the two 28x28 pictures, in grey levels of 255


# Whether the canvas itself lies under a point (CSS pixels of the viewport), where a stroke
# begins: the press goes to whatever is there. Streamlit's header covers the top of the
# screen, and the canvas's own toolbar (invisible until the pointer hovers the canvas) its
# top-right corner. Run on the drawing surface's top layer (canvas.upper-canvas).
UNCOVERED = "(canvas, [x, y]) => canvas.getRootNode().elementFromPoint(x, y) === canvas"


def assert_starts_on_canvas(page: Page, point: tuple[float, float]) -> None:
    """Fail, as the test's own mistake, if a stroke would begin on anything but the canvas
    (off screen, under the header, on the toolbar)."""
    upper = page.locator("canvas.upper-canvas")
    assert upper.evaluate(UNCOVERED, list(point)), (
        f"a stroke would begin at {point}, not on the canvas ({upper.bounding_box()})"
    )


def _decode(uri: str) -> np.ndarray:
    _, data = uri.split(";base64,", 1)
    return np.asarray(Image.open(io.BytesIO(base64.b64decode(data))))


def server_sees(page: Page) -> np.ndarray | None:
    """The 28x28 input the page shows now (uint8), or None while it shows none."""
    pictures = page.locator(SEES)
    if pictures.count() != 1:
        return None
    src = pictures.get_attribute("src")
    return None if src is None else _decode(src)


def canvas_sees(page: Page, paper: str) -> np.ndarray:
    """The 28x28 input the canvas's pixels give (uint8), preprocessed as the page does
    with its default settings (crop and centre on)."""
    rgba = _decode(page.locator(SURFACE).evaluate(CANVAS_PNG))
    return preprocess_drawing(rgba, PAPER_NAMES[paper], centre=True).centred


def ink(page: Page) -> int:
    """Pixels of the drawing surface that differ from its first pixel (the paper)."""
    return page.locator(SURFACE).evaluate(INK)


def difference(page: Page, paper: str) -> float | None:
    """How far the page's 28x28 input is from the canvas's (None: the page shows none)."""
    shown = server_sees(page)
    if shown is None:
        return None
    return float(np.abs(shown.astype(np.float32) - canvas_sees(page, paper)).mean())


def wait_until_seen(page: Page, paper: str, ink_before: int, timeout_s: float = 30) -> str:
    """Wait until the stroke just drawn is on the canvas and in the drawing the server
    answered; "" when it is, else what went wrong (the stroke is lost).

    Polls while the app works: the canvas sends a drawing 0.2 s after the mouse-up, and the
    server's answer comes a run later.
    """
    deadline = time.monotonic() + timeout_s
    while True:
        now = ink(page)
        state = page.locator("[data-test-script-state]").first.get_attribute(
            "data-test-script-state"
        )
        gap = difference(page, paper) if now > ink_before else None
        if gap is not None and gap <= SAME_PIXELS and state == "notRunning":
            return ""
        if time.monotonic() > deadline:
            if now <= ink_before:
                return "it left no ink on the canvas"
            if gap is None:
                return "the page showed no 28x28 input"
            return f"the page's 28x28 input differs from the canvas's by {gap:.1f} grey levels"
        page.wait_for_timeout(100)


@dataclass
class Delivery:
    """Strokes drawn, and the ones that never reached the server, with why.

    Every stroke must arrive: the canvas misses none (docs/load-test.md). A lost stroke is
    not drawn again; the caller finishes its digit and calls `check`, which fails counting
    the strokes lost and drawn so far.
    """

    drawn: int = 0
    lost: list[str] = field(default_factory=list)

    def wait(self, page: Page, paper: str, ink_before: int, stroke: str) -> None:
        """Count the stroke just drawn (`stroke` says which) and wait until it has arrived;
        if it never does, note it as lost."""
        self.drawn += 1
        if problem := wait_until_seen(page, paper, ink_before):
            self.lost.append(f"{stroke}: {problem}")

    def check(self) -> None:
        assert not self.lost, (
            f"{len(self.lost)} of {self.drawn} strokes drawn never reached the server: "
            + "; ".join(self.lost)
        )
