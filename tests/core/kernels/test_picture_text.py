"""The Kernel pages' pictures in words: sizes, ranges and cells read from the values drawn."""

import numpy as np
import pytest

from core.kernels.picture_text import maps_text, matrix_text, picture_text


def test_picture_text_size_range_and_brightest():
    image = np.zeros((6, 9))
    image[2, 7] = 200
    image[4, 1] = 150
    text = picture_text(image, "Output: edges")
    assert text.startswith("Output: edges: a grey picture of 9x6 pixels, values from 0 (black)")
    assert "to 200 (white), average 6" in text
    assert "2 of 54 pixels are nearer white than black" in text
    assert "row 2, column 7" in text


def test_picture_text_flat_picture_has_no_bright_part():
    assert picture_text(np.full((4, 4), 30.0), "Flat") == (
        "Flat: a grey picture of 4x4 pixels, values from 30 (black) to 30 (white), average 30."
    )


def test_matrix_text_reads_small_grids_cell_by_cell_with_labels():
    kernel = np.array([[-1.0, 0.0, 1.0], [-2.0, 0.0, 2.0]])
    assert matrix_text(kernel, "Sobel x kernel", ".3g", first=(5, 11)) == (
        "Sobel x kernel: 2x3 numbers, columns 11 to 13. row 5: -1, 0, 1; row 6: -2, 0, 2. "
        "2 of them negative."
    )


def test_matrix_text_summarises_large_grids():
    values = np.arange(64.0).reshape(8, 8)
    assert matrix_text(values, "Tile") == "Tile: 8x8 numbers, from 0 to 63, average 32."


def test_maps_text_names_the_strongest_and_the_empty_maps():
    maps = np.zeros((3, 5, 4))
    maps[0, 1, 1] = 0.5
    maps[2] = 1.25
    text = maps_text(maps, ["1", "2", "3"], "feature maps")
    assert text.startswith("3 feature maps of 4x5. Strongest value 1.25, in 3.")
    assert "1: 0 to 0.5; 2: 0 to 0; 3: 1.25 to 1.25." in text
    assert text.endswith("All zero: 2.")
    with pytest.raises(ValueError):
        maps_text(maps, ["1"], "filters")
