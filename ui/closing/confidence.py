"""The closing page's "sure is not right": the dog, generalised to sixty pictures.

Scribbles, letters, noise and blobs (core.digits.not_digits) go to the student's network
beside real test digits; the page shows each answer, a histogram of the top probabilities
of both groups, and sentences counted from them (core.digits.confidence).
"""

from __future__ import annotations

import html
from functools import lru_cache
from typing import Any

import numpy as np
import streamlit as st

from core.digits.confidence import (
    BAND_LOWS,
    SURE,
    ConfidenceReport,
    band_names,
    confidence_report,
    confidence_sentence,
    sure_by_kind,
    surest_sentence,
)
from core.digits.not_digits import KINDS, digit_sample, not_digits
from core.mnist.data import mnist_if_at_hand
from ui.charts.figures import TEST_COLOUR, TRAIN_COLOUR
from ui.charts.svg_histogram import Group, histogram_svg
from ui.draw.views import png_uri

DIGIT_COUNT, DIGIT_SEED = 60, 0  # Test digits asked, picked once with this seed.
SHOWN = 10  # Pictures of each kind, and test digits, shown in the gallery: a row each.
PICTURE_PX = 56
KIND_TITLES = {"scribble": "Scribbles", "letter": "Letters", "noise": "Noise", "blob": "Blobs"}
KIND_PLURALS = {"scribble": "scribbles", "letter": "letters", "noise": "noise", "blob": "blobs"}
STYLE = """<style>
.nd-row { display: flex; flex-wrap: wrap; gap: 4px 6px; margin-bottom: 0.5rem; }
.nd-title { font-weight: 600; margin: 0.3rem 0 0.2rem; }
.nd-row figure { margin: 0; width: 64px; text-align: center; }
.nd-row img { image-rendering: pixelated; border: 1px solid rgba(128,128,128,0.3); }
.nd-row figcaption { font-size: 0.8rem; line-height: 1.2; }
</style>"""


@lru_cache(maxsize=1)
def _not_digit_uris() -> tuple[str, ...]:
    """The pictures that are no digit, encoded once per server."""
    return tuple(png_uri(picture.image) for picture in not_digits())


def sample_test_digits() -> tuple[np.ndarray, np.ndarray] | None:
    """DIGIT_COUNT of MNIST's test digits and their labels, or None when MNIST is not at
    hand (it is never downloaded for this section)."""
    data = mnist_if_at_hand()
    if data is None:
        return None
    return digit_sample(data.x_test, data.y_test, DIGIT_COUNT, DIGIT_SEED)


def _tile(uri: str, caption: str, alt: str) -> str:
    return (
        f'<figure><img src="{uri}" width="{PICTURE_PX}" height="{PICTURE_PX}" '
        f'alt="{html.escape(alt)}"><figcaption>{caption}</figcaption></figure>'
    )


def gallery_html(report: ConfidenceReport | None, digits: np.ndarray | None = None) -> str:
    """The first SHOWN pictures of each kind with the network's answer and percent under
    each; then the first SHOWN test digits, a wrong answer marked ✗. Without a report: the
    pictures and their names only."""
    pictures, uris = not_digits(), _not_digit_uris()
    rows = []
    for kind in KINDS:
        tiles = []
        of_kind = [index for index, picture in enumerate(pictures) if picture.kind == kind]
        for index in of_kind[:SHOWN]:
            picture = pictures[index]
            if report is None:
                tiles.append(_tile(uris[index], html.escape(picture.name), picture.name))
                continue
            digit = int(report.others.digits[index])
            percent = int(report.others.percent[index])
            tiles.append(
                _tile(
                    uris[index],
                    f"<b>{digit}</b> · {percent}%",
                    f"{picture.name}: read as {digit}, {percent}% sure",
                )
            )
        title = f"{KIND_TITLES[kind]} (the first {min(SHOWN, len(of_kind))} of {len(of_kind)})"
        rows.append(f'<div class="nd-title">{title}</div>')
        rows.append(f'<div class="nd-row">{"".join(tiles)}</div>')
    if report is not None and digits is not None and len(digits):
        shown = min(SHOWN, len(digits))
        tiles = []
        for index in range(shown):
            digit, label = int(report.digits.digits[index]), int(report.labels[index])
            percent = int(report.digits.percent[index])
            mark = "" if digit == label else f" ✗ (a {label})"
            tiles.append(
                _tile(
                    png_uri(digits[index]),
                    f"<b>{digit}</b> · {percent}%{mark}",
                    f"test digit {label}: read as {digit}, {percent}% sure",
                )
            )
        rows.append(f'<div class="nd-title">Test digits (the first {shown} of {len(digits)})</div>')
        rows.append(f'<div class="nd-row">{"".join(tiles)}</div>')
    return STYLE + "".join(rows)


def histogram_caption(report: ConfidenceReport, kinds: list[str]) -> str:
    """What the histogram shows, with its top band's counts and the sure answers by kind."""
    others, digits = report.others, report.digits
    top = band_names()[-1]
    by_kind = ", ".join(
        f"{KIND_PLURALS[kind]} {sure} of {total}"
        for kind, (sure, total) in sure_by_kind(report, kinds).items()
    )
    return (
        f"Each pair of bars is a band of top probabilities. Solid bars: the {len(digits)} test "
        f"digits; striped bars: the {len(others)} things that are not digits. In the top band "
        f"({top}): {int(digits.bands()[-1])} test digits and {int(others.bands()[-1])} things "
        f"that are not digits. At least {SURE}% sure, by kind: {by_kind}."
    )


def histogram_html(report: ConfidenceReport) -> str:
    groups = [
        Group("test digits", TRAIN_COLOUR, report.digits.bands().tolist()),
        Group("not digits", TEST_COLOUR, report.others.bands().tolist(), striped=True),
    ]
    return histogram_svg(
        groups,
        [*BAND_LOWS, 100],
        title="How sure your network was: its top probability",
        x_title="top probability (%)",
        y_title="pictures",
        band_names=band_names(),
    )


def show_confidence(model: Any | None, label: str = "") -> None:
    """The section under the dog: the network's answers, two sentences, the gallery, the
    histogram and its caption. Without a network: what to do, and the pictures alone."""
    pictures = not_digits()
    if model is None:
        st.info(
            "Train a network on the MNIST page to ask it about these scribbles, letters, "
            "noise and blobs, beside real test digits."
        )
        st.page_link("app_pages/mnist_training.py", label="Go to MNIST training", icon="✍️")
        st.html(gallery_html(None))
        return
    sample = sample_test_digits()
    if sample is None:
        st.info(
            "MNIST's test digits are not loaded on this server yet (set MNIST_DIR, or train "
            "a network on the MNIST page): your network is asked about the other pictures only."
        )
        sample = (np.zeros((0, 28, 28), np.float32), np.zeros(0, np.int64))
    digits, labels = sample
    others = np.stack([picture.image for picture in pictures])
    report = confidence_report(model, digits, labels, others)
    st.markdown(confidence_sentence(report, f"Your network (*{label}*)"))
    st.markdown(surest_sentence(report, [picture.name for picture in pictures]))
    st.html(gallery_html(report, digits))
    if len(digits):
        st.html(histogram_html(report))
        st.caption(histogram_caption(report, [picture.kind for picture in pictures]))
