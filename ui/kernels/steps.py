"""The Kernel page's explanations: one output pixel worked out by hand, and max pooling."""

from __future__ import annotations

import numpy as np
import streamlit as st

from core.kernels import convolution as conv
from ui.charts import conv as charts
from ui.charts.described import plotly_described
from ui.kernels.inputs import position


def chart(container, figure, key: str) -> None:
    """Every chart gets its own key: two charts may show identical numbers. The words the
    figure carries (ui/charts/conv.described) go under it, for screen readers: the picture's
    size and values, or a grid's numbers read row by row."""
    plotly_described(
        container,
        figure,
        f"conv_chart_{key}",
        charts.described(figure),
        config={"displayModeBar": False},
    )


def _arithmetic(
    image: np.ndarray, kernel: np.ndarray, row: int, col: int, name: str, padding: str
) -> float:
    """Show the neighbourhood, the element-wise products with the kernel and their sum."""
    step = conv.neighbourhood_products(image, kernel, row, col, padding)
    first = (row - kernel.shape[0] // 2, col - kernel.shape[1] // 2)
    left, middle, right = st.columns(3)
    patch_fig = charts.matrix_figure(step.patch, "Pixels under the kernel", first=first, height=260)
    chart(left, patch_fig, f"patch_{name}")
    kernel_fig = charts.matrix_figure(kernel, f"{name} kernel", ".3g", signed=True, height=260)
    chart(middle, kernel_fig, f"kernel_{name}")
    products_fig = charts.matrix_figure(
        step.products, "Pixel × weight", ".4g", signed=True, height=260
    )
    chart(right, products_fig, f"products_{name}")
    pairs = zip(step.patch.ravel(), kernel.ravel(), strict=True)
    terms = " + ".join(f"{p:g}×{w:.3g}" if w >= 0 else f"{p:g}×({w:.3g})" for p, w in pairs if w)
    st.markdown(f"**{name}:** {terms or '0'} = **{step.total:.1f}**")
    return step.total


def one_output_pixel(
    image: np.ndarray,
    kernels: dict[str, np.ndarray],
    padding: str,
    shown: np.ndarray,
    start: tuple[int, int],
) -> None:
    """Pick a pixel; show its neighbourhood, the products with each kernel and their sum."""
    height, width = image.shape
    pick_row, pick_col = st.columns(2)
    with pick_row:
        row = position("Pixel row", height - 1, "conv_pixel_row", start[0])
    with pick_col:
        col = position("Pixel column", width - 1, "conv_pixel_col", start[1])
    title = "The pixel and its neighbours"
    chart(st, charts.image_figure(image, title, pixel=(row, col), height=260), "pixel")
    totals = [_arithmetic(image, k, row, col, name, padding) for name, k in kernels.items()]
    if len(totals) == 2:
        st.markdown(f"√({totals[0]:.1f}² + {totals[1]:.1f}²) = **{np.hypot(*totals):.1f}**")
    st.caption(f"On screen this output pixel has the value {shown[row, col]} (see above).")


def max_pooling(shown: np.ndarray, top: int, left: int, patch: int) -> None:
    """The filtered image halved by 2x2 max pooling, with the outlined patch's tiles zoomed."""
    height, width = shown.shape
    pooled, positions = conv.max_pool(shown, 2)
    first = (top - top % 2, left - left % 2)  # The tile must start on a 2x2 square.
    half = (
        slice(first[0] // 2, (first[0] + patch) // 2),
        slice(first[1] // 2, (first[1] + patch) // 2),
    )
    tile = shown[first[0] : first[0] + patch, first[1] : first[1] + patch]
    col_tile, col_pooled = st.columns(2)
    chart(col_tile, charts.pooling_figure(tile, positions[half], first), "pool_tile")
    title = f"After pooling: {patch // 2}x{patch // 2}"
    corner = (first[0] // 2, first[1] // 2)
    chart(
        col_pooled,
        charts.matrix_figure(pooled[half], title, first=corner, height=340),
        "pool_small",
    )
    col_before, col_after = st.columns(2)
    before = charts.image_figure(shown, f"Filtered: {width}x{height}", box=(*first, patch))
    chart(col_before, before, "pool_before")
    title = f"Pooled: {pooled.shape[1]}x{pooled.shape[0]}"
    box = (*corner, patch // 2)
    chart(col_after, charts.image_figure(pooled, title, box=box, height=200), "pool_after")
    st.caption("The tile is the outlined patch of the filtered image, moved to even coordinates.")
