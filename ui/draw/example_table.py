"""The example table as plain HTML: every row shown, no inner scroll bar, readable on a phone.

Whole percentages like the workshop's own table; the student's line above the workshop's, so
the two read digit by digit. Layout and colours: docs/architecture.md, "The example table".
"""

from __future__ import annotations

import html
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from ui.charts.described import SR_ONLY
from ui.charts.html_bars import clipped

# White numbers on these reach WCAG AA's 4.5:1 (5.0, 6.5 and 5.0): darker than the charts'
# green and red, which are marks, not the background of text.
RIGHT_COLOUR = "#15803D"
WRONG_COLOUR = "#B91C1C"
NOT_A_DIGIT_COLOUR = "#B45309"  # Amber: neither right nor wrong, the network just answers.
PICTURE_PX = 28

STYLE = """<style>
.xt { border-collapse: collapse; width: 100%; max-width: 620px; font-size: 0.8rem;
  font-variant-numeric: tabular-nums; line-height: 1.25; }
.xt th, .xt td { padding: 2px 3px; text-align: right; }
.xt thead th { font-weight: 600; border-bottom: 1px solid rgba(128, 128, 128, 0.45); }
.xt thead th.xt-left { text-align: left; font-weight: 400; opacity: 0.7; }
.xt td.xt-pic { text-align: left; vertical-align: middle; padding: 3px 4px 3px 0; }
.xt td.xt-pic img { display: block; width: 28px; height: 28px; image-rendering: pixelated;
  border: 1px solid rgba(128, 128, 128, 0.35); }
@media (min-width: 640px) {
  .xt { font-size: 0.85rem; }
  .xt td.xt-pic img { width: 42px; height: 42px; }
}
.xt td.xt-who { text-align: left; font-size: 0.7rem; opacity: 0.75; }
.xt tr.xt-first > td { border-top: 1px solid rgba(128, 128, 128, 0.2); }
/* Fainter, but not the answer's cell: faded white on colour would fall under 4.5:1. */
.xt tr.xt-published td:not(.xt-pic):not(.xt-win) { opacity: 0.7; }
.xt td.xt-win { color: white; font-weight: 600; border-radius: 3px; }
.xt tr.xt-section th { text-align: left; font-weight: 600; padding-top: 0.8rem;
  border-bottom: 1px solid rgba(128, 128, 128, 0.45); }
.xt tr.xt-note td { text-align: left; font-size: 0.75rem; opacity: 0.85; padding-bottom: 4px; }
</style>"""


@dataclass(frozen=True)
class Line:
    """One line of numbers: who answered (`who`) and their ten percentages."""

    who: str
    percent: np.ndarray  # (10,) in percent, 0-100
    published: bool = False  # The workshop's numbers: drawn a little fainter.
    # The network's answer, from its unrounded probabilities: two digits can both round to
    # 16% and only one of them is the answer. None: the largest percentage (published lines).
    winner: int | None = None


@dataclass(frozen=True)
class Row:
    """A picture, its truth (None for no digit), its lines, and a sentence under it."""

    picture: str  # A data URI of a small PNG.
    name: str
    truth: int | None
    lines: tuple[Line, ...]
    note: str = ""


@dataclass(frozen=True)
class Section:
    """Rows under one heading (no heading for the first section)."""

    title: str
    rows: tuple[Row, ...]


def percent(probabilities: Sequence[float]) -> np.ndarray:
    """Probabilities 0-1 as whole percentages, rounded as the workshop rounded them."""
    return np.rint(clipped(probabilities) * 100).astype(int)


def winner_colour(winner: int, truth: int | None) -> str:
    if truth is None:
        return NOT_A_DIGIT_COLOUR
    return RIGHT_COLOUR if winner == truth else WRONG_COLOUR


def winner_mark(winner: int, truth: int | None) -> tuple[str, str]:
    """The sign beside the answer and its word: right or wrong is not told by colour alone."""
    if truth is None:
        return "?", "the network's answer (the picture is no digit)"
    return ("✓", "right") if winner == truth else ("✗", "wrong")


def _line_cells(line: Line, truth: int | None) -> str:
    values = np.asarray(line.percent)
    if values.shape != (10,):
        raise ValueError(f"a line needs ten percentages, got shape {values.shape}")
    winner = int(values.argmax()) if line.winner is None else line.winner
    cells = [f'<td class="xt-who">{html.escape(line.who)}</td>']
    for digit, value in enumerate(values):
        if digit == winner:
            colour = winner_colour(winner, truth)
            sign, word = winner_mark(winner, truth)
            cells.append(
                f'<td title="{word}" class="xt-win" style="background:{colour}">{int(value)}'
                f'<span aria-hidden="true"> {sign}</span>'
                f'<span class="sr-only" style="{SR_ONLY}"> ({word})</span></td>'
            )
        else:
            cells.append(f"<td>{int(value)}</td>")
    return "".join(cells)


def _row_html(row: Row) -> str:
    if not row.lines:
        raise ValueError(f"the row {row.name!r} has no lines")
    span = len(row.lines)
    alt = html.escape(f"picture {row.name}")
    picture = (
        f'<td class="xt-pic" rowspan="{span}"><img src="{row.picture}" alt="{alt}" '
        f'title="{html.escape(row.name)}" width="{PICTURE_PX}" height="{PICTURE_PX}"></td>'
    )
    out = []
    for index, line in enumerate(row.lines):
        classes = ["xt-first"] if index == 0 else []
        if line.published:
            classes.append("xt-published")
        start = picture if index == 0 else ""
        out.append(f'<tr class="{" ".join(classes)}">{start}{_line_cells(line, row.truth)}</tr>')
    if row.note:
        out.append(f'<tr class="xt-note"><td colspan="12">{html.escape(row.note)}</td></tr>')
    return "".join(out)


def table_html(sections: Sequence[Section], caption: str) -> str:
    """The whole table: a header of digits, then each section's rows."""
    digits = "".join(f'<th scope="col">{d}</th>' for d in range(10))
    head = f'<thead><tr><th class="xt-left" colspan="2" scope="col">%</th>{digits}</tr></thead>'
    body = []
    for section in sections:
        if section.title:
            body.append(
                f'<tr class="xt-section"><th colspan="12" scope="rowgroup">'
                f"{html.escape(section.title)}</th></tr>"
            )
        body.extend(_row_html(row) for row in section.rows)
    return (
        f'{STYLE}<table class="xt"><caption style="caption-side:bottom;text-align:left;'
        f'font-size:0.75rem;opacity:0.7;padding-top:4px">{html.escape(caption)}</caption>'
        f"{head}<tbody>{''.join(body)}</tbody></table>"
    )
