"""The charts redrawn live, drawn one of two ways: hand-written HTML/SVG or Vega-Lite.

Every caller that redraws a chart after a stroke, a keystroke or a moment of training goes
through these functions, so the two ways can be measured against each other on the same
pages (`WORKSHOP_LIVE_CHARTS=vega`, see ui/charts/vega_live.py); the default is the HTML/SVG one.
"""

from __future__ import annotations

from collections.abc import Sequence

from core.engine.progress import CurvePoint
from ui.charts import vega_live
from ui.charts.html_bars import probability_html


def probabilities(
    place, values: Sequence[float], labels: Sequence[str], title: str, truth: int | None = None
) -> None:
    """Bars of each class's probability in `place` (a container, a column or st)."""
    if vega_live.live_charts() == "vega":
        data = vega_live.probability_data(values, labels, truth)
        spec = vega_live.probability_spec(title, labels)
        place.vega_lite_chart(data, spec, width="stretch", alt=_spoken(title, data))
    else:
        place.html(probability_html(values, labels, title, truth))


def _spoken(title: str, data) -> str:
    shown = [f"{label}: {text}" for label, text in zip(data["label"], data["shown"], strict=True)]
    return f"{title}. " + (", ".join(shown) if any(data["shown"]) else "nothing yet")


def epoch_curves(place, history: dict[str, list[float]], metric: str, epochs: int) -> None:
    """Training and test curves of 'loss' or 'accuracy', one point per epoch so far."""
    if vega_live.live_charts() == "vega":
        lines = {
            name: (range(1, len(history.get(key, [])) + 1), history.get(key, []))
            for key, name in ((metric, "training data"), (f"val_{metric}", "test data"))
        }
        spec = vega_live.curves_spec(metric.capitalize(), "epoch", epochs, metric == "accuracy")
        place.vega_lite_chart(vega_live.curves_data(lines), spec, width="stretch")
    else:
        from ui.charts.svg_lines import epoch_curves as svg_epoch_curves

        place.html(svg_epoch_curves(history, metric, epochs))


def batch_curves(place, curve: Sequence[CurvePoint], total_batches: int) -> None:
    """Running loss and accuracy as a training goes, on an x axis as long as the training."""
    if vega_live.live_charts() == "vega":
        batches = [point.batches_done for point in curve]
        left, right = place.container().columns(2)
        for column, metric in ((left, "loss"), (right, "accuracy")):
            ys = [getattr(point, metric) for point in curve]
            spec = vega_live.curves_spec(
                f"{metric.capitalize()} so far",
                "batches trained",
                total_batches,
                metric == "accuracy",
            )
            data = vega_live.curves_data({"training data": (batches, ys)})
            column.vega_lite_chart(data, spec, width="stretch")
    else:
        from ui.charts.svg_lines import batch_curves_svg

        place.html(batch_curves_svg(curve, total_batches))


def flower_scatter(
    place, x_feature: str, y_feature: str, flower: tuple[float, float] | None
) -> None:
    """The 150 flowers on two features and the student's flower."""
    if vega_live.live_charts() == "vega":
        import pandas as pd

        from core.iris.data import SPECIES, iris_table

        table = iris_table()
        data = pd.DataFrame(
            {"x": table[x_feature], "y": table[y_feature], "kind": table["species"]}
        )
        if flower is not None:
            data.loc[len(data)] = [flower[0], flower[1], "your flower"]
        spec = vega_live.scatter_spec(x_feature, y_feature, SPECIES)
        place.vega_lite_chart(data, spec, width="stretch")
    else:
        from ui.charts.svg_scatter import iris_scatter_svg

        place.html(iris_scatter_svg(x_feature, y_feature, flower))
