"""Streamlit pieces shared by the pages: they draw what core/ reports, grouped by what they draw.

- `frame/`: what app.py puts around every page (the page list, phones, timing, runtime fixes);
- `state/`: what a session keeps (its keys, remembered settings, networks, the class model);
- `training/`: a page's training (settings widgets; submit, watch, keep);
- `charts/`: figures and live charts, built by plain functions (data in, figure or markup out);
- `iris/`, `mnist/`, `draw/`, `kernels/`: the pieces of one chapter's pages.
"""
