"""A training's batch-by-batch curve, kept with the run after the live chart is gone.

The live chart sees a point about twice a second; a run compared later with other runs
needs its curve from the first batch to the last. This records the running loss and
accuracy (since the epoch began, as the training loop reports them) after every batch,
thinned to a few hundred points so that a long training stays small, and always keeps the
last batch of every epoch, where the running figures equal the epoch's own.
"""

from __future__ import annotations

import math

from core.engine.progress import BatchCallback, CurvePoint


class CurveRecorder:
    """Wraps a batch callback and keeps a point every `every` batches and at each epoch's end."""

    def __init__(self, total_batches: int, batches_per_epoch: int, most_points: int = 300) -> None:
        if total_batches < 1 or batches_per_epoch < 1 or most_points < 1:
            raise ValueError("a curve needs at least one batch and room for one point")
        self.every = max(1, math.ceil(total_batches / most_points))
        self.batches_per_epoch = batches_per_epoch
        self.points: list[CurvePoint] = []
        self._done = 0

    def wrap(self, on_batch_end: BatchCallback | None) -> BatchCallback:
        """The callback to give the training loop: records, then calls `on_batch_end`.

        Recording comes first, so a batch after which a Stop ends the training is kept.
        """

        def record(batch: int, logs: dict[str, float]) -> None:
            self._done += 1
            if self._done % self.every == 0 or batch == self.batches_per_epoch:
                self.points.append(CurvePoint(self._done, logs["loss"], logs["accuracy"]))
            if on_batch_end is not None:
                on_batch_end(batch, logs)

        return record

    @property
    def curve(self) -> tuple[CurvePoint, ...]:
        return tuple(self.points)
