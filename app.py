"""The workshop app's router and the frame every page shares.

Run with `streamlit run app.py`. Pages are registered explicitly, in the workshop's order.
"""

import streamlit as st

st.set_page_config(
    page_title="Deep learning workshop",
    page_icon="🧠",
    layout="wide",
    initial_sidebar_state="expanded",
)

PAGES = {
    "Start": [
        st.Page("pages/home.py", title="Welcome", icon="🏠", default=True),
    ],
    "The workshop": [
        st.Page("pages/iris.py", title="Iris flowers", icon="🌸", url_path="iris"),
    ],
}

navigation = st.navigation(PAGES)

with st.sidebar:
    st.caption(
        "An interactive version of the *Introduction to deep learning* workshop. "
        "Work through the pages from top to bottom. Your trained models stay in your "
        "browser session and disappear when you close it."
    )

navigation.run()
