"""The workshop app's router and the frame every page shares.

Run with `streamlit run app.py`. Pages are registered explicitly, in the workshop's order.
"""

import streamlit as st

from ui.phone import phone_friendly
from ui.remembered import remember_settings
from ui.runtime_fixes import keep_keras_state_between_runs

keep_keras_state_between_runs()  # No keras.backend.clear_session() after every run.

st.set_page_config(
    page_title="Deep learning workshop",
    page_icon="🧠",
    layout="wide",
    initial_sidebar_state="auto",  # Closed on phones, open on wider screens.
)
phone_friendly()  # Plotly charts that let a swipe scroll the page; CSS for touch screens.

PAGES = {
    "Start": [
        st.Page("app_pages/home.py", title="Welcome", icon="🏠", default=True),
    ],
    "Neurons and learning": [
        st.Page(
            "app_pages/neurons.py", title="Neurons and networks", icon="🔵", url_path="neurons"
        ),
        # The workshop keeps test data apart before it defines the loss: same order here.
        st.Page(
            "app_pages/overfitting.py",
            title="Training and test data",
            icon="🎯",
            url_path="overfitting",
        ),
        st.Page(
            "app_pages/gradient_descent.py",
            title="Training by gradient descent",
            icon="📉",
            url_path="gradient-descent",
        ),
    ],
    "The Iris classifier": [
        st.Page("app_pages/iris.py", title="Iris flowers", icon="🌸", url_path="iris"),
    ],
    "Seeing with convolutions": [
        st.Page(
            "app_pages/convolution.py",
            title="Kernel convolution",
            icon="🔲",
            url_path="convolution",
        ),
        st.Page("app_pages/mnist_training.py", title="MNIST training", icon="✍️", url_path="mnist"),
        st.Page("app_pages/draw.py", title="Draw a digit", icon="🖊️", url_path="draw"),
        st.Page(
            "app_pages/inside_cnn.py", title="Inside the CNN", icon="🔬", url_path="inside-cnn"
        ),
    ],
    "Closing": [
        st.Page(
            "app_pages/closing.py",
            title="What a network can't tell you",
            icon="🐕",
            url_path="closing",
        ),
    ],
}

navigation = st.navigation(PAGES)

with st.sidebar:
    st.caption(
        "An interactive version of the *Introduction to deep learning* workshop. "
        "Work through the pages from top to bottom. Your trained models stay in your "
        "browser session and disappear when you close it."
    )

remember_settings()  # Every page's settings survive a visit to another page.
navigation.run()
