"""A student's settings survive a visit to other pages (AppTest through the app's router).

Each test sets widgets on one page, goes to other pages (with a second run on one of them,
as a student who moves a slider there), comes back, and finds its settings as it left
them: in Python, and sent to the browser (`set_value`), which otherwise shows the default.
"""

from __future__ import annotations

import io
import logging
import tomllib

import numpy as np
import pytest
from PIL import Image
from streamlit.elements.lib import policies
from streamlit.testing.v1 import AppTest
from streamlit.testing.v1.util import patch_config_options

from core.kernels import convolution as conv
from core.mnist.config import MnistConfig
from core.mnist.training import MnistRun
from tests.conftest import ROOT
from ui import session

APP = str(ROOT / "app.py")
HOME, NEURONS, GD, OVERFITTING = (
    "app_pages/home.py",
    "app_pages/neurons.py",
    "app_pages/gradient_descent.py",
    "app_pages/overfitting.py",
)
IRIS, KERNELS, MNIST = (
    "app_pages/iris.py",
    "app_pages/convolution.py",
    "app_pages/mnist_training.py",
)
DRAW, INSIDE = "app_pages/draw.py", "app_pages/inside_cnn.py"


@pytest.fixture(autouse=True)
def no_class_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """A teacher's model named in the environment would count as a model: keep it out."""
    monkeypatch.delenv("WORKSHOP_MNIST_MODEL", raising=False)


@pytest.fixture(scope="module")
def untrained_runs() -> list[MnistRun]:
    """Three real (untrained) CNNs with their real evaluations: cheap, and enough for pages
    that need a network (Draw, Inside the CNN, the MNIST page's results)."""
    from core.mnist.model import build_mnist_model
    from core.mnist.training import evaluate_mnist

    runs = []
    for number in (1, 2, 3):
        model = build_mnist_model()
        evaluation = evaluate_mnist(model)
        label = f"Run {number}: untrained"
        runs.append(MnistRun(MnistConfig(), model, evaluation=evaluation, label=label))
    return runs


def open_app(state: dict | None = None) -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120).run()
    for key, value in (state or {}).items():
        at.session_state[key] = value
    return at


def visit(at: AppTest, page: str) -> AppTest:
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


@pytest.mark.parametrize("page", list(CASES), ids=lambda page: page.split("/")[-1][:-3])
def test_settings_survive_a_visit_to_other_pages(page: str, untrained_runs) -> None:
    at = open_app({session.MNIST_RUNS: untrained_runs[:2]})
    visit(at, page)
    set_all(at, CASES[page])
    away = (HOME, KERNELS) if page == NEURONS else (DRAW, NEURONS)
    if page == DRAW:
        away = (INSIDE, HOME)
    # Three runs away, then two: a value handed back in one run is stored differently in the
    # next, and the browser must be told to show it either way.
    away_and_back(at, page, away)
    assert_kept(at, CASES[page])
    away_and_back(at, page, away[:1])
    assert_kept(at, CASES[page])


def test_the_page_computes_with_the_remembered_settings() -> None:
    """Not only the widgets: what the page shows comes from the kept values."""
    at = visit(open_app(), NEURONS)
    at.slider(key="neurons_bias").set_value(2.0).run()  # p = 0.8 + 2 = 2.8
    at.slider(key="neurons_hidden_layers").set_value(0).run()  # 4 inputs x 3 outputs
    away_and_back(at, NEURONS)
    shown = {metric.label: metric.value for metric in at.metric}
    assert shown["weighted sum p"] == "2.80"
    assert shown["weights (arrows)"] == "12"


def test_hidden_layer_sizes_come_back_with_their_layers() -> None:
    """`iris_neurons_3` exists only with three layers: it waits, hidden, until they return."""
    at = visit(open_app(), IRIS)
    set_all(at, {"iris_layers": ("slider", 3), "iris_neurons_2": ("slider", 5)})
    set_all(at, {"iris_neurons_3": ("slider", 64), "iris_layers": ("slider", 1)})
    assert len(at.slider) and not any(s.key == "iris_neurons_3" for s in at.slider)
    away_and_back(at, IRIS)
    assert at.slider(key="iris_layers").value == 1
    at.slider(key="iris_layers").set_value(3).run()
    assert not at.exception
    assert at.slider(key="iris_neurons_2").value == 5
    assert at.slider(key="iris_neurons_3").value == 64


def _png(height: int, width: int) -> bytes:
    buffer = io.BytesIO()
    Image.fromarray(np.full((height, width), 128, np.uint8)).save(buffer, "PNG")
    return buffer.getvalue()


def test_a_patch_beyond_a_smaller_image_is_pulled_back_into_it() -> None:
    """The patch sliders' range is the image's size: a remembered position that a new,
    smaller image no longer has is clamped, never an error."""
    at = visit(open_app(), KERNELS)  # The default photo is 160x107 pixels.
    set_all(at, {"conv_patch_row": ("slider", 99), "conv_patch_col": ("slider", 152)})
    at.radio(key="conv_source").set_value("Upload an image").run()  # The page waits for a file.
    assert not any(s.key == "conv_patch_row" for s in at.slider)
    away_and_back(at, KERNELS)
    at.file_uploader(key="conv_upload").upload("small.png", _png(40, 30), "image/png").run()
    assert not at.exception
    assert at.slider(key="conv_patch_row").value == 40 - 8
    assert at.slider(key="conv_patch_col").value == 30 - 8


