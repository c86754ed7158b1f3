"""The Iris workshop: look at the flowers, train a small network, then measure a flower."""

import streamlit as st

from core.engine.settings import help_of
from core.iris.config import IrisConfig
from core.iris.data import FEATURES, iris_table
from core.iris.questions import iris_questions
from core.iris.sentences import epoch_sentence, scatter_sentence, softmax_sentence, train_prompt
from ui.charts.described import plotly_described
from ui.charts.iris import iris_scatter
from ui.class_board.share import share_section
from ui.frame.first_step import first_step
from ui.frame.quick_questions import quick_questions
from ui.iris.diagram import network_diagram
from ui.iris.lessons import shape_lesson, split_lesson
from ui.iris.results import compare_section, show_result
from ui.iris.train import IRIS_TRAINING, EpochCurves
from ui.state.kept_settings import LESSON_SETTING
from ui.state.keys import IRIS_RESULT
from ui.training.page_training import resume_on_page, train_on_page
from ui.training.settings import bounds, count_bounds, default, number_input, select_slider, slider

st.title("🌸 The Iris classifier")
st.markdown(
    "150 iris flowers of three species, with four measurements of each flower: the length "
    "and width of its **sepals** and of its **petals**. Can a small neural network learn to "
    "tell the species apart from these four numbers?"
)
first_step(
    "press **Train the network** in section 2 with the workshop's settings; then set "
    "**Hidden layers** to 1 with 2 neurons, train again and compare the test accuracy."
)

# --- 1. The data ------------------------------------------------------------------------------
st.header("1. The data")
st.markdown(
    "A network only computes with numbers, so each species gets a code: "
    "**setosa → 0**, **versicolor → 1**, **virginica → 2**. The network will output three "
    "probabilities, one per code. " + softmax_sentence()
)
scatter_tab, table_tab = st.tabs(["Scatter plot", "All 150 flowers"])
with scatter_tab:
    left, right = st.columns(2)
    x_feature = left.selectbox(
        "Horizontal axis", FEATURES, index=2, key="iris_x_feature", **LESSON_SETTING
    )
    y_feature = right.selectbox(
        "Vertical axis", FEATURES, index=3, key="iris_y_feature", **LESSON_SETTING
    )
    plotly_described(st, iris_scatter(x_feature, y_feature), "iris_scatter")
    st.caption(scatter_sentence(x_feature, y_feature))
with table_tab:
    st.dataframe(iris_table(), height=300, key="iris_table")

# --- 2. The network ---------------------------------------------------------------------------
st.header("2. The network and its training settings")
st.markdown(
    "These settings are the **hyperparameters**: you choose them before training starts. "
    "The weights and biases are the **parameters**: training finds them. The ? beside a "
    "setting says what it does."
)
settings, diagram = st.columns([2, 3])
with settings:
    test_fraction = slider(
        st, "Test fraction", IrisConfig, "test_fraction", 0.05, key="iris_test_fraction"
    )
    split_lesson(test_fraction)
    fewest, most = count_bounds(IrisConfig, "hidden")
    layers = st.slider(
        "Hidden layers",
        fewest,
        most,
        len(default(IrisConfig, "hidden")),
        key="iris_layers",
        **LESSON_SETTING,
        help="Layers of neurons between the four measurements and the three species.",
    )
    hidden = tuple(
        st.slider(
            f"Neurons in hidden layer {i}",
            *bounds(IrisConfig, "hidden"),
            default(IrisConfig, "hidden", i - 1),
            key=f"iris_neurons_{i}",
            **LESSON_SETTING,
            help=help_of(IrisConfig, "hidden"),
        )
        for i in range(1, layers + 1)
    )
    shape_lesson(hidden, test_fraction)
    epochs = slider(st, "Epochs", IrisConfig, "epochs", key="iris_epochs")
    steps = slider(st, "Steps per epoch", IrisConfig, "steps_per_epoch", 10, key="iris_steps")
    batch_size = select_slider(
        st, "Batch size", IrisConfig, "batch_size", [8, 16, 32, 64, 128], key="iris_batch"
    )
    st.caption(epoch_sentence(test_fraction, epochs, steps, batch_size))
    learning_rate = select_slider(
        st,
        "Learning rate",
        IrisConfig,
        "learning_rate",
        [0.0001, 0.0003, 0.001, 0.003, 0.01, 0.03, 0.1],
        key="iris_learning_rate",
    )
    seed = number_input(st, "Random seed", IrisConfig, "seed", key="iris_seed")
config = IrisConfig(
    test_fraction=test_fraction,
    hidden=hidden,
    epochs=epochs,
    steps_per_epoch=steps,
    batch_size=batch_size,
    learning_rate=learning_rate,
    seed=int(seed),
)
with diagram:
    network_diagram(hidden, test_fraction, steps, batch_size)

train_clicked = st.button("Train the network", type="primary", key="iris_train")

# --- 3. Training ------------------------------------------------------------------------------
st.header("3. Training")
if train_clicked:
    train_on_page(IRIS_TRAINING, config, EpochCurves)
else:
    # A training under way at a reload is watched again; one a click interrupted: dropped.
    resume_on_page(IRIS_TRAINING, EpochCurves)

result = st.session_state.get(IRIS_RESULT)
if result is None:
    st.info(train_prompt(config))
    st.stop()

show_result(result, config)  # Scores, curves, confusion matrix, check flowers.
compare_section()  # The last few trainings' curves on one chart.
share_section("iris", result)  # On the class board, under a nickname, if the student wants.

# --- 4. Measure a flower ----------------------------------------------------------------------
from ui.iris.measure import measure_section  # noqa: E402  (only pages with a result need it)

measure_section(result.network)
quick_questions("iris", iris_questions(config, result.confusion))
