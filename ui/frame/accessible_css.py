"""Styles every page gets: a visible keyboard focus (WCAG 2.4.7), and no motion for students
who asked for less (WCAG 2.1: 2.3.3, and 2.2.2).

A student who asked their system for reduced motion (`prefers-reduced-motion: reduce`) gets
no animations and no transitions: Streamlit's spinners, skeletons, expanders and sidebar
slide, and ours, jump to their end state. Everyone else sees the page as before.
tests/e2e/test_browser_zoom.py checks the computed durations in Chromium.
"""

from __future__ import annotations

import streamlit as st

# Durations of 0.01 ms, not `none`: code that waits for an `animationend` or `transitionend`
# event still gets it. The canvas draws inside a shadow root, where this does not reach; it
# has no animations of its own.
STYLE = """<style>
/* A focus everyone sees, whatever the widget (WCAG 2.4.7): Streamlit marks some focused
   fields only by a border colour a shade apart. Only for keyboard focus (focus-visible). */
:focus-visible {
  outline: 2px solid #4F46E5 !important;
  outline-offset: 2px !important;
}
@media (prefers-reduced-motion: reduce) {
  *, *::before, *::after {
    animation-duration: 0.01ms !important;
    animation-delay: 0s !important;
    animation-iteration-count: 1 !important;
    transition-duration: 0.01ms !important;
    transition-delay: 0s !important;
    scroll-behavior: auto !important;
  }
}
</style>"""


def accessible_css() -> None:
    """Once per script run, before the page: the reduced-motion rules.

    They take effect once the browser has fetched the code of Streamlit's HTML element, which
    it loads only when a page first has one: a moment after the first page, longer on a busy
    server. Streamlit's own transitions run until then."""
    st.html(STYLE)  # Style only: Streamlit puts it where it takes no room on the page.
