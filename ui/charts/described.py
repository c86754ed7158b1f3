"""A chart and its words together: a caption everyone reads, or text for screen readers only.

Plotly draws into a canvas and SVG that a screen reader cannot read as a chart, so each
chart gets a sentence built from its numbers (core.basics.chart_text, core.kernels.picture_text).
Where the chart already writes its numbers on screen, a visible caption would only repeat
them: the sentence is then hidden from sight but read aloud (the usual "visually hidden" CSS).
"""

from __future__ import annotations

import html

import streamlit as st

# Off screen for the eye, in the page for a screen reader (display:none would hide it from both).
SR_ONLY = (
    "position:absolute;width:1px;height:1px;padding:0;margin:-1px;overflow:hidden;"
    "clip:rect(0,0,0,0);white-space:nowrap;border:0"
)


def screen_reader_html(text: str, tag: str = "span") -> str:
    """`text` as an element read aloud but not drawn."""
    return f'<{tag} class="sr-only" style="{SR_ONLY}">{html.escape(text)}</{tag}>'


def describe(figure, text: str):
    """Keep `text`, the figure's words, in its layout (Plotly's free `meta` field) so that
    whoever draws it can put them beside it; returns the figure."""
    figure.update_layout(meta={"alt": text})
    return figure


def words(figure) -> str:
    """The words `describe` kept in a figure, or "" for none."""
    meta = figure.layout.meta
    return str(meta.get("alt", "")) if isinstance(meta, dict) else ""


def plotly_described(
    place,
    figure,
    key: str,
    text: str | None = None,
    caption: bool = False,
    config: dict | None = None,
) -> None:
    """`figure` in `place` with `text` right under it: a caption, or for screen readers only.

    Without `text`, the words the figure carries (`describe`). Both sit in one container
    without a gap, so the hidden text takes no room on the page.
    """
    text = words(figure) if text is None else text
    with place.container(gap=None):
        st.plotly_chart(figure, key=key, config=config or {})
        if caption:
            st.caption(text)
        else:
            st.html(screen_reader_html(text, "p"))
