"""The sidebar's list of pages, as lists a screen reader can count (WCAG 1.3.1).

With sections, Streamlit 1.67 draws the page list as one `<ul>` whose children are a `<div>`
per section (its heading and its `<li>` links): a list holding something other than list
items, and list items outside any list (axe-core's rules `list` and `listitem`). A
screen reader then cannot say "list, 5 items" for a section. The `<div>`s came with the
sections (streamlit/streamlit#8681); no Streamlit issue about the markup was found. Until
Streamlit changes it, a small script gives the same elements the roles they should have: the
outer `<ul>` none, each section's `<div>` a list named after its heading. Nothing moves, so
the links, their `aria-current="page"` and the tests that click them (`stSidebarNav`,
`stSidebarNavLink`) stay as Streamlit made them.

A navigation drawn with `st.page_link` would avoid the script, but Streamlit's page links do
not mark the current page (no `aria-current`), and every test that follows a sidebar link
would need another selector.
"""

from __future__ import annotations

import streamlit as st

# Installs itself once per browser tab; Streamlit redraws the sidebar when the page changes,
# so a MutationObserver patches each new list (at most once per animation frame). No "<" in
# the script: Streamlit's HTML sanitiser drops a script whose text looks like markup.
NAV_ROLES = """<script>
(() => {
  if (window.__workshopNavLists) return;
  window.__workshopNavLists = true;
  const patch = () => {
    for (const list of document.querySelectorAll('[data-testid="stSidebarNavItems"]')) {
      const sections = Array.from(list.children).filter((child) => child.tagName === "DIV");
      if (!sections.length) continue;  // No sections: Streamlit's list is right as it is.
      if (list.getAttribute("role") !== "none") list.setAttribute("role", "none");
      for (const section of sections) {
        const heading = section.querySelector(
          '[data-testid="stNavSectionHeader"] [data-testid="stMarkdownContainer"]');
        const name = heading ? heading.textContent.trim() : "";
        if (section.getAttribute("role") !== "list") section.setAttribute("role", "list");
        if (name && section.getAttribute("aria-label") !== name) {
          section.setAttribute("aria-label", name);
        }
      }
    }
  };
  let queued = false;
  const later = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => { queued = false; patch(); });
  };
  new MutationObserver(later).observe(document.body, { childList: true, subtree: true });
  patch();
})();
</script>"""


def sidebar_nav_lists() -> None:
    """Once per script run: the script that gives the sidebar's page list its list roles."""
    st.html(NAV_ROLES, unsafe_allow_javascript=True)
