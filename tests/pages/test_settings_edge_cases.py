"""Remembered settings that no longer fit: a smaller image, a preset chosen over edited
weights, a network let go, another run chosen elsewhere; and what is remembered at all.

The helpers and the ordinary cases: navigation.py and test_settings_survive_navigation.py.
"""

from __future__ import annotations

import io
import logging
import tomllib

import numpy as np
from PIL import Image
from streamlit.elements.lib import policies
from streamlit.testing.v1.util import patch_config_options

from core.kernels import convolution as conv
from tests.conftest import ROOT
from tests.pages.navigation import (
    CASES,
    DRAW,
    HOME,
    KERNELS,
    MNIST,
    away_and_back,
    open_app,
    set_all,
    visit,
)
from ui.state import keys


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
    uploads = [
        (f"Uploaded: {name}.keras", untrained_runs[i].network) for i, name in enumerate("ab")
    ]
    at = visit(open_app({keys.UPLOADED_MODELS: list(uploads)}), DRAW)
    set_all(
        at,
        {
            "draw_model": ("selectbox", "Uploaded: a.keras"),
            "draw_compare": ("multiselect", ["Uploaded: a.keras", "Uploaded: b.keras"]),
        },
    )
    visit(at, HOME)
    at.session_state[keys.UPLOADED_MODELS] = uploads[1:]  # "a" is let go.
    visit(at, DRAW)
    assert at.selectbox(key="draw_model").value == "Uploaded: b.keras"
    assert at.multiselect(key="draw_compare").value == ["Uploaded: b.keras"]


def test_the_draw_page_follows_a_new_choice_on_the_mnist_page(untrained_runs) -> None:
    """The Draw page's network is remembered until the MNIST page chooses another run."""
    labels = [run.label for run in untrained_runs]
    at = visit(open_app({keys.MNIST_RUNS: list(untrained_runs)}), MNIST)
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


def test_kept_values_are_small_settings(untrained_runs) -> None:
    """Only settings go to the store: numbers, words, short lists of words; never a model."""
    at = open_app({keys.MNIST_RUNS: untrained_runs[:2]})
    for page, settings in CASES.items():
        visit(at, page)
        set_all(at, settings)
    visit(at, HOME)
    kept = at.session_state[keys.KEPT_SETTINGS]
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
            at = open_app({keys.MNIST_RUNS: untrained_runs[:2]})
            for page, settings in CASES.items():
                visit(at, page)
                set_all(at, settings)
            for page in CASES:
                visit(at, page)
    finally:
        logger.removeHandler(handler)
    assert not [record.getMessage() for record in records]
