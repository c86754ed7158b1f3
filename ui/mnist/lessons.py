"""The MNIST page's short lessons, each beside the control or result it explains.

Numbers come from the settings or the run on screen (`core.mnist.sentences`,
`core.mnist.advice`); quotations are the workshop's own words.
"""

from __future__ import annotations

import streamlit as st

from core.mnist.advice import improvements, invert_verdict, plain_baseline
from core.mnist.config import MnistConfig
from core.mnist.sentences import layers_explained
from ui.mnist.runs import mnist_runs


def layers_lesson(config: MnistConfig) -> None:
    """Under the layer table: what flatten, dense and dropout do, and the 0-255 scaling."""
    with st.expander("What each layer does"):
        st.markdown(layers_explained(config))


def augmentation_lesson() -> None:
    """Beside the invert toggle: inverting as one member of a family of augmentations."""
    with st.expander("Data augmentation: why inverted copies?"):
        st.markdown(
            "“The network can only learn from what we show it.” A network trained only on "
            "white-on-black digits has never seen a dark digit on light paper.\n\n"
            "“If you're training your network to recognise dogs then you don't just want "
            "good-looking, well-lit photos of dogs straight on. You want to be able to "
            "recognise a variety of angles, lighting conditions, framings etc.” You can go a "
            "long way “by automatically creating new examples by inverting, blurring, "
            "rotating, adding noise, scaling etc. your training data. This is known as *data "
            "augmentation*.”\n\n"
            "Inverting is the one this page offers: each training digit is added a second "
            "time as 1 − pixel, dark on light. Either way, the network is then tested on the "
            "normal and on the inverted test digits separately, so you can see what the "
            "copies change."
        )
        st.caption("Quotations: the workshop, “Data augmentation”.")


def improvements_lesson(run) -> None:
    """After a run's results: the workshop's list of what may help, as settings to change."""
    evaluation = run.evaluation
    items = improvements(run.config, evaluation.test_accuracy, evaluation.test_accuracy_inverted)
    with st.expander("What to try next: the workshop's “things that may improve performance”"):
        st.markdown("\n".join(f"- {item}" for item in items))
        st.caption(
            "The workshop's list, from its summary after the INVERT run; each item here says "
            "where this page has the setting, and where this run stands."
        )


def show_verdict(run) -> None:
    """What this run's two accuracies show, beside a plain run of the same settings if any."""
    baseline = plain_baseline(run, mnist_runs())
    verdict = invert_verdict(
        run.evaluation.test_accuracy,
        run.evaluation.test_accuracy_inverted,
        run.config.invert,
        run.stopped,
        None
        if baseline is None
        else (baseline.evaluation.test_accuracy, baseline.evaluation.test_accuracy_inverted),
    )
    box = {"success": st.success, "warning": st.warning}.get(verdict.tone, st.info)
    box(verdict.text)
