"""The workshop app's router and the frame every page shares.

Run with `streamlit run app.py`. Pages are registered explicitly, in the workshop's order.
"""

import streamlit as st

from ui.frame.accessible_css import accessible_css
from ui.frame.page_list import navigation_pages
from ui.frame.phone import phone_friendly
from ui.frame.request_timing import time_requests_if_asked
from ui.frame.runtime_fixes import keep_keras_state_between_runs, report_missing_hook
from ui.frame.sidebar_nav import sidebar_nav_lists
from ui.frame.teacher_notes import teacher_notes
from ui.frame.your_work import your_work
from ui.state.backend import start_training_workers
from ui.state.draw_choice import follow_the_mnist_choice
from ui.state.kept_work import keep_work, restore_work
from ui.training.elsewhere import trainings_elsewhere

time_requests_if_asked()  # Only with WORKSHOP_TIMING_LOG set: the load test's server-side times.

# No keras.backend.clear_session() after every run; if that cannot be done, the log says so.
if not keep_keras_state_between_runs():
    report_missing_hook()

st.set_page_config(
    page_title="Deep learning workshop",
    page_icon="🧠",
    layout="wide",
    initial_sidebar_state="auto",  # Closed on phones, open on wider screens.
)
phone_friendly()  # Plotly charts that let a swipe scroll the page; CSS for touch screens.
accessible_css()  # No animations for students who asked their system for reduced motion.

navigation = st.navigation(navigation_pages())  # The pages: ui/frame/page_list.py.
sidebar_nav_lists()  # Its sections as lists a screen reader counts (ui/frame/sidebar_nav.py).

with st.sidebar:
    st.caption(
        "An interactive version of the *Introduction to deep learning* workshop. "
        "Work through the pages from top to bottom."
    )

start_training_workers()  # A warm worker, TensorFlow loaded, before anyone presses Train.
teacher_notes()  # A teacher's setting with a wrong value: one sentence, on every page.
restore_work()  # A new session (a reload, a reopened tab): the student's work comes back.
follow_the_mnist_choice()  # A new MNIST choice: the Draw page draws with it.
your_work()  # Kept or not, a link to these settings, Start afresh: in the sidebar.
trainings_elsewhere(navigation.url_path)  # A reload left a training running: kept when done.
try:
    navigation.run()
finally:  # Also when the page stopped early (st.stop, a click): its settings count.
    keep_work(navigation)  # What changed in this run goes to the store, off this thread.
