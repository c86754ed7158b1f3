"""Plotly figures for the Kernels and Inside-the-CNN pages. Plain functions: data in, figure out."""

from __future__ import annotations

import numpy as np
import plotly.graph_objects as go
from plotly.subplots import make_subplots

from core.kernels.picture_text import maps_text, matrix_text, picture_text
from ui.charts.described import describe
from ui.charts.described import words as described

BOX_COLOUR = "#2563EB"  # Mid blue: 5:1 against both black and white pixels.
WINNER_COLOUR = "#DC2626"
GREYS = [[0, "black"], [1, "white"]]
DIVERGING = "RdBu"


def _square_pixels(fig: go.Figure, height: int, title: str) -> go.Figure:
    fig.update_yaxes(autorange="reversed", scaleanchor="x", scaleratio=1, showgrid=False)
    fig.update_xaxes(showgrid=False, constrain="domain")
    fig.update_layout(
        title=title, height=height, margin={"l": 10, "r": 10, "t": 40, "b": 10}, showlegend=False
    )
    return fig


def _outline(fig: go.Figure, top: int, left: int, rows: int, cols: int, colour: str, **kw) -> None:
    fig.add_shape(
        type="rect",
        x0=left - 0.5,
        x1=left + cols - 0.5,
        y0=top - 0.5,
        y1=top + rows - 0.5,
        line={"color": colour, "width": kw.pop("width", 2)},
        **kw,
    )


def image_figure(
    image: np.ndarray,
    title: str = "",
    box: tuple[int, int, int] | None = None,
    pixel: tuple[int, int] | None = None,
    height: int = 320,
) -> go.Figure:
    """A greyscale 0-255 image; hovering shows each pixel's row, column and value.

    `box` = (top, left, size) outlines the zoomed patch; `pixel` = (row, col) marks one pixel.
    """
    fig = go.Figure(
        go.Heatmap(
            z=np.asarray(image),
            colorscale=GREYS,
            zmin=0,
            zmax=255,
            showscale=False,
            hovertemplate="row %{y}, column %{x}: %{z}<extra></extra>",
        )
    )
    text = picture_text(image, title or "Picture")
    if box is not None:
        _outline(fig, box[0], box[1], box[2], box[2], BOX_COLOUR)
        text += f" Outlined: the {box[2]}x{box[2]} patch from row {box[0]}, column {box[1]}."
    if pixel is not None:
        _outline(fig, pixel[0] - 1, pixel[1] - 1, 3, 3, WINNER_COLOUR)
        text += f" Marked: the pixel at row {pixel[0]}, column {pixel[1]} and its neighbours."
    return describe(_square_pixels(fig, height, title), text)


def matrix_figure(
    values: np.ndarray,
    title: str = "",
    fmt: str = ".0f",
    signed: bool = False,
    zrange: tuple[float, float] = (0, 255),
    height: int = 300,
    first: tuple[int, int] = (0, 0),
) -> go.Figure:
    """A small grid of numbers, each cell coloured by its value (grey, or red/blue if signed).

    `fmt` formats each number (a Python format spec); `first` is the (row, col) of the
    top-left cell in the full image, used for the labels.
    """
    values = np.asarray(values, dtype=float)
    rows = np.arange(values.shape[0]) + first[0]
    cols = np.arange(values.shape[1]) + first[1]
    if signed:
        peak = float(np.abs(values).max()) or 1.0
        colour = {"colorscale": DIVERGING, "zmin": -peak, "zmax": peak, "reversescale": True}
    else:
        colour = {"colorscale": GREYS, "zmin": zrange[0], "zmax": zrange[1]}
    fig = go.Figure(
        go.Heatmap(
            z=values,
            x=[str(c) for c in cols],
            y=[str(r) for r in rows],
            text=np.vectorize(lambda v: format(v, fmt))(values),
            texttemplate="%{text}",
            showscale=False,
            hovertemplate="row %{y}, column %{x}: %{text}<extra></extra>",
            **colour,
        )
    )
    fig.update_xaxes(type="category")
    fig.update_yaxes(type="category")
    describe(fig, matrix_text(values, title or "Numbers", fmt, first))
    return _square_pixels(fig, height, title)


def pooling_figure(
    tile: np.ndarray, positions: np.ndarray, first: tuple[int, int], size: int = 2
) -> go.Figure:
    """A zoomed tile split into size x size squares; the value each square keeps is circled."""
    fig = matrix_figure(tile, "Each 2x2 square keeps its largest value", first=first, height=340)
    for top in range(0, tile.shape[0] - size + 1, size):
        for left in range(0, tile.shape[1] - size + 1, size):
            _outline(fig, top, left, size, size, BOX_COLOUR, width=3)
    kept = []
    for row, col in positions.reshape(-1, 2):
        _outline(fig, row - first[0], col - first[1], 1, 1, WINNER_COLOUR, width=3)
        kept.append(f"{tile[row - first[0], col - first[1]]:.0f}")
    if kept:
        text = described(fig) + f" Circled, the value each square keeps: {', '.join(kept)}."
        describe(fig, text)
    return fig


def grid_figure(
    images: np.ndarray, titles: list[str], columns: int = 8, signed: bool = False, height=None
) -> go.Figure:
    """Many small images side by side (filters or feature maps), on one shared colour scale.

    A shared scale keeps the comparison honest: a filter that barely responds looks dark.
    """
    images = np.asarray(images, dtype=float)
    rows = int(np.ceil(len(images) / columns))
    fig = make_subplots(
        rows=rows,
        cols=columns,
        subplot_titles=titles,
        horizontal_spacing=0.01,
        vertical_spacing=min(0.3 / rows, 0.12),
    )
    peak = float(np.abs(images).max()) or 1.0
    zmin, colours = (-peak, DIVERGING) if signed else (0.0, GREYS)
    for index, image in enumerate(images):
        fig.add_trace(
            go.Heatmap(
                z=image,
                zmin=zmin,
                zmax=peak,
                colorscale=colours,
                reversescale=signed,
                showscale=False,
                hovertemplate="row %{y}, column %{x}: %{z:.3f}<extra></extra>",
            ),
            row=index // columns + 1,
            col=index % columns + 1,
        )
    fig.update_xaxes(visible=False, constrain="domain")
    fig.update_yaxes(visible=False, autorange="reversed", constrain="domain")
    for index in range(1, len(images) + 1):
        # Square pixels: each map's y axis keeps the scale of its own x axis, so a 28x28
        # map is drawn square however wide or narrow the page (or phone) makes its cell.
        suffix = "" if index == 1 else str(index)
        fig.layout[f"yaxis{suffix}"].update(scaleanchor=f"x{suffix}", scaleratio=1)
    fig.update_annotations(font_size=11)
    fig.update_layout(height=height or 165 * rows + 30, margin={"l": 5, "r": 5, "t": 30, "b": 5})
    return describe(fig, maps_text(images, titles, "filters" if signed else "feature maps"))
