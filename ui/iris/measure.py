"""The Iris page's "Measure a flower": four inputs and a live answer, rerun on their own.

A fragment, so typing reruns only the answer, not the training charts: the probabilities
follow the student's typing on a busy server. Inputs are bounded as on the command line; a
flower unlike those the network learned from gets a note saying how much its answer is worth.
"""

from __future__ import annotations

import streamlit as st

from core.engine.models.checks import clip_probabilities
from core.iris.data import (
    FEATURES,
    MEASURE_MAX_CM,
    MEASURE_MIN_CM,
    SPECIES,
    feature_ranges,
    out_of_range,
)
from core.iris.result import predict_iris
from ui.charts import live
from ui.state.kept_settings import LESSON_SETTING


def measure_section(model) -> None:
    """Section 4 of the Iris page: its heading, one line of help, and the live answer."""
    st.header("4. Measure a flower")
    st.markdown("Type in a flower's measurements: the probabilities update at once, no retraining.")
    measure_a_flower(model)


@st.fragment
def measure_a_flower(model) -> None:
    """The four measurements, the three probabilities, and where the flower lies."""
    ranges = feature_ranges()
    columns = st.columns(4)
    measurement = [
        column.number_input(
            name,
            min_value=MEASURE_MIN_CM,
            max_value=MEASURE_MAX_CM,
            value=round(sum(ranges[name]) / 2, 1),
            step=0.1,
            key=f"iris_measure_{i}",
            **LESSON_SETTING,
        )
        for i, (column, name) in enumerate(zip(columns, FEATURES, strict=True))
    ]
    probabilities = clip_probabilities(predict_iris(model, [measurement]))[0]
    guess = SPECIES[int(probabilities.argmax())]
    left, right = st.columns([3, 2])
    live.probabilities(left, probabilities, SPECIES, "What the network says")
    with right, st.container(key="iris_prediction"):
        st.markdown(f"### Prediction: {guess} ({probabilities.max():.0%})")
        for note in out_of_range(measurement):
            st.warning(f"{note[0].upper()}{note[1:]} (a network always answers).")
        live.flower_scatter(st, FEATURES[2], FEATURES[3], (measurement[2], measurement[3]))
