"""The canvas state a protocol student sends holds the same digit a browser's canvas would."""

from __future__ import annotations

import base64
import io
import json

import numpy as np
from PIL import Image

from core.digits.strokes import draw_strokes, stroke_points
from devtools.protocol.drawing import PEN, SIZE, blank_state, canvas_state


def _decoded(state: str) -> tuple[dict, np.ndarray]:
    drawing = json.loads(state)["drawing"]
    png = base64.b64decode(drawing["data"].split(";base64,", 1)[1])
    return drawing["raw"], np.asarray(Image.open(io.BytesIO(png)))


def test_the_png_is_the_strokes_drawn_with_the_pages_pen() -> None:
    strokes = stroke_points(3, np.random.default_rng(0), SIZE)
    raw, image = _decoded(canvas_state(strokes, clears=2))
    assert image.shape == (SIZE, SIZE, 4)
    assert np.array_equal(image, draw_strokes(strokes, "black", SIZE, PEN))
    assert len(raw["objects"]) == len(strokes) and raw["clears"] == 2
    assert raw["objects"][0]["path"][0][0] == "M"


def test_a_blank_canvas_has_no_objects_and_no_ink() -> None:
    raw, image = _decoded(blank_state(clears=1))
    assert raw["objects"] == []
    assert image[..., :3].max() == 0  # Black paper, nothing drawn.
