"""Charts in words: what a chart shows, with its numbers, for a student who cannot see it.

A screen reader reads the sentence instead of the picture, so every sentence is built from
the same numbers the chart is drawn from: a fixed "the loss falls" would be wrong as soon as
a student's training diverged. The pages show these as captions, or as text only a screen
reader reads where a caption would repeat what is already written on screen.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Protocol

import numpy as np

from core.basics.run_curves import MEASURES, _change, _plural, _shown


def announcement(digit: int, confidence: float) -> str:
    """The Draw page's answer as a screen reader announces it: "7, 93%"."""
    return f"{digit}, {confidence:.0%}"


def probabilities_text(probabilities: Sequence[float], labels: Sequence[str]) -> str:
    """Every class at 1% or more, the likeliest first, then how many are under 1%.

    A screen reader hears "7: 93%, 1: 5%, 9: 2%; the other 7 under 1%" instead of ten
    numbers of which seven are 0%. All zeros means nothing was asked yet.
    """
    values = np.nan_to_num(np.asarray(probabilities, dtype=float), nan=0.0)
    if len(values) != len(labels):
        raise ValueError(f"{len(values)} probabilities for {len(labels)} labels")
    if not values.size or values.max() <= 0:
        return "Nothing asked yet: every probability is 0%."
    order = np.argsort(-values, kind="stable")
    shown = [i for i in order if round(values[i] * 100) >= 1]
    text = ", ".join(f"{labels[i]}: {values[i]:.0%}" for i in shown)
    rest = len(values) - len(shown)
    if rest == 1:
        (last,) = (i for i in order if i not in shown)
        text += f"; {labels[last]} under 1%"
    elif rest == len(values) - 1 and rest > 1:
        text += "; the rest under 1%"
    elif rest > 1:
        text += f"; the other {rest} under 1%"
    return text + "."


def curves_text(history: Mapping[str, Sequence[float]], metric: str) -> str:
    """The training and test curves of `metric` ("loss" or "accuracy") in one sentence:
    "The training loss fell from 1.10 to 0.08 over 10 epochs; the test loss from ... to ..."."""
    if metric not in ("loss", "accuracy"):
        raise ValueError(f"metric is 'loss' or 'accuracy', not {metric!r}")
    parts = []
    for measure in (metric, f"val_{metric}"):
        values = [float(v) for v in history.get(measure, []) if np.isfinite(v)]
        name = MEASURES[measure]
        if not values:
            continue
        if len(values) == 1:
            parts.append(f"the {name} was {_shown(measure, values[0])} after one epoch")
        else:
            change = _change(measure, values[0], values[-1])
            parts.append(f"the {name} {change} over {_plural(len(values), 'epoch')}")
    if not parts:
        return f"No {metric} recorded yet."
    text = "; ".join(parts)
    return text[0].upper() + text[1:] + "."


class BatchPoint(Protocol):
    """What a point of the live curves has (core.engine.progress.CurvePoint): the basics
    import no engine, so the shape is named here."""

    batches_done: int
    loss: float
    accuracy: float


def batch_curves_text(curve: Sequence[BatchPoint], total_batches: int) -> str:
    """The live MNIST curves so far: running loss and accuracy from the first point to now."""
    if not curve:
        return "No batch trained yet."
    first, last = curve[0], curve[-1]
    loss = _change("loss", first.loss, last.loss)
    accuracy = _change("accuracy", first.accuracy, last.accuracy)
    return (
        f"After {last.batches_done:,} of {total_batches:,} batches: the running loss {loss}, "
        f"the running accuracy {accuracy} since batch {first.batches_done:,}."
    )


def confusion_cells(counts: np.ndarray, labels: Sequence[str]) -> str:
    """The whole matrix read out row by row, each row's non-zero cells, largest first.

    The visible caption (core.basics.confusion.confusion_reading) explains how to read one
    row; this is every row, for a student who cannot see the grid.
    """
    counts = np.asarray(counts, dtype=np.int64)
    if counts.ndim != 2 or counts.shape[0] != counts.shape[1] or counts.shape[0] != len(labels):
        raise ValueError("a confusion matrix is square, one row and column per label")
    rows = []
    for truth, row in enumerate(counts):
        said = sorted(((int(n), j) for j, n in enumerate(row) if n > 0), key=lambda p: -p[0])
        listed = ", ".join(f"{n:,} as {labels[j]}" for n, j in said) or "none"
        rows.append(f"true {labels[truth]}: {listed}")
    return "Confusion matrix, row by row: " + "; ".join(rows) + "."


def scatter_text(
    groups: Mapping[str, tuple[Sequence[float], Sequence[float]]], x_name: str, y_name: str
) -> str:
    """Each group's count and the ranges it covers on both axes: where its cloud lies."""
    parts = []
    for name, (xs, ys) in groups.items():
        if len(xs) == 0:
            continue
        parts.append(
            f"{len(xs):,} {name}, {x_name} {min(xs):g} to {max(xs):g}, "
            f"{y_name} {min(ys):g} to {max(ys):g}"
        )
    return "; ".join(parts) + "." if parts else "No points."


def descent_text(path: Sequence[float], losses: Sequence[float], slope: float, best: float) -> str:
    """The gradient-descent chart: where the weight started and is now, its loss, the slope."""
    steps = len(path) - 1
    start = f"w started at {path[0]:.3f} (loss {losses[0]:.3f})"
    if steps == 0:
        return (
            f"Loss against the weight: {start}; the slope there is {slope:.2f}; best w* = {best:g}."
        )
    return (
        f"Loss against the weight: {start}; after {_plural(steps, 'step')} it is at "
        f"{path[-1]:.3f} (loss {losses[-1]:.3f}), where the slope is {slope:.2f}; "
        f"best w* = {best:g}."
    )


def error_by_degree_text(
    degrees: Sequence[int], train: Sequence[float], test: Sequence[float], current: int
) -> str:
    """The over-fitting chart: each degree's training and test error, the lowest test error."""
    pairs = "; ".join(
        f"degree {d}: {tr:.3g} and {te:.3g}" for d, tr, te in zip(degrees, train, test, strict=True)
    )
    best = min(zip(test, degrees, strict=True))[1]
    return (
        f"Training and test error by degree: {pairs}. The lowest test error is at degree "
        f"{best}; the chosen degree is {current}."
    )


def network_text(layer_sizes: Sequence[int]) -> str:
    """The network diagram: its layers and how many neurons each has."""
    names = ["input"] + [f"hidden layer {i}" for i in range(1, len(layer_sizes) - 1)] + ["output"]
    layers = ", ".join(
        f"{name}: {_plural(size, 'neuron')}" for name, size in zip(names, layer_sizes, strict=True)
    )
    return (
        f"A network of {len(layer_sizes)} layers, each neuron joined to every one in the "
        f"next: {layers}."
    )
