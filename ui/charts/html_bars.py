"""Probability bars as plain HTML: the live charts redrawn after every stroke or keystroke.

Ten bars of HTML and CSS cost the browser far less per redraw than a plotly chart, and a
classroom's laptops are slow (docs/performance.md, "In the browser").
"""

from __future__ import annotations

import html
from collections.abc import Sequence

import numpy as np

from core.basics.chart_text import probabilities_text
from core.engine.models.checks import clip_probabilities
from ui.charts.figures import LOSE_COLOUR, WIN_COLOUR

BAR_COLOUR = "#64748B"  # Slate: 4.8:1 on white (the light indigo was 2.0:1).
PLOT_PX = 190
FULL_PX = PLOT_PX - 20  # A bar of 100%: room above it for its percentage. Grid every 25%.

STYLE = f"""<style>
.pbars {{ font-family: inherit; max-width: 460px; }}
.pbars-title {{ font-weight: 600; margin-bottom: 0.4rem; }}
.pbars-plot {{ position: relative; display: flex; align-items: flex-end; gap: 6px;
  height: {PLOT_PX}px; border-bottom: 1px solid rgba(128, 128, 128, 0.5); }}
.pbars-plot::before {{ content: ""; position: absolute; left: 0; right: 0; bottom: 0;
  height: {FULL_PX}px; border-top: 1px solid rgba(128, 128, 128, 0.18);
  background: repeating-linear-gradient(to top, rgba(128, 128, 128, 0.18) 0 1px,
  transparent 1px 25%); pointer-events: none; }}
.pbar {{ position: relative; flex: 1; height: 100%; display: flex; flex-direction: column;
  justify-content: flex-end; align-items: center; }}
.pbar-value {{ font-size: 0.75rem; opacity: 0.8; line-height: 1.2; }}
.pbar-fill {{ width: 100%; border-radius: 3px 3px 0 0; }}
.pbars-labels {{ display: flex; gap: 6px; margin-top: 0.2rem; }}
.pbars-labels span {{ flex: 1; text-align: center; font-size: 0.9rem; }}
</style>"""


def clipped(probabilities: Sequence[float]) -> np.ndarray:
    """Probabilities as floats in [0, 1]: NaN (a network that blew up) shows as 0."""
    return clip_probabilities(probabilities, dtype=float)


def probability_html(
    probabilities: Sequence[float],
    labels: Sequence[str],
    title: str,
    truth: int | None = None,
) -> str:
    """One bar per class, the winner green (red, and its percentage marked ✗, when it is not
    the `truth`: a wrong answer is not told by colour alone).

    All zeros (nothing asked yet) gives empty bars with no winner and no percentages.
    Screen readers get the classes of 1% or more and their probabilities in the chart's label
    (core.basics.chart_text.probabilities_text).
    """
    values = clipped(probabilities)
    if len(values) != len(labels):
        raise ValueError(f"{len(values)} probabilities for {len(labels)} labels")
    asked = bool(values.max() > 0)
    winner = int(values.argmax())
    bars, names = [], []
    for index, (value, label) in enumerate(zip(values, labels, strict=True)):
        colour, text = BAR_COLOUR, f"{value:.0%}" if asked else "&nbsp;"
        if asked and index == winner:
            wrong = truth is not None and truth != winner
            colour = LOSE_COLOUR if wrong else WIN_COLOUR
            text = f"✗ {text}" if wrong else text
        height = value * FULL_PX
        name = html.escape(str(label))
        bars.append(
            f'<div class="pbar"><span class="pbar-value">{text}</span>'
            f'<div class="pbar-fill" style="height:{height:.1f}px;background:{colour}"></div>'
            "</div>"
        )
        names.append(f"<span>{name}</span>")
    summary = f"{title}. {probabilities_text(values, [str(n) for n in labels])}"
    if asked and truth is not None and truth != winner:
        summary += f" Wrong: the answer is {labels[truth]}."
    summary = html.escape(summary)
    return (
        f'{STYLE}<div class="pbars" role="img" aria-label="{summary}">'
        f'<div class="pbars-title">{html.escape(title)}</div>'
        f'<div class="pbars-plot">{"".join(bars)}</div>'
        f'<div class="pbars-labels">{"".join(names)}</div></div>'
    )
