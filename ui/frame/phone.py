"""What phones and tablets need from every page, applied once per run by the router.

Measured at 390x844 with touch in Chromium (tests/e2e/test_browser_phone.py):

- A plotly chart took every swipe that started on it: plotly's drag layer cancels the touch
  (`preventDefault` in its `touchstart`) to zoom instead, so a page could not be scrolled
  with a thumb on a chart, and on a phone the charts are as wide as the screen. Plotly skips
  that cancel when the layout's `dragmode` is False, so the app's plotly template sets it:
  a swipe scrolls the page, a tap still shows a point's value, and zoom and pan stay one
  click away in the chart's toolbar on a computer.
- Without hover, plotly's toolbar is always shown, and on a narrow chart it covered the
  chart's title: devices without hover do not show it.
- Display formulas (Neurons, Gradient descent) were 10-45 px wider than a phone's page, and
  their ends (the results) were hidden: below 640 px they are drawn at the text's size.
- Streamlit stacks columns on narrow screens, so the Kernels page's 3x3 grid of weights
  became a column of nine boxes in column order: on a phone it stays a grid, without the
  +/- buttons (a phone's number keyboard does that job).

The drawing canvas needs nothing: its surface sets `touch-action: none` and draws with the
finger (see README, "On phones and tablets").
"""

from __future__ import annotations

import streamlit as st

# Devices whose main pointer cannot hover (phones, tablets) get no plotly toolbar. Narrow
# screens (Streamlit stacks columns below 640 px) get smaller display formulas, and the
# Kernels page's grid of weights (widget keys conv_k_<row>_<col>) stays a grid.
KERNEL_GRID = '[data-testid="stHorizontalBlock"]:has(> [data-testid="stColumn"] .st-key-conv_k_0_0)'
STYLE = f"""<style>
@media (hover: none) {{
  .js-plotly-plot .modebar-container {{ display: none !important; }}
}}
@media (max-width: 640px) {{
  .katex-display > .katex {{ font-size: 1em; }}
  {KERNEL_GRID} {{ flex-wrap: nowrap; gap: 0.5rem; }}
  {KERNEL_GRID} > [data-testid="stColumn"] {{ min-width: 0; }}
  [class*="st-key-conv_k_"] [data-testid="stNumberInputStepDown"],
  [class*="st-key-conv_k_"] [data-testid="stNumberInputStepUp"] {{ display: none; }}
}}
</style>"""


def plotly_lets_pages_scroll() -> None:
    """Charts made from now on let a swipe scroll the page (see the module's docstring).

    Streamlit makes its own template, "streamlit", the default when it is imported; setting
    a layout value on it again is harmless, so this may run on every script run.
    """
    import plotly.io as pio

    template = pio.templates[pio.templates.default]
    template.layout.dragmode = False


def phone_friendly() -> None:
    """Once per script run, before the page: the plotly default and the phone-only CSS."""
    plotly_lets_pages_scroll()
    st.html(STYLE)  # Style only: Streamlit puts it where it takes no room on the page.
