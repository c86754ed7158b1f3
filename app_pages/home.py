"""The welcome page: what the app teaches and where to start."""

import streamlit as st

from ui.frame.first_step import first_step
from ui.frame.page_list import lessons
from ui.frame.your_work import welcome_back

st.title("🧠 Introduction to deep learning")
st.markdown(
    """
This app is the workshop *Introduction to deep learning*, made interactive: no code,
just settings to try, networks to train and results to look at. Every training runs in
your own session; nothing you do changes what other students see.

**Where to start:** follow the pages from top to bottom, at your own pace.
"""
)
welcome_back()  # A returning student: back to the page they were on.
first_step(f"open **1. {lessons()[0].title}** below and move its first slider.")

for number, page in enumerate(lessons(), start=1):
    link, text = st.columns([2, 5], vertical_alignment="center")
    link.page_link(page.path, label=f"{number}. {page.title}", icon=page.icon)
    text.markdown(page.what)

st.caption(
    "Based on the workshop's notebooks: the same networks, data and settings by default. "
    "Every training starts from its own random weights, so your numbers are your network's "
    "own: the *Draw a digit* page sets yours beside the workshop's published ones."
)
