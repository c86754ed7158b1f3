"""What the drawing canvas sends the server for a drawn digit, made without a browser.

streamlit-drawable-canvas (components v2) keeps one JSON state: the drawing as Fabric.js
objects ("raw") and, with `return_image_data`, the canvas as a PNG data URL ("data"). The
Draw page reads both: the objects tell a fresh drawing from a wiped one, the PNG is the
digit. The strokes are the browser tests' (`core.digits.strokes`), drawn with its pen.
"""

from __future__ import annotations

import base64
import io
import json

from PIL import Image

from core.digits.strokes import Stroke, draw_strokes

SIZE = 280  # The Draw page's canvas, in pixels.
PEN = SIZE // 12  # The Draw page's default pen width.


def canvas_state(strokes: list[Stroke], clears: int) -> str:
    """The canvas's state after drawing `strokes` in white on black paper (JSON text)."""
    png = io.BytesIO()
    Image.fromarray(draw_strokes(strokes, "black", SIZE, PEN)).save(png, format="PNG")
    objects = [
        {
            "type": "path",
            "stroke": "#FFFFFF",
            "strokeWidth": PEN,
            "path": [["M", *stroke[0]], *(["L", x, y] for x, y in stroke[1:])],
        }
        for stroke in strokes
    ]
    drawing = {
        "raw": {"objects": objects, "clears": clears},
        "data": "data:image/png;base64," + base64.b64encode(png.getvalue()).decode(),
    }
    return json.dumps({"drawing": drawing, "backgroundFit": None})


def blank_state(clears: int) -> str:
    """What the canvas reports once it has loaded the blank drawing Clear gave it."""
    return canvas_state([], clears)
