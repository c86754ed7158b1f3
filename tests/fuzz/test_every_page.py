"""Every widget of every page of the page list at its edges: no exception, no traceback.

The pages come from the one page list (ui/frame/page_list.py), and each page's widgets are
found on the page as it shows them (sliders, number boxes, choices, toggles, text boxes),
so a new page is fuzzed without an edit here. Each page is opened through the app's router
with a network in the session (the Draw and Inside the CNN pages show their widgets only with
one), then driven three times: every widget at its low end (minimum, first option, off, empty),
at its high end (maximum, last option, on, as many choices as allowed, a full text box), and
beyond (numbers outside their range and not finite, which a hand-made websocket message can
carry; Streamlit must turn them back into the default). Widgets that appear only once another
is set (a third hidden layer's size) are set in a further run of the same pass. Buttons,
uploaders and the canvas are left alone: test_learning_pages.py, test_digit_pages.py,
test_convolution_page.py and test_page_uploads.py drive those page by page.
"""

from __future__ import annotations

import math

import pytest
from streamlit.runtime.state.common import TESTING_KEY
from streamlit.testing.v1 import AppTest

from tests.fuzz.pages import assert_clean, open_page, page_of
from ui.frame.page_list import PageEntry, every_page

PASSES = ("low", "high", "beyond")
KINDS = (
    "slider", "select_slider", "number_input", "radio", "selectbox", "multiselect",
    "toggle", "checkbox", "text_input", "text_area", "color_picker",
)  # fmt: skip
ROUNDS = 4  # Runs per pass: widgets shown by one setting are set in the next run.


class _Label(str):
    """An option's label as the browser sends it (the test cannot know the value behind a
    formatted label such as "5,000")."""


def _send_options(widget, labels: list[str], one: bool) -> None:
    """Choose options by their labels: AppTest formats a widget's value with the page's
    format function, kept for it in session state; labels pass through unformatted."""
    formats = widget.root.session_state[TESTING_KEY]
    page_format = formats[widget.id]
    formats[widget.id] = lambda v: v if isinstance(v, _Label) else page_format(v)
    chosen = [_Label(label) for label in labels]
    widget.set_value(chosen[0] if one else chosen)


def _text(widget, how: str) -> str:
    limit = widget.max_chars or 200
    return {"low": "", "high": "9" * limit, "beyond": "-inf 1e309 ½ 🐕"[:limit]}[how]


def _set(widget, how: str) -> bool:
    """Set one widget to its `how` edge; False for a widget with no such edge."""
    kind, value = widget.type, widget.value
    if kind in ("slider", "number_input"):
        low, high = widget.min, widget.max
        if how == "beyond":
            step = widget.step or 1
            low = (low - step) if low is not None else -math.inf
            high = (high + step) if high is not None else math.nan
        edge = {"low": low, "high": high, "beyond": low}[how]
        if edge is None:  # A number box without that bound.
            edge = -1e308 if how == "low" else 1e308
        if kind == "slider" and isinstance(value, (tuple, list)):  # A range slider.
            widget.set_range(low, high if how != "low" else low)
        else:
            widget.set_value(edge)
        return True
    if how == "beyond":
        return False  # Choices and switches have no values beyond their own.
    if kind in ("select_slider", "radio", "selectbox"):
        options = widget.options
        if not options:
            return False
        option = options[0] if how == "low" else options[-1]
        is_range = kind == "select_slider" and isinstance(value, (tuple, list))
        _send_options(widget, [options[0], option] if is_range else [option], not is_range)
    elif kind == "multiselect":
        most = widget.max_selections or len(widget.options)
        _send_options(widget, [] if how == "low" else widget.options[:most], False)
    elif kind in ("toggle", "checkbox"):
        widget.set_value(how == "high")
    elif kind in ("text_input", "text_area"):
        widget.set_value(_text(widget, how))
    elif kind == "color_picker":
        widget.set_value("#000000" if how == "low" else "#ffffff")
    return True


def _widgets(at: AppTest) -> dict[str, object]:
    """The page's settable widgets by key, as shown now (disabled ones cannot be set)."""
    found = {}
    for kind in KINDS:
        for widget in getattr(at, kind):
            if widget.key and not getattr(widget.proto, "disabled", False):
                found[widget.key] = widget
    return found


@pytest.fixture(scope="module")
def a_run():
    """A real untrained CNN with its real evaluation: what Draw and Inside the CNN need."""
    from core.engine.models.trained_network import TrainedNetwork
    from core.mnist.config import MnistConfig
    from core.mnist.evaluation import evaluate_mnist
    from core.mnist.model import build_mnist_model
    from core.mnist.training import MnistRun

    model = build_mnist_model()
    return MnistRun(
        MnistConfig(),
        TrainedNetwork.from_keras(model),
        evaluation=evaluate_mnist(model),
        label="Run 1: fuzz",
    )


@pytest.mark.timeout(600)
@pytest.mark.parametrize("entry", every_page(), ids=lambda entry: entry.name)
def test_every_widget_at_its_edges(entry: PageEntry, a_run) -> None:
    at = open_page(entry.path, {"mnist_runs": [a_run]})
    assert page_of(at) in (entry.path, "the current page")
    set_at_all = 0
    for how in PASSES:
        done: set[str] = set()
        for _ in range(ROUNDS):
            new = {key: w for key, w in _widgets(at).items() if key not in done}
            done |= set(new)
            changed = [key for key, widget in new.items() if _set(widget, how)]
            if not changed:
                break
            at.run()
            assert_clean(at, f"{entry.path}, {how}: {sorted(changed)}")
            set_at_all += len(changed)
    if not entry.default and entry.questions:  # Answer boxes at least: widgets are found.
        assert set_at_all, f"{entry.path}: no widget found to set"
