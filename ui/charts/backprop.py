"""The Backpropagation page's 2-2-1 network as an SVG picture: every weight on its arrow.

An image, like the live charts (ui/charts/svg_axes.py): cheap to redraw on every slider move,
and its alt text says in words what it shows.
"""

from __future__ import annotations

import base64
import html

from core.basics.backpropagation import Forward, TinyNetwork
from ui.charts.svg_axes import SVG_STYLE

WIDTH, HEIGHT, RADIUS = 470, 230, 17
NODES = {"x1": (120, 60), "x2": (120, 170), "h1": (265, 60), "h2": (265, 170), "y": (400, 115)}
# (from, to, weight, where along the arrow its label sits): off the middle where arrows cross.
EDGES = (
    ("x1", "h1", "w1", 0.5),
    ("x2", "h1", "w2", 0.25),
    ("x1", "h2", "w3", 0.25),
    ("x2", "h2", "w4", 0.5),
    ("h1", "y", "w5", 0.5),
    ("h2", "y", "w6", 0.5),
)
SUB = str.maketrans("123456", "₁₂₃₄₅₆")
NEURON = "#4F46E5"
INPUT = "#64748B"  # Slate: 4.8:1 on white.


def network_svg(net: TinyNetwork, f: Forward) -> str:
    """The picture as an HTML image with its alt text (for `st.html`)."""
    values = {"x1": net.x1, "x2": net.x2, "h1": f.h1, "h2": f.h2, "y": f.y}
    parts = [SVG_STYLE]
    for start, end, weight, where in EDGES:
        (x0, y0), (x1, y1) = NODES[start], NODES[end]
        parts.append(
            f'<line x1="{x0}" y1="{y0}" x2="{x1}" y2="{y1}" stroke="#CBD5E1" stroke-width="2"/>'
        )
        lx, ly = x0 + (x1 - x0) * where, y0 + (y1 - y0) * where - 6
        label = f"{weight.translate(SUB)} = {getattr(net, weight):.2f}"
        parts.append(f'<text x="{lx:.0f}" y="{ly:.0f}" text-anchor="middle">{label}</text>')
    for name, (x, y) in NODES.items():
        colour = INPUT if name.startswith("x") else NEURON
        parts.append(f'<circle cx="{x}" cy="{y}" r="{RADIUS}" fill="{colour}"/>')
        label = f"{name.translate(SUB)} = {values[name]:.3f}"
        if name.startswith("x"):
            parts.append(f'<text x="{x - RADIUS - 4}" y="{y + 4}" text-anchor="end">{label}</text>')
        elif name == "y":
            parts.append(f'<text x="{x}" y="{y + RADIUS + 18}" text-anchor="middle">{label}</text>')
        else:
            anchor_y = y - RADIUS - 8 if name == "h1" else y + RADIUS + 18
            parts.append(f'<text x="{x}" y="{anchor_y}" text-anchor="middle">{label}</text>')
    svg = (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'width="{WIDTH}" height="{HEIGHT}">{"".join(parts)}</svg>'
    )
    uri = "data:image/svg+xml;base64," + base64.b64encode(svg.encode()).decode("ascii")
    return (
        f'<img src="{uri}" alt="{html.escape(network_alt(net, f))}" '
        'style="width:100%;max-width:470px;height:auto">'
    )


def network_alt(net: TinyNetwork, f: Forward) -> str:
    """What the picture shows, in words (its alt text, and the caption under it)."""
    return (
        f"Inputs x₁ = {net.x1:g} and x₂ = {net.x2:g} feed hidden neuron h₁ through w₁ = "
        f"{net.w1:g} and w₂ = {net.w2:g}, and hidden neuron h₂ through w₃ = {net.w3:g} and "
        f"w₄ = {net.w4:g}; h₁ = {f.h1:.3f} and h₂ = {f.h2:.3f} feed the output y = {f.y:.3f} "
        f"through w₅ = {net.w5:g} and w₆ = {net.w6:g}."
    )
