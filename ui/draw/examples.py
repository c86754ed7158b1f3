"""The Draw page's example table: the workshop's ten pictures beside its published numbers.

The workshop's pictures fed as the workshop feeds them, its published line under the
student's, then the app's own drawings; the commentary is computed, never fixed
(docs/architecture.md, "The example pictures").
"""

from __future__ import annotations

from functools import lru_cache

import numpy as np
import streamlit as st
from PIL import Image

from core.digits import workshop_examples as workshop
from core.digits import workshop_notes as picture_notes
from core.digits import workshop_reading as reading
from core.digits.examples import example_batch, examples, paper_label
from core.digits.predict import forward
from ui.draw.example_table import Line, Row, Section, percent, table_html
from ui.draw.views import png_uri
from ui.mnist.runs import mnist_runs
from ui.state.kept_settings import OWN_CHOICE

INTRO = (
    "The workshop ends by asking its network about ten pictures of its own: nine digits, most "
    "of them dark on light paper, and a dog. They go in exactly as the workshop feeds them, "
    "with no cropping or centring, each pixel divided by 255. Train one network without and "
    "one with **invert** on the MNIST page, then compare them here."
)
RUN_TO_RUN = (
    "Each training starts from other random weights and sees the digits in another order, so "
    "your percentages are your network's own: set them beside the workshop's (and your "
    "neighbour's). Whether it has the workshop's strengths and weaknesses is counted under "
    "each network."
)
DOG_POINTER = "The last page, “What a network can't tell you”, is about this."
OWN_TITLE = "Drawn by this app, then cropped and centred like a drawing on the canvas"


def invert_of(label: str) -> bool | None:
    """Whether the network called `label` was trained with invert; None if unknown (a file)."""
    for run in mnist_runs():
        if run.label == label and run.network is not None:
            return bool(run.config.invert)
    return None


def published_lines(invert: bool | None) -> tuple[tuple[str, bool], ...]:
    """(label, invert) of the workshop's runs to show: the matching one, or both if unknown."""
    if invert is None:
        return (("workshop, no invert", False), ("workshop, invert", True))
    return (("workshop", invert),)


@lru_cache(maxsize=1)
def _workshop_pictures() -> tuple[str, ...]:
    """The ten pictures as they are (28x28), encoded once per server."""
    return tuple(png_uri(p.image) for p in workshop.pictures())


@lru_cache(maxsize=1)
def _own_pictures() -> tuple[str, ...]:
    """The app's drawings shrunk to the same 28 px, encoded once per server."""
    return tuple(
        png_uri(np.asarray(Image.fromarray(e.image).convert("RGB").resize((28, 28), Image.BOX)))
        for e in examples()
    )


def sections(yours: np.ndarray, own: np.ndarray, invert: bool | None) -> tuple[Section, ...]:
    """The table's rows: the workshop's pictures with their published lines, then the app's."""
    runs = published_lines(invert)
    notes = picture_notes.row_notes(yours, invert)  # From the pixels and the runs beside.
    rows = []
    pictures = zip(workshop.pictures(), _workshop_pictures(), notes, strict=True)
    for index, (picture, uri, note) in enumerate(pictures):
        lines = [Line("yours", percent(yours[index]), winner=int(yours[index].argmax()))]
        lines += [Line(who, workshop.published(inv)[index], published=True) for who, inv in runs]
        if picture.truth is None:
            note = f"{note} {DOG_POINTER}"
        rows.append(Row(uri, picture.name, picture.truth, tuple(lines), note))
    own_rows = tuple(
        Row(
            uri,
            f"{example.name}, {paper_label(example.paper)}",
            example.truth,
            (
                Line(
                    example.name.split()[0],
                    percent(probabilities),
                    winner=int(probabilities.argmax()),
                ),
            ),
        )
        for example, uri, probabilities in zip(examples(), _own_pictures(), own, strict=True)
    )
    return (Section("", tuple(rows)), Section(OWN_TITLE, own_rows))


def summary(label: str, yours: np.ndarray, own: np.ndarray, invert: bool | None) -> str:
    """One paragraph: how many the student's network got right, and the workshop's count."""
    right = workshop.digits_right(yours)
    own_right = sum(int(p.argmax()) == e.truth for p, e in zip(own, examples(), strict=True))
    drawings = f"This app's drawings: {own_right} of {len(examples())} right."
    if invert is None:
        without, with_ = (workshop.digits_right(workshop.published(v)) for v in (False, True))
        return (
            f"**{label}**: **{right} of 9** of the workshop's digits right. How it was trained "
            "is not known here (it came from a file), so both of the workshop's runs are "
            f"shown: {without} of 9 without INVERT, {with_} of 9 with it. Which is yours "
            f"like? {drawings}"
        )
    run = "with" if invert else "without"
    theirs = workshop.digits_right(workshop.published(invert))
    return (
        f"**{label}** (trained {run} invert): **{right} of 9** of the workshop's digits right; "
        f"the workshop's own run {run} INVERT got {theirs} of 9. {drawings}"
    )


def example_tables(models: list[tuple[str, object]], choice: str) -> None:
    """The section: the networks to compare, then one table per network."""
    st.header("The workshop's example table")
    st.markdown(INTRO)
    labels = [label for label, _ in models]
    compare = st.multiselect(
        "Networks to compare (two at most)",
        labels,
        default=[choice],
        key="draw_compare",
        **OWN_CHOICE,
    )[:2]
    st.caption(RUN_TO_RUN)
    for column, label in zip(st.columns(max(1, len(compare))), compare, strict=False):
        model = dict(models)[label]
        yours = forward(model, workshop.workshop_batch())
        own = forward(model, example_batch())  # Both batches are prepared once per server.
        invert = invert_of(label)
        with column:
            st.markdown(summary(label, yours, own, invert))
            st.markdown(reading.reading_paragraph(yours, invert))
            st.markdown(reading.strengths_sentence(yours, invert))
            st.html(
                table_html(
                    sections(yours, own, invert),
                    "Probability of each digit, in percent. Coloured: the network's answer, "
                    "green if right, red if wrong, amber for the dog (no answer is right).",
                )
            )
    st.caption(f"The workshop's pictures: {workshop.SOURCE}.")
