"""Presentation shared by the pages: plotly figures and small Streamlit pieces.

Figures are built by plain functions (testable without a browser); only `ui.widgets`
imports Streamlit.
"""
