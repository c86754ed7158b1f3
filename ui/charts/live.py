"""The charts redrawn live (after a stroke, a keystroke, a moment of training): HTML and SVG.

Plotly mounts a new chart for every update and Streamlit's Vega-Lite charts were slower for a
class (docs/load-test.md, "Streamlit's own Vega-Lite charts"), so these are hand-written.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.engine.progress import CurvePoint
from ui.charts.html_bars import probability_html


def probabilities(
    place, values: Sequence[float], labels: Sequence[str], title: str, truth: int | None = None
) -> None:
    """Bars of each class's probability in `place` (a container, a column or st)."""
    place.html(probability_html(values, labels, title, truth))


def epoch_curves(place, history: dict[str, list[float]], metric: str, epochs: int) -> None:
    """Training and test curves of 'loss' or 'accuracy', one point per epoch so far."""
    from ui.charts.svg_lines import epoch_curves as svg_epoch_curves

    place.html(svg_epoch_curves(history, metric, epochs))


def batch_curves(place, curve: Sequence[CurvePoint], total_batches: int) -> None:
    """Running loss and accuracy as a training goes, on an x axis as long as the training."""
    from ui.charts.svg_lines import batch_curves_svg

    place.html(batch_curves_svg(curve, total_batches))


def flower_scatter(
    place, x_feature: str, y_feature: str, flower: tuple[float, float] | None
) -> None:
    """The 150 flowers on two features and the student's flower."""
    from ui.charts.svg_scatter import iris_scatter_svg

    place.html(iris_scatter_svg(x_feature, y_feature, flower))
