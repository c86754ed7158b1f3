"""Every setting widget of every page keeps its value (Streamlit's persist_state="session"),
and every lesson setting is in the address (bind="query-params"), a teacher's link.

The test walks every page of the app with AppTest, tries every option of every choice
(radios, select boxes, toggles) and the far end of every slider, so that widgets shown only
for some settings appear too (a third hidden layer, a 5x5 kernel, an upload box), and
collects how each widget drawn keeps its value. A setting widget added later without
`**LESSON_SETTING` or `**OWN_CHOICE` (ui/state/kept_settings.py) fails here.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from streamlit.runtime.state.common import is_keyed_element_id, user_key_from_element_id
from streamlit.testing.v1 import AppTest

from core.digits.strokes import render_digit
from core.engine.models.trained_network import TrainedNetwork
from core.mnist.config import MnistConfig
from core.mnist.training import MnistRun
from tests.conftest import ROOT
from ui.state import keys
from ui.state.draw_choice import FOLLOW_MNIST_CHOICE

APP = str(ROOT / "app.py")
PAGES = sorted(f"app_pages/{path.name}" for path in (ROOT / "app_pages").glob("*.py"))
# Widgets that hold a setting a student chooses. Any other widget (buttons, download buttons,
# file uploaders, the canvas, tables with selections, ...) must not be remembered.
SETTING_KINDS = frozenset(
    {
        "slider",
        "select_slider",
        "number_input",
        "radio",
        "toggle",
        "checkbox",
        "selectbox",
        "multiselect",
        "text_input",
        "text_area",
        "color_picker",
        "date_input",
        "time_input",
        "button_group",
    }
)
CHOICES = frozenset({"radio", "selectbox", "toggle", "checkbox"})  # Every option is tried.
FAR_END = frozenset({"slider", "select_slider"})  # The largest value is tried.


@pytest.fixture(scope="module")
def session_with_everything() -> dict:
    """A session in which every page shows all it can: an (untrained, really evaluated)
    MNIST run for the results, Draw and Inside-the-CNN pages, and a drawing."""
    from core.mnist.evaluation import evaluate_mnist
    from core.mnist.model import build_mnist_model

    model = build_mnist_model()
    run = MnistRun(
        MnistConfig(),
        TrainedNetwork.from_keras(model),
        evaluation=evaluate_mnist(model),
        label="Run 1: test",
    )
    drawing = render_digit(3, np.random.default_rng(0))
    return {keys.MNIST_RUNS: [run], keys.LATEST_DRAWING: drawing}


# Widgets whose value names the student's own runs or answers, or the student (a nickname on
# the class board): kept, never in a link.
OWN_CHOICES = frozenset(
    {"draw_model", "draw_compare", "mnist_choice", "iris_compare_runs", "mnist_compare_runs"}
    | {"iris_nickname", "mnist_nickname"}
)
KEPT: dict[str, tuple] = {}  # {key: (persist_state, bind)} of every widget the walk saw


def keyed_widgets(at: AppTest) -> dict[str, str]:
    """{key: kind} of every element with a key the run drew (widgets, and charts)."""
    found: dict[str, str] = {}
    state = at._session_state._state

    def walk(node) -> None:
        children = getattr(node, "children", None)
        if children is not None:  # A block: its elements are below.
            for child in children.values():
                walk(child)
            return
        element_id = getattr(getattr(node, "proto", None), "id", "")
        if isinstance(element_id, str) and is_keyed_element_id(element_id):
            key = str(user_key_from_element_id(element_id))
            found[key] = node.type
            meta = state.get_widget_metadata(element_id)
            KEPT[key] = (getattr(meta, "persist_state", None), getattr(meta, "bind", None))

    walk(at.main)
    walk(at.sidebar)
    return found


def _widget(at: AppTest, kind: str, key: str):
    try:
        return getattr(at, kind)(key=key)
    except KeyError:  # Not drawn in this run.
        return None


def _option_values(at: AppTest, widget) -> list:
    """The values behind the options of a radio, select box or select slider.

    AppTest sets these widgets by value but lists their options as the text shown (the
    page's `format_func` applied). Streamlit's own deserializer for the widget, which reads
    what a browser sends back (a text, or a list of texts for a select slider), turns each
    text into its value.
    """
    deserialize = at._session_state._state.get_widget_metadata(widget.id).deserializer
    if widget.type == "select_slider":
        return [deserialize([text]) for text in widget.options]
    return [deserialize(text) for text in widget.options]


def _values_to_try(at: AppTest, widget, kind: str) -> list:
    if kind in {"toggle", "checkbox"}:
        return [not widget.value]
    if kind == "slider":
        return [widget.max]
    values = _option_values(at, widget)
    if kind == "select_slider":
        return values[-1:]
    return [value for value in values if value != widget.value]


def _set(at: AppTest, kind: str, key: str, value) -> None:
    widget = _widget(at, kind, key)
    if widget is None:  # The page no longer draws it: nothing to set.
        return
    widget.set_value(value).run()
    assert not at.exception, (key, value, [e.message for e in at.exception])


def walk_page(at: AppTest, page: str) -> dict[str, str]:
    """Every keyed element the page draws for any one choice or far-end slider."""
    at.switch_page(page).run()
    assert not at.exception, page
    if page.endswith("iris.py"):  # The last section needs a trained network: a quick one.
        at.slider(key="iris_epochs").set_value(1)
        at.slider(key="iris_steps").set_value(10).run()
        at.button(key="iris_train").click().run()
        assert not at.exception
    seen = keyed_widgets(at)
    for key, kind in list(seen.items()):
        if kind not in CHOICES | FAR_END or (widget := _widget(at, kind, key)) is None:
            continue
        before = widget.value
        for value in _values_to_try(at, widget, kind):
            _set(at, kind, key, value)
            seen |= keyed_widgets(at)
        _set(at, kind, key, before)  # Back, so that the next widgets show what they did.
    return seen


def test_every_page_is_walked():
    assert len(PAGES) >= 9 and all(Path(ROOT, page).is_file() for page in PAGES)


def test_every_setting_widget_keeps_its_value_and_lessons_are_in_the_address(
    session_with_everything,
) -> None:
    at = AppTest.from_file(APP, default_timeout=120).run()
    for key, value in session_with_everything.items():
        at.session_state[key] = value
    seen: dict[str, str] = {}
    for page in PAGES:
        seen |= walk_page(at, page)

    settings = {key for key, kind in seen.items() if kind in SETTING_KINDS}
    others = {key: kind for key, kind in seen.items() if kind not in SETTING_KINDS}
    not_kept = sorted(key for key in settings if KEPT[key][0] != "session")
    assert not not_kept, f"setting widgets without **LESSON_SETTING or **OWN_CHOICE: {not_kept}"
    own = {
        key
        for key in settings
        if key in OWN_CHOICES or "_question_" in key or key.startswith("conv_k_")
    }
    unbound = sorted(key for key in settings - own if KEPT[key][1] != "query-params")
    assert not unbound, f"lesson settings not in the address (use **LESSON_SETTING): {unbound}"
    leaked = sorted(key for key in own if KEPT[key][1] is not None)
    assert not leaked, f"the student's own runs or answers in the address: {leaked}"
    wrong = sorted(f"{key} ({kind})" for key, kind in others.items() if KEPT.get(key, (None,))[0])
    assert not wrong, f"not settings, yet kept: {wrong}"
    # The walk saw what it should: buttons, uploaders and the canvas among the others.
    for key in ("mnist_train", "mnist_download", "draw_canvas", "draw_upload", "conv_upload"):
        assert key in others, key
    assert settings >= FOLLOW_MNIST_CHOICE
    assert settings >= OWN_CHOICES
