"""Page: training and test data, and over-fitting, with polynomials of growing degree."""

import streamlit as st

from core.basics.overfitting import (
    errors_by_degree,
    fit_polynomial,
    make_data,
    mean_squared_error,
    squared_error_sentence,
)
from core.basics.questions import overfitting_questions
from core.mnist.overfitting import preset_summary
from ui.charts.described import plotly_described
from ui.charts.learning import error_by_degree_figure, fit_figure
from ui.frame.first_step import first_step
from ui.frame.quick_questions import quick_questions
from ui.state.kept_settings import LESSON_SETTING

DEGREES = range(1, 16)

st.title("Training and test data")
first_step(
    f"slide the **degree** from {DEGREES[0]} to {DEGREES[-1]} and watch the training and "
    "test errors: where is the test error lowest?"
)
st.markdown(
    "A model is only useful if it works on data it has **never seen**. So before training we "
    "split the data: about **80%** to train on and **20%** kept aside to test. The two sets "
    "must not share a single point: a model that had seen the test points could just remember "
    "their answers, and its test score would say nothing about new data. It is an exam "
    "with questions the student has not practised."
)
st.markdown(
    "Here are 30 noisy measurements of a smooth curve: 24 for training (blue), 6 for testing "
    "(orange). The model is a polynomial; its **degree** plays the part of the network's size: "
    "a polynomial of degree d has d + 1 weights, and the more it has, the more wiggles it can make."
)
st.latex(r"\hat y = w_0 + w_1 x + w_2 x^2 + \dots + w_d x^d")

settings = st.columns([3, 1])
degree = settings[0].slider(
    "model complexity: degree d", 1, 15, 3, key="overfitting_degree", **LESSON_SETTING
)
seed = settings[1].number_input(
    "data seed",
    0,
    999,
    5,
    key="overfitting_seed",
    **LESSON_SETTING,
    help="Draws other noise and another split.",
)

data = make_data(seed=int(seed))
model = fit_polynomial(data.x_train, data.y_train, degree)
train_error = mean_squared_error(model, data.x_train, data.y_train)
test_error = mean_squared_error(model, data.x_test, data.y_test)
train_errors, test_errors = errors_by_degree(data, DEGREES)
best_degree = DEGREES[int(test_errors.argmin())]

columns = st.columns(3)
columns[0].metric("training error", f"{train_error:.3f}")
columns[1].metric("test error", f"{test_error:.3f}")
columns[2].metric("degree with the lowest test error", best_degree)

left, right = st.columns(2)
with left:
    plotly_described(st, fit_figure(data, model, degree), "overfitting_fit_chart")
with right:
    plotly_described(
        st,
        error_by_degree_figure(DEGREES, train_errors, test_errors, degree),
        "overfitting_error_chart",
    )
    st.caption(
        "A log scale: each step up the axis multiplies the error by the same factor, so "
        "0.1 → 0.2 is as far up as 1 → 2."
    )
st.markdown(squared_error_sentence(model, data, degree))

# Within a factor of two of the lowest test error counts as a good fit: with 6 test points
# the exact minimum is partly luck.
if test_error <= 2 * test_errors.min():
    st.success(
        "**About right.** The model follows the curve without chasing the noise: the test "
        "error is at or near its lowest."
    )
elif degree < best_degree:
    st.info(
        "**Under-fitting.** The model is too simple to follow the curve: both errors are high. "
        "Try a higher degree."
    )
else:
    st.warning(
        "**Over-fitting.** The training error keeps falling, because the curve bends to pass "
        "close to every training point, noise included. Between and beside those points it "
        "goes wild, and the test error grows. The training error alone would fool you."
    )
st.caption(
    "Networks do the same: with too many weights for their data, or trained too long, they "
    "learn the training set by heart. So a network is judged by its test accuracy, not by "
    f"its training accuracy alone. With only {len(data.x_test)} test points the test error is "
    "itself a little noisy: try a few seeds."
)
st.markdown(
    "**In a real network.** A network trains in **epochs**: an epoch is Keras's word for a "
    "set number of batches (small groups of training examples), usually one pass over the "
    "training data (the *Iris flowers* page says more). On the *MNIST training* page, the "
    f"**Over-fitting preset** sets the CNN to {preset_summary()}. A training of more than "
    "one epoch is tested after every epoch, and the page then says what its training and "
    "test accuracy did."
)
quick_questions("overfitting", overfitting_questions(degree, len(data.x_train)))
