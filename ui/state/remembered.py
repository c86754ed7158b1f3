"""Settings that survive a visit to another page.

Streamlit forgets the value of every widget that a run does not draw. A student who sets
MNIST's training examples to 5,000, opens the Draw page and comes back would find 60,000
again, and the next press of Train would run a full training on the shared server.

The cure is the one Streamlit's docs give ("Working with widgets in multipage apps"): at
the start of every run, before the page, write each setting back into session state under
its own key. A value written by code belongs to no widget, so the clean-up at the end of a
run that did not draw the widget leaves it alone; when a page draws the widget again, the
widget takes the value and Streamlit tells the browser to show it. The pages keep their
widgets exactly as they are: only app.py calls `remember_settings()`.

Why on every run, not only for the values that have gone missing: a value written back in
one run is kept under the widget's id from the next run on. Had it not been written again,
a page drawing the widget in that run would get the remembered value in Python while the
browser showed the widget's default, because Streamlit 1.67 sends the browser a value only
when it was set in the same run or kept under the user's key
(`SessionState.register_widget`).

A remembered value that no longer fits its widget never raises: a select box, radio or
select slider whose option is gone falls back to its default, a multiselect drops the
options that are gone, and a number input outside its bounds falls back to its default
(Streamlit does all of this). A slider raises on a value out of its range, so a slider
whose range depends on another setting keeps its value in range itself, as the Kernel
page's patch and pixel sliders do. The widgets keep their defaults for a first visit, so
Streamlit would log a warning for each value handed back: .streamlit/config.toml turns
that warning off.
"""

from __future__ import annotations

import streamlit as st

from ui.frame.quick_questions import ANSWER_KEYS
from ui.state import keys

# The settings a student chooses, page by page, kept for the whole session by
# `remember_settings`, where Streamlit would forget a widget's value as soon as its page is left.
# Setting widgets only (sliders, select sliders, number inputs, radios, toggles, check
# boxes, select boxes, multiselects, text inputs): never a button, an uploader, the canvas
# or a table, whose values Streamlit refuses to be set or which must start afresh.
# tests/pages/test_settings_remembered.py walks every page and holds this list to that.
REMEMBERED_SETTINGS: frozenset[str] = frozenset(
    {
        # Neurons and networks
        *(f"neurons_{name}{i}" for name in "xw" for i in (1, 2, 3)),
        "neurons_bias",
        "neurons_activation",
        "neurons_inputs",
        "neurons_hidden_layers",
        "neurons_per_layer",
        "neurons_outputs",
        # Training by gradient descent
        "gd_learning_rate",
        "gd_start_weight",
        # Backpropagation
        *(f"backprop_{name}" for name in ("x1", "x2", "target", "w1", "w5", "learning_rate")),
        "backprop_step",
        # Training and test data
        "overfitting_degree",
        "overfitting_seed",
        # Iris flowers (up to three hidden layers; four measurements of a flower)
        "iris_x_feature",
        "iris_y_feature",
        "iris_test_fraction",
        "iris_layers",
        *(f"iris_neurons_{i}" for i in (1, 2, 3)),
        "iris_epochs",
        "iris_steps",
        "iris_batch",
        "iris_learning_rate",
        "iris_seed",
        "iris_compare_runs",
        "iris_compare_measure",
        *(f"iris_measure_{i}" for i in range(4)),
        # Kernel convolution (kernels up to 5x5)
        "conv_source",
        "conv_digit",
        "conv_patch_row",
        "conv_patch_col",
        "conv_preset",
        "conv_size",
        "conv_padding",
        *(f"conv_k_{r}_{c}" for r in range(5) for c in range(5)),
        "conv_display",
        "conv_pixel_row",
        "conv_pixel_col",
        # MNIST training
        "mnist_filters1",
        "mnist_filters2",
        "mnist_kernel",
        "mnist_dense",
        "mnist_dropout",
        "mnist_epochs",
        "mnist_train_size",
        "mnist_batch",
        "mnist_seed",
        "mnist_invert",
        "mnist_choice",
        "mnist_compare_runs",
        "mnist_compare_measure",
        # Draw a digit
        "draw_model",
        "draw_centre",
        "draw_paper",
        "draw_pen",
        "draw_compare",
        # Inside the CNN
        "cnn_source",
        "cnn_digit",
        "cnn_layer",
        # Every lesson page: the answers typed into its two quick questions
        *ANSWER_KEYS,
    }
)
# The Draw page's choices of network start from the run chosen on the MNIST page: when that
# choice changes (a new training, another run picked), they are forgotten and start from it.
FOLLOW_MNIST_CHOICE: frozenset[str] = frozenset({"draw_model", "draw_compare"})


def remember_settings() -> None:
    """Keep every page's settings for the session; call it on every run, before the page."""
    _forget_choices_made_from_an_older_mnist_choice()
    state = st.session_state
    for key in REMEMBERED_SETTINGS:
        try:
            value = state[key]
        except KeyError:
            continue  # Not chosen yet: the widget starts from its page's default.
        state[key] = value


def _mnist_choice() -> str | None:
    """The label of the run chosen on the MNIST page, or None before the first training."""
    runs = st.session_state.get(keys.MNIST_RUNS) or []
    index = st.session_state.get(keys.MNIST_SELECTED)
    if isinstance(index, int) and 0 <= index < len(runs):
        return runs[index].label
    return None


def _forget_choices_made_from_an_older_mnist_choice() -> None:
    """After a new training, the Draw page opens on the new network, as it did before.

    Its choices of network start from the MNIST page's chosen run; a student who trains
    again (or picks another run there) expects to draw with that run, not with the one the
    remembered choice names.
    """
    choice = _mnist_choice()
    if st.session_state.get(keys.REMEMBERED_MNIST_CHOICE) == choice:
        return
    st.session_state[keys.REMEMBERED_MNIST_CHOICE] = choice
    for key in FOLLOW_MNIST_CHOICE:
        st.session_state.pop(key, None)
