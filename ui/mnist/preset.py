"""The MNIST page's over-fitting preset, and what a run's epoch-by-epoch curves show.

The preset's numbers live in core (core.mnist.overfitting); its button sets the page's
widgets in a callback, which Streamlit runs before the page is drawn again, so the widgets
show the preset's values.
"""

from __future__ import annotations

import streamlit as st

from core.mnist.config import MnistConfig
from core.mnist.overfitting import OVERFITTING_PRESET, overfitting_reading, preset_summary

OVERFITTING_PAGE = "app_pages/overfitting.py"


def preset_widgets(preset: MnistConfig = OVERFITTING_PRESET) -> dict:
    """The MNIST page's widget keys and the preset's value for each."""
    return {
        "mnist_filters1": preset.filters[0],
        "mnist_filters2": preset.filters[1],
        "mnist_kernel": preset.kernel_size,
        "mnist_dense": preset.dense_units,
        "mnist_dropout": preset.dropout,
        "mnist_epochs": preset.epochs,
        "mnist_train_size": preset.train_size,
        "mnist_batch": preset.batch_size,
        "mnist_invert": preset.invert,
    }


def _apply_preset() -> None:
    for key, value in preset_widgets().items():
        st.session_state[key] = value


def preset_button() -> None:
    """The button that sets every widget to the preset, and what it sets."""
    preset = OVERFITTING_PRESET
    st.button(
        f"Over-fitting preset: {preset.train_size:,} examples, {preset.epochs} epochs",
        key="mnist_overfitting_preset",
        on_click=_apply_preset,
        help="Sets the network and training settings below; press Train to run it.",
    )
    st.caption(
        f"Sets {preset_summary(preset)}: a big network and few digits. Train it, then read "
        "the training and test accuracy epoch by epoch under the results; the *Training and "
        "test data* page shows over-fitting with curves."
    )


def overfitting_note(run) -> None:
    """For a run tested after every epoch: what its training and test accuracy did, and the
    page where over-fitting is explained."""
    reading = overfitting_reading(run.history, run.config)
    if reading is None:
        return
    st.markdown(f"**Training and test accuracy, epoch by epoch.** {reading}")
    st.page_link(OVERFITTING_PAGE, label="Over-fitting, with polynomials: Training and test data")
