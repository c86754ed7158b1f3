"""A run's batch-by-batch curve: thinned to a few hundred points, every epoch's end kept."""

from __future__ import annotations

import pytest

from core.engine.progress import CurvePoint
from core.engine.training.curve_record import CurveRecorder


def _feed(recorder: CurveRecorder, epochs: int, per_epoch: int, then=None) -> None:
    callback = recorder.wrap(then)
    for epoch in range(epochs):
        for batch in range(1, per_epoch + 1):
            callback(batch, {"loss": 10.0 * epoch + batch, "accuracy": batch / per_epoch})


def test_a_short_training_keeps_every_batch() -> None:
    recorder = CurveRecorder(total_batches=12, batches_per_epoch=12)
    _feed(recorder, 1, 12)
    assert [p.batches_done for p in recorder.curve] == list(range(1, 13))
    assert recorder.curve[-1] == CurvePoint(12, 12.0, 1.0)


def test_a_long_training_is_thinned_but_keeps_each_epochs_last_batch() -> None:
    recorder = CurveRecorder(total_batches=3 * 469, batches_per_epoch=469, most_points=100)
    _feed(recorder, 3, 469)
    done = [p.batches_done for p in recorder.curve]
    assert recorder.every == 15  # ceil(1,407 / 100)
    assert {469, 938, 1407} <= set(done)
    assert len(done) <= 100 + 3 and done == sorted(done)
    assert all(d % 15 == 0 or d % 469 == 0 for d in done)
    # The second epoch's last point carries that epoch's running figures.
    assert next(p for p in recorder.curve if p.batches_done == 938).loss == 10.0 + 469


def test_the_batch_a_stop_came_after_is_recorded_before_the_stop() -> None:
    class Stop(Exception):
        pass

    def stop_at_five(batch: int, logs: dict) -> None:
        if batch == 5:
            raise Stop

    recorder = CurveRecorder(total_batches=20, batches_per_epoch=20)
    with pytest.raises(Stop):
        _feed(recorder, 1, 20, stop_at_five)
    assert recorder.curve[-1].batches_done == 5


def test_nonsense_sizes_are_refused() -> None:
    with pytest.raises(ValueError, match="at least one batch"):
        CurveRecorder(total_batches=0, batches_per_epoch=1)
