"""Digits drawn the way a student draws them with a mouse, for tests and benchmarks.

A few hand-designed styles per digit, as polylines jittered by a seeded generator (the same
seed, the same drawing). `stroke_points` gives canvas pixels that a browser test replays with
the mouse; the result looks like `draw_strokes` of the same points.
"""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw

PAPERS = ("black", "white", "transparent")
Stroke = list[tuple[float, float]]


def _arc(cx: float, cy: float, rx: float, ry: float, start: float, end: float) -> Stroke:
    """Points on an ellipse from angle `start` to `end` in degrees (y points down, so 90 is
    the bottom and going from 0 to 90 turns clockwise on screen)."""
    t = np.radians(np.linspace(start, end, max(3, int(abs(end - start) / 10) + 1)))
    return list(zip(cx + rx * np.cos(t), cy + ry * np.sin(t), strict=True))


def _eight(top: float, waist: float) -> Stroke:
    """One-stroke 8: start at the upper right, over the top, cross at the waist, round the
    bottom and back up. `top` is the upper loop's width relative to the lower one's."""
    t = np.linspace(-0.5, 2 * np.pi + 0.15, 60)
    y = 0.5 - 0.5 * np.cos(t)
    y = np.where(y < 0.5, y * 2 * waist, waist + (y - 0.5) * 2 * (1 - waist))
    width = np.where(y < waist, 0.27 * top, 0.3)
    return list(zip(0.3 - width * np.sin(2 * t), y, strict=True))


# The loop at the bottom left of a "curly" 2.
_CURLY_FOOT = [(0.2, 0.82), (0.05, 0.95), (0.12, 1.0), (0.25, 0.9), (0.45, 0.97), (0.65, 1.0)]

# Each style is a list of strokes; each stroke a polyline in a box of height 1 (y down) and
# width about 0.6. The order of points is the order a person would draw them in.
STYLES: dict[int, list[list[Stroke]]] = {
    0: [
        [_arc(0.3, 0.5, 0.3, 0.5, -80, 290)],
        [_arc(0.3, 0.5, 0.25, 0.5, -100, 265)],
    ],
    1: [
        [[(0.35, 0.0), (0.3, 1.0)]],
        [[(0.16, 0.17), (0.38, 0.0), (0.33, 1.0)]],
        [[(0.13, 0.15), (0.33, 0.0), (0.33, 1.0)], [(0.12, 1.0), (0.54, 1.0)]],
    ],
    2: [
        [[*_arc(0.3, 0.28, 0.28, 0.28, 195, 350), (0.02, 1.0), (0.62, 0.98)]],
        [[*_arc(0.32, 0.3, 0.28, 0.3, 200, 370), *_CURLY_FOOT]],
    ],
    3: [
        [_arc(0.3, 0.25, 0.26, 0.25, 210, 460) + _arc(0.3, 0.73, 0.31, 0.27, 260, 505)],
        [[(0.05, 0.0), (0.55, 0.0), (0.25, 0.42), *_arc(0.3, 0.71, 0.3, 0.29, 275, 505)]],
    ],
    4: [
        [[(0.42, 0.0), (0.0, 0.62), (0.65, 0.62)], [(0.48, 0.2), (0.48, 1.0)]],
        [[(0.08, 0.0), (0.03, 0.55), (0.65, 0.55)], [(0.52, 0.02), (0.5, 1.0)]],
    ],
    5: [
        [[(0.6, 0.0), (0.12, 0.0), (0.07, 0.45), *_arc(0.3, 0.68, 0.3, 0.3, 230, 500)]],
        [
            [(0.12, 0.0), (0.07, 0.45), *_arc(0.3, 0.68, 0.3, 0.3, 230, 500)],
            [(0.12, 0.0), (0.6, 0.0)],
        ],
    ],
    6: [
        [[(0.52, 0.0), (0.3, 0.15), (0.12, 0.4), *_arc(0.32, 0.74, 0.28, 0.26, 185, -175)]],
        [[(0.45, 0.0), (0.22, 0.25), *_arc(0.32, 0.74, 0.27, 0.26, 200, -150)]],
    ],
    7: [
        [[(0.0, 0.02), (0.62, 0.0), (0.22, 1.0)]],
        [[(0.0, 0.02), (0.62, 0.0), (0.22, 1.0)], [(0.12, 0.52), (0.55, 0.5)]],
        [[(0.0, 0.12), (0.02, 0.0), (0.62, 0.02), (0.4, 0.45), (0.28, 1.0)]],
    ],
    8: [[_eight(0.8, 0.45)], [_eight(1.0, 0.5)]],
    9: [
        [[*_arc(0.3, 0.27, 0.27, 0.26, -20, -375), (0.52, 1.0)]],
        [[*_arc(0.3, 0.27, 0.27, 0.26, -10, -370), (0.55, 0.7), (0.5, 0.92), (0.3, 1.0)]],
    ],
}