def test_edited_weights_survive_and_the_preset_loader_still_works() -> None:
    at = visit(open_app(), KERNELS)
    set_all(at, {"conv_preset": ("selectbox", "Box blur"), "conv_k_1_1": ("number_input", 9.0)})
    away_and_back(at, KERNELS)
    assert at.number_input(key="conv_k_1_1").value == 9.0
    assert any("You changed the preset's weights" in c.value for c in at.caption)

    # Choosing a preset writes its weights into the boxes, over the remembered ones.
    set_all(at, {"conv_preset": ("selectbox", "Sharpen"), "conv_size": ("radio", 5)})
    sharpen = conv.embed(conv.KERNELS["Sharpen"].weights, 5)
    away_and_back(at, KERNELS)
    weights = [[at.number_input(key=f"conv_k_{r}_{c}").value for c in range(5)] for r in range(5)]
    np.testing.assert_allclose(weights, sharpen)
    assert not any("You changed the preset's weights" in c.value for c in at.caption)


def test_a_network_that_is_gone_falls_back_to_the_default(untrained_runs) -> None:
    """An uploaded model can be let go (three at most): its label leaves the choices."""
    uploads = [(f"Uploaded: {name}.keras", untrained_runs[i].model) for i, name in enumerate("ab")]
    at = visit(open_app({session.UPLOADED_MODELS: list(uploads)}), DRAW)
    set_all(
        at,
        {
            "draw_model": ("selectbox", "Uploaded: a.keras"),
            "draw_compare": ("multiselect", ["Uploaded: a.keras", "Uploaded: b.keras"]),
        },
    )
    visit(at, HOME)
    at.session_state[session.UPLOADED_MODELS] = uploads[1:]  # "a" is let go.
    visit(at, DRAW)
    assert at.selectbox(key="draw_model").value == "Uploaded: b.keras"
    assert at.multiselect(key="draw_compare").value == ["Uploaded: b.keras"]


def test_the_draw_page_follows_a_new_choice_on_the_mnist_page(untrained_runs) -> None:
    """The Draw page's network is remembered until the MNIST page chooses another run."""
    labels = [run.label for run in untrained_runs]
    at = visit(open_app({session.MNIST_RUNS: list(untrained_runs)}), MNIST)
    at.radio(key="mnist_choice").set_value(0).run()
    visit(at, DRAW)
    assert at.selectbox(key="draw_model").value == labels[0]  # The MNIST page's choice ...
    at.selectbox(key="draw_model").set_value(labels[1]).run()  # ... changed on this page,
    away_and_back(at, DRAW, (HOME,))
    assert at.selectbox(key="draw_model").value == labels[1]  # ... is kept.

    visit(at, MNIST)
    assert at.radio(key="mnist_choice").value == 0  # The MNIST page's choice is kept too.
    at.radio(key="mnist_choice").set_value(2).run()
    visit(at, DRAW)
    assert at.selectbox(key="draw_model").value == labels[2]  # The new choice wins.
    assert at.multiselect(key="draw_compare").value == [labels[2]]


def test_remembered_values_are_small_settings(untrained_runs) -> None:
    """Only settings are kept: numbers, words, short lists of words; never a model."""
    at = open_app({session.MNIST_RUNS: untrained_runs[:2]})
    for page, settings in CASES.items():
        visit(at, page)
        set_all(at, settings)
    visit(at, HOME)
    kept = {
        key: at.session_state[key] for key in session.REMEMBERED_SETTINGS if key in at.session_state
    }
    assert len(kept) >= sum(len(settings) for settings in CASES.values())
    for key, value in kept.items():
        if isinstance(value, list):
            assert len(value) <= 3 and all(isinstance(v, str) for v in value), key
        else:
            assert isinstance(value, (bool, int, float, str)), (key, type(value))


def test_no_widget_warning_is_logged_on_any_page(untrained_runs, monkeypatch) -> None:
    """Handing a setting back while its widget also has a default makes Streamlit log a
    warning; .streamlit/config.toml switches it off, and nothing else warns."""
    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text())
    switch_off = config["global"]["disableWidgetStateDuplicationWarning"]
    assert switch_off is True
    monkeypatch.setattr(policies, "_shown_default_value_warning", False)  # Warn again.
    records: list[logging.LogRecord] = []
    handler = logging.Handler(level=logging.WARNING)
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger(policies.__name__)
    logger.addHandler(handler)
    try:
        with patch_config_options({"global.disableWidgetStateDuplicationWarning": switch_off}):
            at = open_app({session.MNIST_RUNS: untrained_runs[:2]})
            for page, settings in CASES.items():
                visit(at, page)
                set_all(at, settings)
            for page in CASES:
                visit(at, page)
    finally:
        logger.removeHandler(handler)
    assert not [record.getMessage() for record in records]
