"""The closing page's gallery and histogram caption (ui/closing/confidence.py), from a report
whose every answer is known."""

from __future__ import annotations

import html
import re

import numpy as np

from core.digits.confidence import Answers, ConfidenceReport
from core.digits.not_digits import not_digits
from ui.closing.confidence import SHOWN, gallery_html, histogram_caption


def _report() -> ConfidenceReport:
    """60 pictures answered 0-9 in turn at 30%-99%; 12 digits, the third read wrongly."""
    others = len(not_digits())
    rng = np.random.default_rng(1)
    return ConfidenceReport(
        digits=Answers(np.array([3, 1, 4, 1, 5, 9, 2, 6, 5, 3, 5, 8]), np.full(12, 0.95)),
        labels=np.array([3, 1, 7, 1, 5, 9, 2, 6, 5, 3, 5, 8]),
        others=Answers(np.arange(others) % 10, rng.uniform(0.3, 0.999, others)),
    )


def _alts(page: str) -> list[str]:
    return [html.unescape(a) for a in re.findall(r'alt="([^"]*)"', page)]


def test_the_gallery_shows_each_answer_under_its_picture():
    report = _report()
    digits = np.zeros((12, 28, 28), np.float32)
    page = gallery_html(report, digits)
    alts = _alts(page)
    assert len(alts) == 4 * SHOWN + SHOWN  # The first of each kind, then the test digits.
    pictures = not_digits()
    first = pictures[0]
    percent = int(np.floor(report.others.top[0] * 100 + 1e-4))
    assert alts[0] == f"{first.name}: read as 0, {percent}% sure"
    letter = next(i for i, p in enumerate(pictures) if p.kind == "letter")
    assert alts[SHOWN] == (
        f"{pictures[letter].name}: read as {letter % 10}, {report.others.percent[letter]}% sure"
    )
    assert f"<b>{letter % 10}</b> · {report.others.percent[letter]}%" in page
    assert alts[4 * SHOWN + 2] == "test digit 7: read as 4, 95% sure"
    assert page.count("✗") == 1 and "✗ (a 7)" in page
    assert "Letters (the first 10 of 15)" in page and "Test digits (the first 10 of 12)" in page


def test_without_a_network_the_gallery_names_the_pictures_only():
    page = gallery_html(None)
    assert "%" not in re.sub(r"<style>.*?</style>", "", page, flags=re.S)
    assert _alts(page)[:2] == ["scribble 1", "scribble 2"]


def test_the_caption_counts_the_top_band_and_each_kind():
    report = _report()
    kinds = [p.kind for p in not_digits()]
    caption = histogram_caption(report, kinds)
    top_band = int(np.count_nonzero(report.others.percent >= 90))
    assert f"(90-100%): 12 test digits and {top_band} things that are not digits" in caption
    sure = report.others.percent >= 90
    scribbles = int(np.count_nonzero(sure[np.array(kinds) == "scribble"]))
    assert f"scribbles {scribbles} of 15," in caption
    assert "the 12 test digits" in caption and "the 60 things" in caption
