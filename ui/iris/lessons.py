"""The Iris page's short lessons, each shown beside the control it explains.

They sit in expanders: a student who knows them loses one line; one who does not finds
the workshop's explanation where the question arises. Numbers come from the settings or
the run on screen (`core.iris.sentences`); quotations are the workshop's own words.
"""

from __future__ import annotations

import streamlit as st

from core.iris.data import CHECK_FLOWERS, FEATURES, SPECIES, split_counts
from core.iris.sentences import (
    above_training_sentence,
    cross_entropy,
    loss_example_sentence,
    shape_sentence,
)


def split_lesson(test_fraction: float) -> None:
    """Under the test-fraction slider: the 80/20 rule of thumb and the notebook's 25%."""
    train, test = split_counts(test_fraction)
    with st.expander("Why keep flowers apart, and how many?"):
        st.markdown(
            "The workshop's rule of thumb: start with one large data set and split it into "
            "**80% to train and 20% to test** (the *Training and test data* page). Its Iris "
            "notebook calls scikit-learn's `train_test_split(X, y)`, whose default keeps "
            "**25%** apart: 112 flowers to train, 38 to test. That is this slider's default, "
            "so your split has the workshop's sizes; its published 94.7% is 36 of its 38 test "
            "flowers, and your accuracy is your own network's.\n\n"
            f"At {test_fraction:.0%} you train on {train} flowers and test on {test}. More test "
            "flowers give a steadier score but leave fewer to learn from."
        )


def shape_lesson(hidden: tuple[int, ...], test_fraction: float) -> None:
    """Under the layer sliders: the workshop's rule of thumb for the network's shape."""
    with st.expander("How many layers, how many neurons?"):
        st.markdown(
            "“There is some art and some science to deciding the shape of a network. There "
            "are rules of thumb (hidden layer size should be similar sized to the input and "
            "output layers) but this is one of the things that you need to experiment with and "
            "see how it affects performance.” "
            f"Here there are {len(FEATURES)} inputs and {len(SPECIES)} outputs, and "
            "the workshop uses 10 neurons per hidden layer.\n\n"
            "“Generally, more complex problems need more hidden layers (i.e. deeper networks) "
            "but this makes training harder.” Four measurements and three species is a simple "
            "problem. Try one layer of 2 neurons, then three layers of 64, and compare the "
            "test accuracy and the loss curve.\n\n" + shape_sentence(hidden, test_fraction)
        )
        st.caption("Quotations: the workshop, “What shape should the network be?”.")


def loss_lesson(model, place=st) -> None:
    """Beside the loss curve (in `place`, a column): softmax, cross-entropy with the
    workshop's example, and Adam."""
    from core.iris.result import predict_iris

    flower, truth = CHECK_FLOWERS[0]
    own = predict_iris(model, [flower])[0]
    with place.expander("What is this loss?"):
        st.markdown(
            "The last layer is the **softmax** of section 1: three raw scores in, three "
            "probabilities out that add up to 1 (“nice probabilities”, says the workshop).\n\n"
            "The **loss** says “how wrong” the network is, as one number. The workshop's "
            "example: the network answers `[0.4, 0.3, 0.3]` for a flower whose label is 0. "
            "The loss used here, **sparse categorical cross-entropy**, looks at the "
            f"probability given to the right species: −ln 0.4 = {cross_entropy(0.4):.2f}. "
            "(*Sparse* says how the right answers are written: as one code per flower, "
            "0, 1 or 2, rather than as three numbers such as [1, 0, 0] with a 1 for the "
            "right species; the loss is the same either way.) "
            f"A sure right answer scores 0; 1% on the right species scores "
            f"{cross_entropy(0.01):.2f}. The curve shows the average over the flowers.\n\n"
            f"{loss_example_sentence(own, SPECIES.index(truth))}\n\n"
            "On the *Training by gradient descent* page the loss was J = (t − y)²; this loss "
            "plays the same part: its slope tells every weight which way to move. The "
            "optimiser, **Adam**, is “a sort of gradient descent” that adapts each weight's "
            "step as it goes; the learning rate sets the size of those steps."
        )


def above_training_note(result) -> None:
    """Under the accuracies, only when the test accuracy is above the training accuracy: why
    that can happen, with this run's numbers."""
    above = above_training_sentence(
        result.test_accuracy,
        result.history["accuracy"][-1],
        int(result.confusion.sum()),
        result.config.steps_per_epoch,
        result.config.batch_size,
    )
    if above is not None:
        st.caption(above)
