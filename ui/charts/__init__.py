"""Figures and live charts: plain functions, data in, plotly figure or HTML/SVG markup out."""
