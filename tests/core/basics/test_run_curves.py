"""Runs compared on one axis of epochs trained, and the caption computed from their numbers."""

from __future__ import annotations

import pytest

from core.basics.run_curves import RunCurve, compare_caption, run_curve

SEVEN_EPOCHS = {
    "loss": [1.2, 0.9, 0.7, 0.5, 0.4, 0.35, 0.31],
    "accuracy": [0.4, 0.6, 0.7, 0.8, 0.85, 0.9, 0.93],
    "val_loss": [1.1, 0.8, 0.7, 0.6, 0.6, 0.62, 0.65],
    "val_accuracy": [0.45, 0.62, 0.7, 0.75, 0.78, 0.78, 0.77],
}


def test_a_run_of_several_epochs_has_a_point_per_epoch() -> None:
    curve = run_curve("Run 4: 7 epochs x 20 steps, batch 16", SEVEN_EPOCHS, "val_loss", 7)
    assert curve.xs == (1, 2, 3, 4, 5, 6, 7)
    assert curve.ys == tuple(SEVEN_EPOCHS["val_loss"])
    assert curve.batches is None and curve.name == "Run 4"


def test_a_one_epoch_run_is_drawn_batch_by_batch_within_epoch_0_to_1() -> None:
    points = [(3, 2.1), (9, 1.4), (27, 0.8), (36, 0.6)]
    curve = run_curve("Run 2: 4,500 examples", {"loss": [0.6]}, "loss", 1, points, 36)
    assert curve.xs == pytest.approx((3 / 36, 9 / 36, 27 / 36, 1.0))
    assert curve.ys == (2.1, 1.4, 0.8, 0.6)
    assert curve.batches == (3, 36)
    # A stopped one-epoch run ends before 1: its last batch's share of the epoch.
    stopped = run_curve("Run 3: stopped", {}, "accuracy", 1, [(5, 0.3), (12, 0.5)], 40)
    assert stopped.xs == pytest.approx((5 / 40, 12 / 40)) and stopped.batches == (5, 12)


def test_measures_a_run_did_not_record_give_no_line() -> None:
    assert run_curve("Run 1: one epoch", {"loss": [0.3]}, "val_accuracy", 1, [(1, 0.3)], 9) is None
    assert run_curve("Run 1: nothing", {}, "loss", 3) is None
    with pytest.raises(ValueError, match="unknown measure 'error'"):
        run_curve("Run 1", SEVEN_EPOCHS, "error", 7)


def test_the_caption_reads_each_runs_first_and_last_value_and_who_ends_best() -> None:
    seven = run_curve("Run 4: 7 epochs", SEVEN_EPOCHS, "loss", 7)
    three = run_curve("Run 5: 3 epochs", {"loss": [1.5, 1.1, 0.95]}, "loss", 3)
    text = compare_caption([seven, three], "loss")
    assert text.startswith(
        "Run 4's training loss fell from 1.20 to 0.31 over 7 epochs; Run 5's fell from 1.50 "
        "to 0.95 over 3 epochs."
    )
    assert "Run 4 ends lowest, at 0.31." in text
    assert "The horizontal axis counts epochs trained." in text
    assert "single epoch" not in text  # No batch curve to explain.

    accuracy = compare_caption(
        [run_curve("Run 4: 7 epochs", SEVEN_EPOCHS, "val_accuracy", 7)], "val_accuracy"
    )
    assert accuracy.startswith("Run 4's test accuracy rose from 45.0% to 77.0% over 7 epochs.")
    assert "ends highest" not in accuracy  # One run: nothing to rank.


def test_the_caption_explains_where_a_one_epoch_runs_batches_sit() -> None:
    batches = run_curve(
        "Run 1: 5,000 examples", {"loss": [0.5]}, "loss", 1, [(4, 2.2), (40, 0.5)], 40
    )
    seven = run_curve("Run 2: 7 epochs", SEVEN_EPOCHS, "loss", 7)
    text = compare_caption([batches, seven], "loss", missing=["Run 3: never finished"])
    assert text.startswith(
        "Run 1's training loss fell from 2.20 to 0.50 between batch 4 and batch 40 of its one "
        "epoch; Run 2's fell from 1.20 to 0.31 over 7 epochs."
    )
    assert "Run 2 ends lowest, at 0.31." in text
    assert "Run 1 trained a single epoch, so its line shows the running average after each " in text
    assert "(half the batches at 0.5)" in text
    assert text.endswith("Run 3 recorded no training loss per epoch, so it has no line.")


def test_the_caption_says_when_runs_tie_and_when_nothing_can_be_drawn() -> None:
    a = RunCurve("Run 1: a", (1.0, 2.0), (0.5, 0.9))
    b = RunCurve("Run 2: b", (1.0, 2.0, 3.0), (0.6, 0.8, 0.9))
    assert "Several runs end at 90.0%." in compare_caption([a, b], "accuracy")
    flat = RunCurve("Run 3: c", (1.0, 2.0), (0.7504, 0.7498))
    assert compare_caption([flat], "val_accuracy").startswith(
        "Run 3's test accuracy stayed at 75.0% over 2 epochs."
    )
    assert compare_caption([], "val_loss", ["Run 1: one epoch", "Run 2: one epoch"]) == (
        "None of the runs chosen recorded a test loss per epoch."
    )
    missing = compare_caption([a], "accuracy", ["Run 5: x", "Run 6: y", "Run 7: z"])
    assert missing.endswith(
        "Run 5, Run 6 and Run 7 recorded no training accuracy per epoch, so they have no line."
    )
