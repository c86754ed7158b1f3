"""Pieces of the Draw page: what the network sees, its answer, and the model upload."""

from __future__ import annotations

import base64
import io

import numpy as np
import streamlit as st
from PIL import Image

from core.basics.chart_text import announcement
from core.digits.predict import DigitPrediction
from core.digits.preprocess import NOISE
from core.engine.jobs.teacher_settings import setting_problem
from ui.charts import live
from ui.charts.described import SR_ONLY

DIGITS = [str(d) for d in range(10)]


def png_uri(image: np.ndarray) -> str:
    """A small grey or RGB image as a data URI: drawn with the HTML, no separate download."""
    array = np.asarray(image)
    if array.dtype != np.uint8:
        array = np.clip(np.rint(array * 255), 0, 255).astype(np.uint8)
    buffer = io.BytesIO()
    Image.fromarray(array).save(buffer, "PNG")
    return "data:image/png;base64," + base64.b64encode(buffer.getvalue()).decode("ascii")


def figure_html(image: np.ndarray, caption: str, width: int) -> str:
    """An image with its caption; pixels stay square when the browser enlarges it."""
    return (
        '<figure style="display:inline-block;margin:0 12px 8px 0;vertical-align:top">'
        f'<img src="{png_uri(image)}" width="{width}" alt="{caption}" '
        'style="image-rendering:pixelated;border:1px solid rgba(128,128,128,0.3)">'
        '<figcaption style="font-size:0.85rem;opacity:0.7;max-width:'
        f'{max(width, 120)}px">{caption}</figcaption></figure>'
    )


def show_what_it_sees(prediction: DigitPrediction) -> None:
    """The 28x28 input next to the drawing, and the steps that made it on demand.

    Plain HTML with the images inside: after every stroke the browser redraws two elements
    instead of fetching four images from the server.
    """
    pre = prediction.pre
    st.html(figure_html(pre.input, "What the network sees: 28x28 pixels", 168))
    with st.expander("How the drawing became 28x28", expanded=False):
        st.html(
            figure_html(pre.cropped, "1. cropped to the ink", 90)
            + figure_html(pre.scaled20, "2. longer side 20 px", 90)
            + figure_html(pre.centred, "3. centred in 28x28", 90)
        )
        st.caption(
            "Steps 2 and 3 are how MNIST's digits were prepared: scaled to fit 20x20, then "
            "placed so that their centre of mass sits in the middle of 28x28. The app adds "
            f"two steps of its own: marks fainter than {NOISE:.0f} of 255 do not count when it "
            "looks for the ink, and the contrast is stretched so that the strongest ink is "
            "full strength (grey pencil on grey paper would otherwise give a faint digit)."
        )


def announce(prediction: DigitPrediction | None, name: str = "draw-live") -> None:
    """A polite live region: a screen reader says "7, 93%" once, when the answer changes.

    Always drawn, empty before the first answer: a live region must be on the page before its
    text changes to be announced. Markdown (not st.html) so that a rerun with the same answer
    leaves the element and its text untouched (React changes only what differs), and a new
    answer changes only its text. `name` is its CSS class; a second answer on the page (the
    keyboard pen) passes its own.
    """
    drawn = prediction is not None and prediction.probabilities is not None
    text = announcement(prediction.digit, prediction.confidence) if drawn else ""
    st.markdown(
        f'<div class="{name}" role="status" aria-live="polite" aria-atomic="true" '
        f'style="{SR_ONLY}">{text}</div>',
        unsafe_allow_html=True,
    )


def show_answer(prediction: DigitPrediction | None) -> None:
    """'Prediction: N (P%)', a warning when unsure, the ten probabilities, and the answer
    announced to screen readers (announce).

    Before the first stroke the bars are already there, all at zero: every element keeps
    its place from one stroke to the next, so a stroke changes the page without moving it.
    """
    heading, warning = st.empty(), st.empty()
    if prediction is not None and prediction.probabilities is not None:
        with heading.container(key="prediction"):
            st.markdown(f"### Prediction: {prediction.digit} ({prediction.confidence:.0%})")
        if prediction.unsure:
            warning.warning(
                "The network is unsure: no digit gets a clear majority. A network always "
                "answers, even for a drawing that is no digit at all (the workshop's dog)."
            )
        probabilities = prediction.probabilities
    else:
        probabilities = np.zeros(len(DIGITS), dtype=np.float32)
    with st.container(gap=None):  # The live region takes no room above the bars.
        announce(prediction)
        live.probabilities(st, probabilities, DIGITS, "Probability of each digit")


def model_upload() -> None:
    """Let a teacher or student bring a trained `.keras` model; it is checked before use.

    Every message names the student's own file. A model that ends in raw scores gets a
    softmax (core.engine.models.checks), and the note saying so stays beside the upload.
    """
    from ui.state import backend, keys, teacher

    class_model = teacher.teacher_model()
    said = setting_problem(teacher.TEACHER_MODEL_ENV) is not None  # By the sidebar already.
    if class_model is not None and class_model[1] and not said:  # Why it failed, or a note.
        shown = st.caption if class_model[0] is not None else st.warning
        shown(f"The class model ({teacher.TEACHER_MODEL_ENV}): {class_model[1]}")
    with st.expander("Use a model file (.keras) instead"):
        upload = st.file_uploader(
            "A Keras model for 28x28 digits with 10 outputs", type=["keras"], key="draw_model_file"
        )
        if upload is None:
            return
        uploaded = st.session_state.setdefault(keys.UPLOADED_MODELS, [])
        notes = st.session_state.setdefault(keys.UPLOADED_NOTES, {})
        label = f"Uploaded: {upload.name}"
        if any(name == label for name, _ in uploaded):
            st.success(f"{upload.name} is loaded: pick it under **Network**.")
            if notes.get(label):
                st.info(notes[label])
            return
        from core.engine.jobs.base import TrainingFailed
        from core.mnist.model_file import ModelFile

        try:
            with st.spinner(f"Checking {upload.name} ..."):
                checked = backend.checked_model_file(ModelFile(upload.getvalue(), upload.name))
        except TrainingFailed as error:
            st.error(str(error))
            return
        if checked.refusal:
            st.error(f"This model cannot be used: {checked.refusal}")
            return
        uploaded.append((label, checked.network))
        del uploaded[:-3]  # A few uploads at most per session.
        notes[label] = checked.note
        st.rerun()
