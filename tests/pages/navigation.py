"""Moving through the app as one student (AppTest through the router): the helpers and the
settings that both settings test modules use."""

from __future__ import annotations

from streamlit.testing.v1 import AppTest

from tests.conftest import ROOT
from ui.frame.page_list import SECTIONS

APP = str(ROOT / "app.py")
# Each page's script, read from the page list (ui/frame/page_list.py) by its address.
PAGES = {entry.url_path: entry.path for entries in SECTIONS.values() for entry in entries}
HOME = next(entry.path for entries in SECTIONS.values() for entry in entries if entry.default)
NEURONS, GD, OVERFITTING, BACKPROP = (
    PAGES["neurons"],
    PAGES["gradient-descent"],
    PAGES["overfitting"],
    PAGES["backpropagation"],
)
IRIS, KERNELS, MNIST = PAGES["iris"], PAGES["convolution"], PAGES["mnist"]
DRAW, INSIDE, CLOSING = PAGES["draw"], PAGES["inside-cnn"], PAGES["closing"]


# What each round-trip test sets on its page: widget key -> (AppTest kind, value).
CASES = {
    MNIST: {
        "mnist_train_size": ("select_slider", 5_000),
        "mnist_epochs": ("slider", 3),
        "mnist_batch": ("select_slider", 64),
        "mnist_seed": ("number_input", 7),
        "mnist_invert": ("toggle", True),
        "mnist_filters1": ("select_slider", 8),
        "mnist_dropout": ("slider", 0.2),
    },
    IRIS: {
        "iris_epochs": ("slider", 50),
        "iris_layers": ("slider", 3),
        "iris_neurons_3": ("slider", 64),
        "iris_learning_rate": ("select_slider", 0.01),
        "iris_test_fraction": ("slider", 0.3),
        "iris_x_feature": ("selectbox", "sepal width (cm)"),
        "iris_seed": ("number_input", 5),
    },
    KERNELS: {
        "conv_source": ("radio", "Handwritten-style digit"),
        "conv_digit": ("slider", 7),
        "conv_patch_row": ("slider", 4),
        "conv_padding": ("radio", "edge"),
        "conv_k_1_1": ("number_input", 9.0),
        "conv_display": ("radio", "signed"),
        "conv_pixel_col": ("slider", 20),
    },
    NEURONS: {
        "neurons_x1": ("slider", -1.5),
        "neurons_w3": ("slider", -0.4),
        "neurons_bias": ("slider", 1.0),
        "neurons_activation": ("radio", "tanh"),
        "neurons_hidden_layers": ("slider", 3),
        "neurons_per_layer": ("slider", 16),
    },
    GD: {"gd_learning_rate": ("slider", 0.3), "gd_start_weight": ("slider", 2.0)},
    BACKPROP: {
        "backprop_x2": ("slider", -0.7),
        "backprop_w5": ("slider", -1.1),
        "backprop_learning_rate": ("slider", 2.5),
        "backprop_step": ("slider", 4),
    },
    OVERFITTING: {
        "overfitting_degree": ("slider", 12),
        "overfitting_seed": ("number_input", 9),
    },
    DRAW: {
        "draw_paper": ("radio", "white"),
        "draw_pen": ("slider", 30),
        "draw_centre": ("toggle", False),
        "draw_model": ("selectbox", "Run 1: untrained"),
        "draw_compare": ("multiselect", ["Run 1: untrained", "Run 2: untrained"]),
    },
    INSIDE: {"cnn_digit": ("slider", 7), "cnn_layer": ("selectbox", "pool2")},
}


def open_app(state: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    for key, value in (state or {}).items():
        at.session_state[key] = value
    return at


def open_page(page: str, state: dict | None = None, timeout: float = 120) -> AppTest:
    """A new session (with `state` in it) that opens `page` through the router."""
    at = AppTest.from_file(APP, default_timeout=timeout).run()
    for key, value in (state or {}).items():
        at.session_state[key] = value
    at.switch_page(page).run()
    assert not at.exception, [e.message for e in at.exception]
    return at


def visit(at: AppTest, page: str) -> AppTest:
    """Open `page` as a click in the sidebar does: the new page's address has no settings in it
    (a browser then writes the page's kept settings back into it; AppTest, which has no browser,
    would otherwise keep the address from before the student's own changes)."""
    at.query_params.clear()
    at.switch_page(page).run()
    assert not at.exception, f"{page}: {[e.message for e in at.exception]}"
    return at


def away_and_back(at: AppTest, page: str, away: tuple[str, ...] = (DRAW, NEURONS)) -> AppTest:
    """Visit other pages, with a second run on the first of them, then come back."""
    for number, other in enumerate(away):
        visit(at, other)
        if number == 0:
            at.run()  # A second run away, as when a student moves a slider there.
            assert not at.exception
    return visit(at, page)


def assert_kept(at: AppTest, settings: dict[str, tuple[str, object]]) -> None:
    """Each widget shows its setting, and the browser is told to show it too."""
    for key, (kind, value) in settings.items():
        widget = getattr(at, kind)(key=key)
        assert widget.value == value, (key, widget.value, value)
        assert widget.proto.set_value, f"{key}: the browser would show the default"


def set_all(at: AppTest, settings: dict[str, tuple[str, object]]) -> None:
    for key, (kind, value) in settings.items():
        getattr(at, kind)(key=key).set_value(value).run()
        assert not at.exception, key
