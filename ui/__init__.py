"""Streamlit pieces shared by the pages: they draw what core/ reports.

Figures and SVG charts are built by plain functions (data in, figure or markup out), testable
without a browser; the modules that call Streamlit draw views (`*_views.py`, `draw_board`),
drive a page's training (`mnist_train`, `iris_train`, `training_watch`) or hold the session
(`session`, with the list of its keys) and the app's page list (`page_list`).
"""
