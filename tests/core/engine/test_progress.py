"""The one progress clock (throttling, last batch, rate and time left) and its snapshots.

The clock reads time from a function it is given; these tests hand it a hand-wound clock, so
the arithmetic is checked exactly instead of against the machine's load.
"""

from __future__ import annotations

import pickle

import pytest

from core.engine.progress import (
    CurvePoint,
    EpochLog,
    Progress,
    ProgressClock,
    ProgressTracker,
    StopTraining,
)


class Hands:
    """A clock that only moves when told."""

    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_reports_at_most_every_interval_but_always_the_last_batch_of_an_epoch():
    hands = Hands()
    clock = ProgressClock(20, 32, min_interval_s=0.5, batches_per_epoch=10, now=hands)
    due = []
    for batch in range(1, 21):
        hands.now += 0.2  # A batch takes 0.2 s: a report every third batch at most.
        if clock.tick(batch):
            due.append(batch)
    # The first batch reports at once; then every 0.6 s (3 batches); 10 and 20 end epochs.
    assert due == [1, 4, 7, 10, 13, 16, 19, 20]


def test_rate_and_time_left_count_examples_since_start():
    hands = Hands()
    clock = ProgressClock(100, 128, min_interval_s=0.0, now=hands)
    hands.now += 30.0  # Tracing and building happen before training starts ...
    clock.start()  # ... and do not count.
    hands.now += 10.0
    assert clock.tick(25)
    assert clock.examples_per_s == pytest.approx(25 * 128 / 10.0)
    # 75 batches of 128 at 320 examples/s: 30 s.
    assert clock.seconds_left == pytest.approx(75 * 128 / (25 * 128 / 10.0))
    assert clock.seconds_left == pytest.approx(30.0)
    hands.now += 30.0
    assert clock.tick(100)
    assert clock.seconds_left == 0.0


def test_a_clock_refuses_nonsense():
    with pytest.raises(ValueError):
        ProgressClock(0, 128)
    with pytest.raises(ValueError):
        ProgressClock(10, 0)


def test_snapshots_are_plain_data_that_survive_pickling():
    snapshot = Progress(
        phase="training",
        epoch=2,
        epochs=3,
        batches_done=15,
        total_batches=30,
        curve=(CurvePoint(5, 2.0, 0.3), CurvePoint(15, 1.0, 0.7)),
        history=(EpochLog(1, 1.5, 0.5, 1.4, 0.55),),
    )
    again = pickle.loads(pickle.dumps(snapshot))
    assert again == snapshot
    assert again.fraction == 0.5 and not again.ended
    assert again.history_lists() == {
        "loss": [1.5],
        "accuracy": [0.5],
        "val_loss": [1.4],
        "val_accuracy": [0.55],
    }
    with pytest.raises(AttributeError):
        snapshot.phase = "finished"  # type: ignore[misc]
    assert Progress(phase="stopped").ended and Progress().fraction == 0.0


def test_tracker_counts_across_epochs_grows_the_curve_and_stops_when_asked():
    """Two epochs of four batches; reports are not throttled (interval 0)."""
    reports: list[Progress] = []
    stop = {"now": False}
    tracker = ProgressTracker(
        reports.append,
        lambda: stop["now"],
        epochs=2,
        batches_per_epoch=4,
        batch_size=10,
        min_interval_s=0.0,
    )
    tracker.start_training()
    for batch in range(1, 5):
        tracker.on_batch_end(batch, {"loss": 1.0 / batch, "accuracy": 0.1 * batch})
    tracker.on_epoch_end(1, {"loss": 0.25, "accuracy": 0.4, "val_loss": 0.3, "val_accuracy": 0.5})
    tracker.on_batch_end(1, {"loss": 0.2, "accuracy": 0.6})
    stop["now"] = True
    with pytest.raises(StopTraining):
        tracker.on_batch_end(2, {"loss": 0.19, "accuracy": 0.65})

    last = reports[-1]
    assert (last.phase, last.epoch, last.batch, last.batches_done) == ("training", 2, 2, 6)
    assert last.total_batches == 8 and last.fraction == pytest.approx(6 / 8)
    assert [p.batches_done for p in last.curve] == [1, 2, 3, 4, 5, 6]
    assert last.history == (EpochLog(1, 0.25, 0.4, 0.3, 0.5),)
    assert tracker.history == {"loss": [0.25], "accuracy": [0.4], "val_loss": [0.3],
                               "val_accuracy": [0.5]}  # fmt: skip
    # After the first epoch the counters move to epoch 2, batch 0.
    after_epoch = next(p for p in reports if p.history and p.batch == 0)
    assert (after_epoch.epoch, after_epoch.batches_done) == (2, 4)
    assert reports[0].phase == "training" and reports[0].batches_done == 0


def test_throttled_batches_are_counted_in_the_next_report():
    reports: list[Progress] = []
    tracker = ProgressTracker(
        reports.append, lambda: False, epochs=1, batches_per_epoch=1000, batch_size=8,
        min_interval_s=3600.0, keep_curve=False,
    )  # fmt: skip
    tracker.start_training()
    for batch in range(1, 1001):
        tracker.on_batch_end(batch, {"loss": 1.0, "accuracy": 0.5})
    tracker.on_epoch_end(1, {"loss": 1.0, "accuracy": 0.5})
    # One report when training starts, the first batch, the last batch, the epoch's end.
    assert [p.batches_done for p in reports] == [0, 1, 1000, 1000]
    assert reports[-1].curve == () and reports[-1].epoch == 1
    tracker.show("finished")
    assert reports[-1].phase == "finished" and reports[-1].batches_done == 1000
