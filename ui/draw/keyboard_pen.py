"""The Draw page without a pointer: a pen on a grid moved with the arrow keys, and a picker.

The grid is a Streamlit custom component (components v2: HTML, CSS and the JavaScript of
keyboard_grid.js given inline, no build step). It keeps the drawing in the browser and sends
it, as text of "0" and "1", only when the pen is lifted, the grid cleared or Enter pressed;
core.digits.keyboard_grid turns it into the picture the canvas would have given, and the
answer is drawn like the canvas's: the ten probabilities and the 28x28 input.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import streamlit as st

from core.digits.keyboard_grid import GRID, blank_cells, cells_text, grid_image, parse_cells
from core.digits.predict import DigitPrediction, predict_drawing
from ui.charts import live
from ui.draw.views import DIGITS, announce, figure_html, show_what_it_sees
from ui.state.kept_settings import LESSON_SETTING

KEYS = (
    "Arrow keys move the pen. Space puts the pen down or lifts it: while it is down, every "
    "square it moves to is inked. Backspace or Delete clears the grid. Enter sends the "
    "drawing; lifting the pen sends it too."
)
HTML = f"""<div class="kp">
<div class="kp-grid" tabindex="0" role="application"
  aria-label="Drawing grid, {GRID} by {GRID} squares. {KEYS}"></div>
<p class="kp-status" aria-live="polite"></p>
</div>"""
# Scoped under .kp: the component is not in a shadow root (isolate_styles=False), so that
# the page's keyboard focus and tests reach the grid itself.
CSS = """
.kp-grid { display: grid; width: min(280px, 100%); aspect-ratio: 1; gap: 1px;
  background: rgba(128, 128, 128, 0.45); border: 1px solid rgba(128, 128, 128, 0.6); }
