"""Comparing trainings: every kept run's curve of one measure on one axis, and what it shows.

The lesson is in the difference between curves, so each run is a line on an axis of epochs; a
one-epoch run is drawn from its batches (docs/architecture.md, "Comparing runs").
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

# The measures a training records, under the training loop's names, as a student reads them.
MEASURES: dict[str, str] = {
    "loss": "training loss",
    "accuracy": "training accuracy",
    "val_loss": "test loss",
    "val_accuracy": "test accuracy",
}


@dataclass(frozen=True)
class RunCurve:
    """One run's line: `xs` in epochs trained, `ys` the measure; `batches` is set for a
    one-epoch run drawn batch by batch (the first and last batch its points stand for)."""

    label: str  # "Run 2: 5,000 examples, 1 epoch, invert on"
    xs: tuple[float, ...]
    ys: tuple[float, ...]
    batches: tuple[int, int] | None = None

    @property
    def name(self) -> str:
        """The label's short form, "Run 2", for sentences."""
        return self.label.split(":", 1)[0]


def run_curve(
    label: str,
    history: dict[str, list[float]],
    measure: str,
    planned_epochs: int,
    batch_points: Sequence[tuple[int, float]] = (),
    batches_per_epoch: int = 0,
) -> RunCurve | None:
    """The line of `measure` for one run, or None if the run did not record it.

    `batch_points` are (batches done, running value) pairs of a training measure, used for a
    run planned for one epoch (also when a stop ended it early); other runs, and the test
    measures, have a point per finished epoch.
    """
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}: choose one of {', '.join(MEASURES)}")
    during_training = not measure.startswith("val_")  # Test measures come once an epoch.
    if during_training and planned_epochs == 1 and batch_points and batches_per_epoch > 0:
        xs = tuple(done / batches_per_epoch for done, _ in batch_points)
        ys = tuple(float(value) for _, value in batch_points)
        return RunCurve(label, xs, ys, (batch_points[0][0], batch_points[-1][0]))
    values = history.get(measure, [])
    if not values:
        return None
    return RunCurve(label, tuple(float(e) for e in range(1, len(values) + 1)), tuple(values))


def _shown(measure: str, value: float) -> str:
    if "accuracy" in measure:
        return f"{value:.1%}"
    return f"{value:.2f}" if abs(value) >= 0.1 else f"{value:.3f}"


def _plural(count: int, word: str) -> str:
    return f"{count:,} {word}" + ("" if count == 1 else "s")


def _joined(names: Sequence[str]) -> str:
    """ "Run 1", "Run 1 and Run 2", "Run 1, Run 2 and Run 3"."""
    return names[0] if len(names) == 1 else f"{', '.join(names[:-1])} and {names[-1]}"


def _change(measure: str, first: float, last: float) -> str:
    if _shown(measure, first) == _shown(measure, last):
        return f"stayed at {_shown(measure, last)}"
    verb = "rose" if last > first else "fell"
    return f"{verb} from {_shown(measure, first)} to {_shown(measure, last)}"


def _one_run(curve: RunCurve, measure: str, opening: bool) -> str:
    whose = f"{curve.name}'s {MEASURES[measure]}" if opening else f"{curve.name}'s"
    first, last = curve.ys[0], curve.ys[-1]
    if curve.batches is not None:
        start, end = curve.batches
        return (
            f"{whose} {_change(measure, first, last)} between batch {start:,} and batch "
            f"{end:,} of its one epoch"
        )
    if len(curve.ys) == 1:
        return f"{whose} was {_shown(measure, last)} after its one epoch"
    return f"{whose} {_change(measure, first, last)} over {_plural(len(curve.ys), 'epoch')}"


def compare_caption(curves: Sequence[RunCurve], measure: str, missing: Sequence[str] = ()) -> str:
    """What the chart shows, in words: each run's first and last value, which run ends best,
    how to read the axis, and which chosen runs have no line (`missing`: their labels)."""
    if measure not in MEASURES:
        raise ValueError(f"unknown measure {measure!r}: choose one of {', '.join(MEASURES)}")
    if not curves:
        return f"None of the runs chosen recorded a {MEASURES[measure]} per epoch."
    no_line = ""
    if missing:
        names = _joined([label.split(":", 1)[0] for label in missing])
        has = "it has" if len(missing) == 1 else "they have"
        no_line = f" {names} recorded no {MEASURES[measure]} per epoch, so {has} no line."
    parts = [_one_run(curve, measure, i == 0) for i, curve in enumerate(curves)]
    text = "; ".join(parts) + "."
    if len(curves) > 1:
        lower_is_better = "loss" in measure
        best = (min if lower_is_better else max)(curves, key=lambda c: c.ys[-1])
        ends = [_shown(measure, c.ys[-1]) for c in curves]  # Equal as the student reads them.
        if ends.count(_shown(measure, best.ys[-1])) == 1:
            which = "lowest" if lower_is_better else "highest"
            text += f" {best.name} ends {which}, at {_shown(measure, best.ys[-1])}."
        else:
            text += f" Several runs end at {_shown(measure, best.ys[-1])}."
    text += " The horizontal axis counts epochs trained."
    in_batches = [c for c in curves if c.batches is not None]
    if in_batches:
        who = _joined([c.name for c in in_batches])
        each = "its" if len(in_batches) == 1 else "each"
        text += (
            f" {who} trained a single epoch, so {each} line shows the running average after "
            "each batch, placed at the share of the epoch done (half the batches at 0.5). "
            "The epoch's last batch, at 1, gives the epoch's figure: the same measure as a "
            "longer run's point at epoch 1."
        )
    return text + no_line
