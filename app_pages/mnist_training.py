"""MNIST: the workshop's CNN, trained from the browser."""

import dataclasses

import streamlit as st

from core.engine.settings import help_of
from core.engine.training.variant_choice import describe_train_variant
from core.mnist.config import MnistConfig, steps_per_epoch
from core.mnist.overfitting import OVERFITTING_PRESET
from core.mnist.questions import mnist_questions
from core.mnist.sentences import epoch_sentence, train_prompt
from ui.class_board.share import share_section
from ui.frame.first_step import first_step
from ui.frame.quick_questions import quick_questions
from ui.mnist import runs as mnist_runs
from ui.mnist.lessons import augmentation_lesson, improvements_lesson
from ui.mnist.network import network_section
from ui.mnist.preset import overfitting_note, preset_button
from ui.mnist.views import LiveProgress, show_results, show_run_table
from ui.state import keys
from ui.state.kept_settings import LESSON_SETTING, OWN_CHOICE
from ui.training.compare import compare_runs
from ui.training.page_training import resume_on_page, train_on_page
from ui.training.settings import default, number_input, select_slider, slider

st.title("✍️ MNIST: a network that reads digits")
st.markdown(
    "70,000 handwritten digits, 28x28 pixels each, white on black: 60,000 to train on and "
    "10,000 to test. A **convolutional network** slides small learned filters over the "
    "image (see the *Kernel convolution* page), so it finds strokes and curves wherever they are."
)
QUICK, ALL = 5_000, 60_000  # A first network from a twelfth of the data; all of it.
TRAIN_SIZES = [OVERFITTING_PRESET.train_size, QUICK, 10_000, 20_000, 30_000, ALL]
first_step(
    f"set **Training examples** to {QUICK:,} in section 2 and press **Train the "
    f"network**: a first network from 1/{ALL // QUICK} of the data, ready to draw with."
)

# --- The network ------------------------------------------------------------------------------
st.header("1. The network")
network = network_section()  # The layer table, and the settings that change it.

st.header("2. Training settings")
preset_button()
a, b, c, d = st.columns(4)
epochs = slider(a, "Epochs", MnistConfig, "epochs", key="mnist_epochs")
train_size = select_slider(
    b,
    "Training examples",
    MnistConfig,
    "train_size",
    TRAIN_SIZES,  # Plain numbers: a teacher's link reads ?mnist_train_size=5000.
    key="mnist_train_size",
)
batch_size = select_slider(
    c, "Batch size", MnistConfig, "batch_size", [8, 16, 32, 64, 128, 256, 512], key="mnist_batch"
)
seed = number_input(d, "Random seed", MnistConfig, "seed", key="mnist_seed")
invert = st.toggle(
    "Invert: add a colour-inverted copy of every training digit",
    value=default(MnistConfig, "invert"),
    key="mnist_invert",
    **LESSON_SETTING,
    help=help_of(MnistConfig, "invert"),
)
config = dataclasses.replace(
    network,
    epochs=epochs,
    invert=invert,
    train_size=train_size,
    batch_size=batch_size,
    seed=int(seed),
)
st.caption(epoch_sentence(config))
augmentation_lesson()

runs = mnist_runs.mnist_runs()
train_clicked = st.button("Train the network", type="primary", key="mnist_train")
with st.expander("For teachers: how this server computes a training"):
    st.caption(describe_train_variant())

# --- Training ---------------------------------------------------------------------------------
if train_clicked:
    train_on_page(mnist_runs.MNIST_TRAINING, config, LiveProgress)
else:  # A training under way when the page was reloaded: watched again, with Stop.
    resume_on_page(mnist_runs.MNIST_TRAINING, LiveProgress)

if not runs:
    st.info(train_prompt(config))
    st.stop()

# --- Results ----------------------------------------------------------------------------------
st.header("3. Results")
labels = [run.label for run in runs]
if st.session_state.pop(keys.MNIST_SELECT_LATEST, False) or not (
    0 <= st.session_state.get(keys.MNIST_CHOICE, -1) < len(runs)
):
    st.session_state[keys.MNIST_CHOICE] = len(runs) - 1
choice = st.radio(
    "The model the *Draw a digit* page uses",
    range(len(runs)),
    format_func=lambda i: labels[i],
    key=keys.MNIST_CHOICE,
    **OWN_CHOICE,
)
st.session_state[keys.MNIST_SELECTED] = choice
run = runs[choice]

show_run_table(runs)
show_results(run, key=f"mnist_result_{choice}")
overfitting_note(run)  # A run tested after each epoch: its training and test accuracy.
improvements_lesson(run)
share_section("mnist", run)  # The class compares its experiments on the Class page.
st.subheader("Compare your runs")
compare_runs(runs, keys.MNIST_COMPARE, "mnist_compare_measure", steps_per_epoch)


st.download_button(
    "Download this model (.keras)",
    data=run.network.keras_bytes,  # Made when asked for, here or by the worker that trained it.
    file_name=f"mnist_run{choice + 1}.keras",
    mime="application/octet-stream",
    on_click="ignore",
    key="mnist_download",
)
quick_questions("mnist", mnist_questions(config))
