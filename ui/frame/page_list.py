"""The app's pages in the workshop's order, written once: the router, the home page and every
test that means "every page" read it.

app.py registers them with `st.navigation`; the home page lists the lessons with the
one-line description each entry carries. A new lesson is one line here (docs/architecture.md,
"Adding a lesson"): the order, navigation, first-step, quick-question, phone and fuzz tests
then cover it without an edit.
"""

from __future__ import annotations

from dataclasses import dataclass

import streamlit as st


@dataclass(frozen=True)
class PageEntry:
    """One sidebar entry: its script, title, icon, address and what a student learns there."""

    path: str
    title: str
    icon: str
    url_path: str | None = None  # None: Streamlit's default (the home page has none).
    what: str = ""  # The home page's one line about it; empty for the home page itself.
    default: bool = False
    # Its widgets' keys start with this (`key="iris_epochs"`), its quick questions' too;
    # empty: the address with "_" for "-" ("inside-cnn" would be "inside_cnn").
    prefix: str = ""
    questions: bool = True  # A lesson ends with two quick questions; a reference page does not.

    def __post_init__(self) -> None:
        if not self.prefix:
            object.__setattr__(self, "prefix", (self.url_path or "home").replace("-", "_"))

    @property
    def name(self) -> str:
        """The script's name without folder and ".py" ("iris"): the tests' id for the page."""
        return self.path.rsplit("/", 1)[-1].removesuffix(".py")


SECTIONS: dict[str, tuple[PageEntry, ...]] = {
    "Start": (PageEntry("app_pages/home.py", "Welcome", "🏠", default=True),),
    "Neurons and learning": (
        PageEntry(
            "app_pages/neurons.py", "Neurons and networks", "🔵", "neurons",
            "what one neuron computes, and how many weights a network has",
        ),
        # The workshop keeps test data apart before it defines the loss: same order here.
        PageEntry(
            "app_pages/overfitting.py", "Training and test data", "🎯", "overfitting",
            "why we keep test data apart, and what over-fitting looks like",
        ),
        PageEntry(
            "app_pages/gradient_descent.py", "Training by gradient descent", "📉",
            "gradient-descent",
            "how a weight moves downhill on the loss, and what a too-large learning rate does",
            prefix="gd",
        ),
        PageEntry(
            "app_pages/backpropagation.py", "Backpropagation", "🔁", "backpropagation",
            "every weight's gradient by the chain rule, step by step, on a 2-2-1 network",
            prefix="backprop",
        ),
    ),
    "The Iris classifier": (
        PageEntry(
            "app_pages/iris.py", "Iris flowers", "🌸", "iris",
            "train your first classifier and measure a flower",
        ),
    ),
    "Seeing with convolutions": (
        PageEntry(
            "app_pages/convolution.py", "Kernel convolution", "🔲", "convolution",
            "the sliding filters that let networks see edges and shapes",
            prefix="conv",
        ),
        PageEntry(
            "app_pages/mnist_training.py", "MNIST training", "✍️", "mnist",
            "train a convolutional network on 70,000 handwritten digits, with and without "
            "colour-inverted copies",
        ),
        PageEntry(
            "app_pages/draw.py", "Draw a digit", "🖊️", "draw",
            "draw, and watch your network's probabilities change with every stroke",
        ),
        PageEntry(
            "app_pages/inside_cnn.py", "Inside the CNN", "🔬", "inside-cnn",
            "the filters your network learned and what they find in your drawing",
            prefix="cnn",
        ),
    ),
    "Your class": (
        PageEntry(
            "app_pages/class_board.py", "The class board", "🧑‍🤝‍🧑", "class",
            "every run the class shared, side by side: what more data, longer training or "
            "inverted copies did for everyone",
            questions=False,
        ),
    ),
    "Closing": (
        PageEntry(
            "app_pages/closing.py", "What a network can't tell you", "🐕", "closing",
            "a network always answers, even about a dog; the principles for AI the workshop "
            "ends with",
        ),
    ),
    "Reference": (
        PageEntry(
            "app_pages/glossary.py", "Glossary", "📖", "glossary",
            "every word of the workshop in one line, with your own value beside it",
            questions=False,
        ),
    ),
}  # fmt: skip


def every_page() -> list[PageEntry]:
    """Every page, the home page first, in the sidebar's order."""
    return [entry for entries in SECTIONS.values() for entry in entries]


def lessons() -> list[PageEntry]:
    """Every page but the home page, in the workshop's order."""
    return [entry for entry in every_page() if not entry.default]


def navigation_pages() -> dict[str, list[st.Page]]:
    """`st.navigation`'s argument: the sections with their `st.Page`s."""
    return {
        section: [
            st.Page(
                entry.path,
                title=entry.title,
                icon=entry.icon,
                url_path=entry.url_path,
                default=entry.default,
            )
            for entry in entries
        ]
        for section, entries in SECTIONS.items()
    }
