"""Training progress reported through plain callbacks, so that no model code knows the UI.

A page passes functions that draw progress bars; the CLI passes functions that print.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

EpochCallback = Callable[[int, dict[str, float]], None]
BatchCallback = Callable[[int, dict[str, float]], None]


def keras_callback(
    on_epoch_end: EpochCallback | None = None,
    on_batch_end: BatchCallback | None = None,
) -> Any:
    """A Keras callback that forwards epoch and batch ends to the given functions.

    Epochs and batches are counted from 1 here, the way a student counts them.
    """
    import keras

    class _Epochs(keras.callbacks.Callback):
        def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
            if on_epoch_end is not None:
                on_epoch_end(epoch + 1, {k: float(v) for k, v in (logs or {}).items()})

    # Keras waits for every batch to finish only when a callback overrides the batch hook,
    # which slows small models down; so the hook exists only when someone listens.
    class _EpochsAndBatches(_Epochs):
        def on_train_batch_end(self, batch: int, logs: dict | None = None) -> None:
            on_batch_end(batch + 1, {k: float(v) for k, v in (logs or {}).items()})

    return _Epochs() if on_batch_end is None else _EpochsAndBatches()
