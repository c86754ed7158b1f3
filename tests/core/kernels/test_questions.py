"""The Kernel page's quick questions, against the page's own convolution and pooling."""

from __future__ import annotations

import numpy as np

from core.kernels import convolution as conv
from core.kernels.questions import kernel_questions


def test_multiplications_and_pooled_pixels_of_an_odd_sized_image() -> None:
    image = np.random.default_rng(3).uniform(0, 255, (23, 37))
    kernel = np.ones((5, 5))
    products, pooled = kernel_questions(*image.shape, [5])
    output = conv.convolve(image, kernel)
    one_pixel = conv.neighbourhood_products(image, kernel, 4, 7)
    assert products.answer == one_pixel.products.size * output.size == 25 * 23 * 37
    assert "37x23" in products.text  # Width x height, as the page writes sizes.
    assert pooled.answer == conv.max_pool(output, 2)[0].size == 11 * 18


def test_sobel_magnitude_counts_both_kernels() -> None:
    products, _ = kernel_questions(10, 12, [3, 3])
    assert products.answer == 2 * 9 * 120 and "2 kernels" in products.text
