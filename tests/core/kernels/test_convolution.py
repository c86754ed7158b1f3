"""The convolution maths against scipy and hand-computed examples."""

from __future__ import annotations

import subprocess
import sys

import numpy as np
import pytest
from scipy.signal import correlate2d

from core.kernels import convolution as conv
from tests.conftest import ROOT

BOUNDARY = {"zero": "fill", "edge": "symm"}  # For a 3x3 kernel scipy's 'symm' repeats the edge.


@pytest.fixture
def image() -> np.ndarray:
    return np.random.default_rng(0).integers(0, 256, size=(23, 31)).astype(float)


@pytest.mark.parametrize("name", list(conv.KERNELS))
@pytest.mark.parametrize("padding", ["zero", "edge"])
def test_every_preset_matches_scipy(image, name, padding):
    kernel = conv.KERNELS[name].weights
    expected = correlate2d(image, kernel, mode="same", boundary=BOUNDARY[padding])
    np.testing.assert_allclose(conv.convolve(image, kernel, padding), expected, atol=1e-6)


@pytest.mark.parametrize("padding", ["zero", "edge"])
def test_random_5x5_kernel_matches_scipy(image, padding):
    kernel = np.random.default_rng(1).normal(size=(5, 5))
    np_mode = "constant" if padding == "zero" else "edge"
    expected = correlate2d(np.pad(image, 2, mode=np_mode), kernel, mode="valid")
    np.testing.assert_allclose(conv.convolve(image, kernel, padding), expected, atol=1e-6)


def test_sobel_magnitude_matches_scipy(image):
    gx = correlate2d(image, conv.KERNELS["Sobel vertical"].weights, mode="same")
    gy = correlate2d(image, conv.KERNELS["Sobel horizontal"].weights, mode="same")
    np.testing.assert_allclose(conv.sobel_magnitude(image), np.sqrt(gx**2 + gy**2), atol=1e-6)


def test_presets_embedded_in_5x5_give_the_same_result(image):
    for kernel in (k.weights for k in conv.KERNELS.values()):
        for padding in ("zero", "edge"):
            np.testing.assert_allclose(
                conv.convolve(image, conv.embed(kernel, 5), padding),
                conv.convolve(image, kernel, padding),
                atol=1e-9,
            )


def test_sobel_on_a_vertical_step_edge():
    # Columns 0-4 are black, 5-9 white: a vertical edge between columns 4 and 5.
    step = np.zeros((8, 10))
    step[:, 5:] = 255
    vertical = conv.convolve(step, conv.KERNELS["Sobel vertical"].weights, "edge")
    horizontal = conv.convolve(step, conv.KERNELS["Sobel horizontal"].weights, "edge")
    expected = np.zeros((8, 10))
    expected[:, 4:6] = 4 * 255  # (1 + 2 + 1) x (255 - 0) on both sides of the edge.
    np.testing.assert_allclose(vertical, expected)
    np.testing.assert_allclose(horizontal, 0)
    np.testing.assert_allclose(conv.sobel_magnitude(step, "edge"), expected)
    # Transposed, the edge is horizontal and the other kernel finds it.
    np.testing.assert_allclose(
        conv.convolve(step.T, conv.KERNELS["Sobel horizontal"].weights, "edge"), expected.T
    )


def test_identity_and_blur_keep_a_flat_image():
    flat = np.full((6, 7), 100.0)
    for name in ("Identity", "Sharpen", "Box blur", "Gaussian blur", "Emboss"):
        np.testing.assert_allclose(conv.convolve(flat, conv.KERNELS[name].weights, "edge"), flat)
    laplace = conv.convolve(flat, conv.KERNELS["Edge detection (Laplacian)"].weights, "edge")
    np.testing.assert_allclose(laplace, 0, atol=1e-12)


def test_sharpen_is_identity_plus_laplacian():
    kernels = conv.KERNELS
    np.testing.assert_allclose(
        kernels["Sharpen"].weights,
        kernels["Identity"].weights + kernels["Edge detection (Laplacian)"].weights,
    )


@pytest.mark.parametrize("padding", ["zero", "edge"])
@pytest.mark.parametrize(("row", "col"), [(0, 0), (5, 7), (22, 30), (0, 30), (11, 0)])
def test_neighbourhood_products_sum_to_the_output(image, padding, row, col):
    kernel = np.random.default_rng(2).normal(size=(3, 3))
    step = conv.neighbourhood_products(image, kernel, row, col, padding)
    assert step.patch.shape == step.products.shape == (3, 3)
    np.testing.assert_allclose(step.products, step.patch * kernel)
    assert step.total == pytest.approx(conv.convolve(image, kernel, padding)[row, col], abs=1e-6)


def test_neighbourhood_at_the_corner_includes_the_zero_padding(image):
    step = conv.neighbourhood_products(image, np.ones((3, 3)), 0, 0, "zero")
    np.testing.assert_array_equal(step.patch[0], 0)
    np.testing.assert_array_equal(step.patch[:, 0], 0)
    np.testing.assert_array_equal(step.patch[1:, 1:], image[:2, :2])


def test_max_pool_by_hand():
    image = np.array(
        [
            [1, 5, 2, 0, 9],
            [3, 4, 8, 1, 9],
            [0, 0, 7, 7, 9],
            [6, 2, 3, 1, 9],
            [9, 9, 9, 9, 9],
        ]
    )
    pooled, positions = conv.max_pool(image, 2)
    np.testing.assert_array_equal(pooled, [[5, 8], [6, 7]])  # Odd last row and column dropped.
    # The first of equal values wins, as numpy's argmax reads a tile row by row.
    np.testing.assert_array_equal(positions, [[[0, 1], [1, 2]], [[3, 0], [2, 2]]])
    for r, c in np.ndindex(pooled.shape):
        assert image[tuple(positions[r, c])] == pooled[r, c]


def test_max_pool_of_three():
    image = np.arange(36).reshape(6, 6)
    pooled, _ = conv.max_pool(image, 3)
    np.testing.assert_array_equal(pooled, [[14, 17], [32, 35]])


@pytest.mark.parametrize(
    ("mode", "expected"),
    [("clip", [0, 0, 100, 255]), ("magnitude", [255, 128, 51, 255]), ("signed", [0, 64, 153, 255])],
)
def test_to_display(mode, expected):
    result = np.array([-500.0, -250.0, 100.0, 500.0])
    assert conv.to_display(result, mode).tolist() == expected


def test_to_display_of_a_blank_result():
    assert conv.to_display(np.zeros(3), "magnitude").tolist() == [0, 0, 0]
    assert conv.to_display(np.zeros(3), "signed").tolist() == [128, 128, 128]


def test_bad_arguments_raise_value_errors(image):
    with pytest.raises(ValueError, match="odd"):
        conv.convolve(image, np.ones((2, 2)))
    with pytest.raises(ValueError, match="padding"):
        conv.convolve(image, np.ones((3, 3)), "wrap")
    with pytest.raises(ValueError, match="outside"):
        conv.neighbourhood_products(image, np.ones((3, 3)), 23, 0)
    with pytest.raises(ValueError, match="mode"):
        conv.to_display(image, "log")


def test_the_kernels_page_modules_do_not_load_tensorflow():
    # Importing TensorFlow costs seconds; the Kernels page must stay fast without it.
    code = (
        "import sys; import core.kernels.convolution, core.digits.image_files, "
        "core.kernels.sample_images, "
        "ui.charts.conv; assert not {'tensorflow', 'keras', 'sklearn'} & set(sys.modules)"
    )
    root = ROOT
    subprocess.run([sys.executable, "-c", code], cwd=root, check=True, timeout=60)