.kp-grid:focus, .kp-grid:focus-visible { outline: 3px solid #1c7ed6; outline-offset: 3px; }
.kp-cell { background: var(--kp-paper); position: relative; }
.kp-cell.kp-ink { background: var(--kp-ink); }
.kp-cell.kp-pen { box-shadow: inset 0 0 0 3px #f08c00; }
.kp-cell.kp-down::after { content: ""; position: absolute; inset: 30%; border-radius: 50%;
  background: #f08c00; }
.kp-status { margin: 0.5rem 0 0; font-size: 0.9rem; }
"""
_grid = st.components.v2.component(
    "workshop.keyboard_pen",
    html=HTML,
    css=CSS,
    js=(Path(__file__).with_name("keyboard_grid.js")).read_text(encoding="utf-8"),
    isolate_styles=False,
)
PAPER_COLOURS = {"black": ("#FFFFFF", "#000000"), "white": ("#000000", "#FFFFFF")}  # ink, paper


def show_keyboard_answer(prediction: DigitPrediction | None, key: str) -> None:
    """'Prediction: N (P%)', a warning when unsure, and the ten probabilities.

    The canvas's answer (ui.draw.views.show_answer) sits in a container keyed "prediction";
    a second one on the same page needs a key of its own, so this one takes it.
    """
    if prediction is not None and prediction.probabilities is not None:
        with st.container(key=key):
            st.markdown(f"### Prediction: {prediction.digit} ({prediction.confidence:.0%})")
        if prediction.unsure:
            st.warning("The network is unsure: no digit gets a clear majority.")
        probabilities = prediction.probabilities
    else:
        probabilities = np.zeros(len(DIGITS), dtype=np.float32)
    live.probabilities(st, probabilities, DIGITS, "Probability of each digit")
    announce(prediction, name=key.replace("_", "-") + "-live")  # Said once, when it changes.


def _answer_beside(place, prediction: DigitPrediction | None, key: str, empty: str) -> None:
    """The answer and the 28x28 input in `place`, as the canvas shows them beside itself."""
    with place:
        answer, sees = st.columns([5, 3])
    drawn = prediction is not None and prediction.probabilities is not None
    with answer:
        show_keyboard_answer(prediction if drawn else None, key)
    with sees:
        if drawn:
            show_what_it_sees(prediction)
        else:
            st.info(empty)


@st.fragment
def keyboard_pen(model, centre: bool) -> None:
    """The grid with its keys said on screen, and the network's answer to what it was sent.

    On the canvas's paper (its Paper setting), so the invert lesson works from the keyboard.
    """
    paper = st.session_state.get("draw_paper", "black")
    ink, background = PAPER_COLOURS.get(paper, PAPER_COLOURS["black"])
    st.markdown(f"**Keys:** {KEYS}")
    held = st.session_state.get("draw_keys_grid", {}).get("cells")
    try:
        cells = parse_cells(held or blank_cells())
    except ValueError:
        cells = parse_cells(blank_cells())  # Not what this page's grid sends: draw nothing.
    board, result = st.columns([5, 8])
    with board:  # Handed what Python holds, so that a new grid in the browser shows it.
        _grid(
            key="draw_keys_grid",
            data={"size": GRID, "cells": cells_text(cells), "ink": ink, "paper": background},
            default={"cells": blank_cells()},
            on_cells_change=lambda: None,
        )
    found = predict_drawing(model, grid_image(cells, paper), paper, centre) if cells.any() else None
    _answer_beside(
        result, found, "draw_keys_prediction", "Draw a digit on the grid, then press Enter."
    )


NOTHING, MNIST = "nothing", "mnist"
WORKSHOP = "workshop:"  # Followed by the picture's name in core.digits.workshop_examples.


def _pick_label(choice: str) -> str:
    if choice == NOTHING:
        return "Nothing picked"
    if choice == MNIST:
        return "A digit of MNIST's test set (pick its number below)"
    name = choice.removeprefix(WORKSHOP)
    return f"The workshop's picture of a {'dog' if name == 'dog' else name}"


def _picked_image(choice: str) -> tuple[np.ndarray, str, str] | None:
    """The picture picked, its paper for predict_drawing, and a caption that says what it is."""
    if choice == MNIST:
        from core.mnist.data import mnist_if_at_hand

        data = mnist_if_at_hand()
        if data is None:
            return None
        last = len(data.x_test) - 1
        index = st.number_input(
            f"Number of the test digit, 0 to {last:,}",
            0,
            last,
            0,
            key="draw_pick_index",
            **LESSON_SETTING,
        )
        label = int(data.y_test[index])
        return data.x_test[index], "black", f"MNIST test digit {index:,}, labelled {label}"
    if choice.startswith(WORKSHOP):
        from core.digits.workshop_examples import pictures

        name = choice.removeprefix(WORKSHOP)
        picture = next(p for p in pictures() if p.name == name)
        return picture.image, "auto", f"The workshop's picture {name}.png"
    return None


@st.fragment
def pick_a_picture(model, centre: bool) -> None:
    """A test digit or one of the workshop's pictures, answered like a drawing."""
    from core.digits.workshop_examples import NAMES
    from core.mnist.data import mnist_offered

    choices = [NOTHING, *([MNIST] if mnist_offered() else [])]  # Loaded only when picked.
    choices += [WORKSHOP + name for name in NAMES]
    choice = st.selectbox(
        "A test digit or one of the workshop's pictures",
        choices,
        format_func=_pick_label,
        key="draw_pick",
        **LESSON_SETTING,
        help="Prepared as a drawing is (cropped and centred when that setting is on); the "
        "table further down feeds the workshop's pictures as the workshop did.",
    )
    picked = _picked_image(choice)
    if picked is None:
        return
    image, paper, caption = picked
    shown, result = st.columns([5, 8])
    shown.html(figure_html(image, caption, 140))
    found = predict_drawing(model, image, paper, centre)
    _answer_beside(result, found, "draw_pick_prediction", "No digit found: the picture is blank.")


def keyboard_section(model, centre: bool) -> None:
    """The grid, then the picker: both answered with the network the page draws with."""
    keyboard_pen(model, centre)
    st.divider()
    pick_a_picture(model, centre)