def _resample(points: np.ndarray, step: float) -> np.ndarray:
    """Points every `step` units along the polyline, so replaying them is smooth."""
    if len(points) < 2:
        return points
    seg = np.linalg.norm(np.diff(points, axis=0), axis=1)
    dist = np.concatenate([[0.0], np.cumsum(seg)])
    at = np.linspace(0.0, dist[-1], max(2, int(np.ceil(dist[-1] / step)) + 1))
    return np.stack([np.interp(at, dist, points[:, 0]), np.interp(at, dist, points[:, 1])], 1)


def _wobble(points: np.ndarray, rng: np.random.Generator) -> np.ndarray:
    """A hand is not a plotter: move the corners a little and bend the line smoothly."""
    if len(points) <= 6:  # Corners of straight strokes; arcs are dense and move as a whole.
        points = points + rng.normal(0, 0.03, points.shape)
    line = _resample(points, 0.02)
    along = np.linspace(0, 1, len(line))[:, None]
    freq = rng.uniform(0.5, 2.0, (1, 2))
    length = float(np.linalg.norm(np.diff(line, axis=0), axis=1).sum())
    return line + 0.02 * min(1.0, length) * np.sin(
        2 * np.pi * freq * along + rng.uniform(0, 2 * np.pi, (1, 2))
    )


def stroke_points(
    digit: int, rng: np.random.Generator, size: int = 280, style: int | None = None
) -> list[Stroke]:
    """The polylines of one randomly varied digit, in pixels of a `size` x `size` canvas."""
    if digit not in STYLES:
        raise ValueError(f"digit must be 0-9, got {digit!r}")
    styles = STYLES[digit]
    if style is not None and not 0 <= style < len(styles):
        raise ValueError(f"digit {digit} has styles 0-{len(styles) - 1}, got {style!r}")
    chosen = styles[rng.integers(len(styles))] if style is None else styles[style]
    strokes = [_wobble(np.asarray(s), rng) for s in chosen]
    width = rng.uniform(0.8, 1.2)  # Narrower or wider than the design.
    slant = np.tan(np.radians(rng.uniform(-8, 20)))  # Most people lean to the right.
    angle = np.radians(rng.uniform(-6, 6))
    rot = np.array([[np.cos(angle), -np.sin(angle)], [np.sin(angle), np.cos(angle)]])
    shaped = []
    for s in strokes:
        xy = np.stack([s[:, 0] * width + slant * (1 - s[:, 1]), s[:, 1]], 1) @ rot.T
        if len(xy) >= 5:  # A moving average rounds sharp jitter but keeps the ends.
            xy[1:-1] = (xy[:-2] + xy[1:-1] + xy[2:]) / 3
        shaped.append(xy)
    allxy = np.concatenate(shaped)
    lo, hi = allxy.min(0), allxy.max(0)
    margin = size / 12  # Room for the pen's width: the ink must not touch the edge.
    height = rng.uniform(0.45, 0.8) * size
    scale = min(height / max(hi[1] - lo[1], 1e-6), (size - 2 * margin) / max(hi[0] - lo[0], 1e-6))
    extent = (hi - lo) * scale
    offset = np.array([rng.uniform(margin, max(margin, size - margin - e)) for e in extent])
    return [[(float(x), float(y)) for x, y in (xy - lo) * scale + offset] for xy in shaped]


def draw_strokes(
    strokes: list[Stroke], paper: str = "black", size: int = 280, pen_width: float | None = None
) -> np.ndarray:
    """Render polylines with a round pen into RGBA uint8 like the drawing canvas returns.

    "black" paper gets white ink, "white" paper black ink, and "transparent" (the canvas's
    default) black ink on alpha 0. Drawn at 4x and averaged down, for anti-aliased edges.
    """
    if paper not in PAPERS:
        raise ValueError(f"paper must be one of {PAPERS}, got {paper!r}")
    ss = 4
    pen = (size / 12 if pen_width is None else pen_width) * ss
    mask = Image.new("L", (size * ss, size * ss), 0)
    draw = ImageDraw.Draw(mask)
    for stroke in strokes:
        # PIL's pixel (i, j) has its centre at i + 0.5 in canvas units times ss.
        pts = [(x * ss - 0.5, y * ss - 0.5) for x, y in stroke]
        if len(pts) > 1:
            draw.line(pts, fill=255, width=round(pen))
        for x, y in pts:  # Round joints and caps, as a canvas pen has.
            draw.ellipse((x - pen / 2, y - pen / 2, x + pen / 2, y + pen / 2), fill=255)
    ink = np.asarray(mask.reduce(ss))  # The mean of each ss x ss block.
    out = np.empty((size, size, 4), dtype=np.uint8)
    if paper == "black":
        out[..., :3], out[..., 3] = ink[..., None], 255
    elif paper == "white":
        out[..., :3], out[..., 3] = 255 - ink[..., None], 255
    else:
        out[..., :3], out[..., 3] = 0, ink
    return out


def render_digit(
    digit: int,
    rng: np.random.Generator,
    paper: str = "black",
    size: int = 280,
    pen_width: float | None = None,
) -> np.ndarray:
    """A random hand-drawn `digit` as an RGBA canvas image; the pen is ~size/12 wide ±15%."""
    strokes = stroke_points(digit, rng, size)
    if pen_width is None:
        pen_width = size / 12 * rng.uniform(0.85, 1.15)
    return draw_strokes(strokes, paper, size, pen_width)
