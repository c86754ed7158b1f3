"""The Kernels page in Streamlit's AppTest: every preset, an edited kernel, every image source."""

from __future__ import annotations

import numpy as np
import pytest
from streamlit.testing.v1 import AppTest

from core.kernels import convolution as conv
from core.kernels.sample_images import sample_photo
from tests.conftest import ROOT

PAGE = str(ROOT / "app_pages" / "convolution.py")


def _app() -> AppTest:
    return AppTest.from_file(PAGE, default_timeout=30)


def _range_caption(at: AppTest) -> str:
    return next(c.value for c in at.caption if c.value.startswith("The output's values run"))


@pytest.fixture(scope="module")
def china() -> np.ndarray:
    return sample_photo("china.jpg").astype(float)


def test_default_page_shows_the_sharpened_photo(china):
    at = _app().run()
    assert not at.exception
    assert at.selectbox(key="conv_preset").value == "Sharpen"
    result = conv.convolve(china, conv.KERNELS["Sharpen"].weights)
    assert f"run from {result.min():.0f} to {result.max():.0f}" in _range_caption(at)
    assert any("×(-1)" in m.value and "×5" in m.value for m in at.markdown)


@pytest.mark.parametrize("preset", [*conv.KERNELS, conv.SOBEL_MAGNITUDE])
def test_each_preset(preset, china):
    at = _app().run()
    at.selectbox(key="conv_preset").set_value(preset).run()
    assert not at.exception
    if preset == conv.SOBEL_MAGNITUDE:
        result = conv.sobel_magnitude(china)
        assert any(m.value.startswith("√(") for m in at.markdown)
        assert at.radio(key="conv_display").value == "magnitude"
    else:
        result = conv.convolve(china, conv.KERNELS[preset].weights)
        weights = [at.number_input(key=f"conv_k_{r}_{c}").value for r in range(3) for c in range(3)]
        np.testing.assert_allclose(weights, conv.KERNELS[preset].weights.ravel())
        assert any(conv.KERNELS[preset].about in m.value for m in at.markdown)
    caption = _range_caption(at)
    assert f"run from {result.min():.0f} to {result.max():.0f}" in caption
    assert conv.DISPLAY_MODES[at.radio(key="conv_display").value] in caption


def test_editing_the_kernel(china):
    at = _app().run()
    at.selectbox(key="conv_preset").set_value("Identity").run()
    assert f"run from {china.min():.0f} to {china.max():.0f}" in _range_caption(at)
    at.number_input(key="conv_k_1_1").set_value(2.0).run()
    assert not at.exception
    assert f"to {2 * china.max():.0f}" in _range_caption(at)
    assert any("your own kernel" in c.value for c in at.caption)
    # Choosing the preset again restores its weights.
    at.selectbox(key="conv_preset").set_value("Box blur").run()
    at.selectbox(key="conv_preset").set_value("Identity").run()
    assert at.number_input(key="conv_k_1_1").value == 1.0


def test_5x5_kernel_and_edge_padding():
    at = _app().run()
    at.radio(key="conv_size").set_value(5).run()
    assert not at.exception
    assert len(at.number_input) == 25
    assert at.number_input(key="conv_k_2_2").value == 5.0  # Sharpen's centre, now in the middle.
    at.number_input(key="conv_k_0_0").set_value(1.0).run()
    at.radio(key="conv_padding").set_value("edge").run()
    assert not at.exception
    assert any(s.label == "Pixel row" for s in at.slider)


def test_step_by_step_follows_the_chosen_pixel(china):
    at = _app().run()
    at.slider(key="conv_pixel_row").set_value(10).run()
    at.slider(key="conv_pixel_col").set_value(20).run()
    assert not at.exception
    total = conv.convolve(china, conv.KERNELS["Sharpen"].weights)[10, 20]
    assert any(m.value.endswith(f"= **{total:.1f}**") for m in at.markdown)


def test_digit_and_missing_drawing():
    at = _app().run()
    at.radio(key="conv_source").set_value("Handwritten-style digit").run()
    assert not at.exception
    at.slider(key="conv_digit").set_value(7).run()
    assert not at.exception
    at.radio(key="conv_source").set_value("Your latest drawing").run()
    assert not at.exception
    assert "Draw page" in at.info[0].value


def test_latest_drawing_is_used():
    at = _app()
    drawing = np.zeros((280, 280, 4), dtype=np.uint8)
    drawing[100:180, 130:150, 3] = 255
    at.session_state["draw_latest_image"] = drawing
    at.run()
    at.radio(key="conv_source").set_value("Your latest drawing").run()
    assert not at.exception
    assert not at.info
    assert at.slider(key="conv_patch_row").max == 160 - 8  # Shrunk to 160x160.


def test_upload_waits_for_a_file():
    at = _app().run()
    at.radio(key="conv_source").set_value("Upload an image").run()
    assert not at.exception
    assert "Choose an image file" in at.info[0].value


def test_a_smaller_image_after_a_page_without_sliders_keeps_them_in_range():
    """The pixel sliders go away while the page waits for an upload; when they come back for
    a smaller image, the larger image's position (in the session and in the address) must
    not come back with them: Streamlit refused it as above the slider's end."""
    at = _app().run()
    at.radio(key="conv_source").set_value("Handwritten-style digit").run()
    at.slider(key="conv_pixel_col").set_value(0).run()
    assert at.slider(key="conv_pixel_row").value == 27  # The digit's last row.
    at.radio(key="conv_source").set_value("Upload an image").run()
    assert not at.slider  # Waiting for a file: no sliders.
    at.session_state["draw_latest_image"] = np.full((8, 8, 4), 255, np.uint8)  # 8x8 pixels.
    at.radio(key="conv_source").set_value("Your latest drawing").run()
    assert not at.exception and not at.warning
    row, col = at.slider(key="conv_pixel_row"), at.slider(key="conv_pixel_col")
    assert (row.max, row.value, col.max, col.value) == (7, 7, 7, 0)
