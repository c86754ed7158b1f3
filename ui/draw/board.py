"""The Draw page's canvas and live answer, rerun on their own for every stroke.

A stroke reruns only this fragment: the canvas, the 28x28 input and the probability chart.
The rest of the page (uploads, the example table with its forward passes) stays as it is,
so the answer comes back quickly even while other students train on the same server.
"""

from __future__ import annotations

import streamlit as st
from streamlit_drawable_canvas import st_canvas

from core.digits.predict import predict_drawing
from ui.draw.canvas_memory import is_fresh
from ui.draw.views import show_answer, show_what_it_sees
from ui.state import keys
from ui.state.kept_settings import LESSON_SETTING

PAPERS = {
    "black": "White ink on black paper (like MNIST)",
    "white": "Black ink on white paper (like real paper)",
}
CANVAS = 280
CLEARS = keys.DRAW_CLEARS  # How often Clear was pressed: part of the canvas's blank drawing.


@st.fragment
def drawing_board(model, centre: bool) -> None:
    """Paper, pen, Clear and the canvas; the answer, its ten probabilities, the 28x28 input.

    On a phone Streamlit stacks columns in their order, so the answer comes first after the
    canvas: a student sees it right under the drawing, without scrolling. On a wide screen
    the answer and the 28x28 input stand beside the canvas.
    """
    board, result = st.columns([5, 8])
    with board:
        paper = st.radio(
            "Paper",
            list(PAPERS),
            format_func=PAPERS.get,
            key="draw_paper",
            **LESSON_SETTING,
            horizontal=False,
        )
        st.session_state.setdefault(CLEARS, 0)
        pen, clear = st.columns([3, 1])
        pen_width = pen.slider("Pen width", 5, 40, CANVAS // 12, key="draw_pen", **LESSON_SETTING)
        if clear.button("Clear", key="draw_clear", help="Start a new drawing"):
            st.session_state[CLEARS] += 1
        ink, background = ("#FFFFFF", "#000000") if paper == "black" else ("#000000", "#FFFFFF")
        # One canvas for the page's lifetime: Clear and a new paper hand it a new blank
        # drawing, which it loads in place. (A new key would remount it: a moment without
        # a canvas, and a new component to start in the browser, for every Clear.)
        canvas = st_canvas(
            stroke_width=pen_width,
            stroke_color=ink,
            background_color=background,
            height=CANVAS,
            width=CANVAS,
            drawing_mode="freedraw",
            initial_drawing={"objects": [], "clears": st.session_state[CLEARS]},
            return_image_data=True,
            key="draw_canvas",
        )

    fresh = is_fresh(canvas.json_data, (paper, st.session_state[CLEARS]), st.session_state)
    image = canvas.image_data if fresh else None
    prediction = predict_drawing(model, image, paper, centre) if image is not None else None
    drawn = prediction is not None and prediction.probabilities is not None
    with result:
        answer, sees = st.columns([5, 3])
    with answer:  # Zero bars before the first stroke: the chart is updated, never re-made.
        show_answer(prediction if drawn else None)
    with sees:
        if drawn:
            st.session_state[keys.LATEST_DRAWING] = image
            show_what_it_sees(prediction)
        else:
            st.info(
                "Draw a digit from 0 to 9 on the canvas. The network answers when you lift "
                "the mouse, or your finger."
            )
