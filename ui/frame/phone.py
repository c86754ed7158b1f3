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

- The drawing canvas's own toolbar (streamlit-drawable-canvas 0.13) is invisible until a
  mouse hovers over it, and then stands above the canvas; without hover it stays, unseen,
  over the canvas's top-right corner, where a finger's tap wiped the drawing: devices
  without hover do not get it (the page has its own Clear button). The canvas's surface
  sets `touch-action: none` and draws with the finger (see README, "On phones and tablets").
"""

from __future__ import annotations

import streamlit as st

# Devices whose main pointer cannot hover (phones, tablets) get no plotly toolbar and no
# drawing-canvas toolbar. Narrow
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


# The canvas draws inside a shadow root (Streamlit Components v2), where the page's style
# sheets do not reach: its toolbar is hidden by a style put into that root, on devices without
# hover. The script installs itself once per browser tab and patches each canvas it sees.
CANVAS_TOOLBAR = """<script>
(() => {
  if (window.__workshopCanvasToolbar) return;
  window.__workshopCanvasToolbar = true;
  const css = "@media (hover: none) { .dc-toolbar { display: none !important; } }";
  const styled = (root) => {
    if (root.querySelector("style[data-workshop]")) return;
    const style = document.createElement("style");
    style.dataset.workshop = "canvas-toolbar";
    style.textContent = css;
    root.appendChild(style);
  };
  const later = (work) => {
    let queued = false;
    return () => {
      if (queued) return;
      queued = true;
      requestAnimationFrame(() => { queued = false; work(); });
    };
  };
  const seen = new WeakSet();
  const patch = () => {
    for (const host of document.querySelectorAll('[data-testid="stBidiComponentIsolated"]')) {
      const root = host.shadowRoot;
      if (!root || seen.has(root)) continue;
      seen.add(root);  // Its content may come later, or be redrawn: keep the style in it.
      const keep = later(() => styled(root));
      new MutationObserver(keep).observe(root, { childList: true });
      styled(root);
    }
  };
  new MutationObserver(later(patch)).observe(document.body, { childList: true, subtree: true });
  patch();
})();
</script>"""


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
    st.html(CANVAS_TOOLBAR, unsafe_allow_javascript=True)
