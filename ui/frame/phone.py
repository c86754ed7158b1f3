"""What phones and tablets need from every page, applied once per run by the router.

Plotly charts that let a swipe scroll the page, formulas and the Kernels grid that fit a
phone, and no canvas toolbar under a finger: each found with tests/e2e/test_browser_phone.py
(docs/architecture.md, "Phones and tablets").
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
