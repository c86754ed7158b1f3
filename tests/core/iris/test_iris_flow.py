"""The Iris training flow that the page and the command line share (run_iris)."""

from __future__ import annotations

from core.engine.progress import Progress
from core.iris.config import IrisConfig
from core.iris.data import split_counts
from core.iris.model import train_iris
from core.iris.training import run_iris

TEST_FLOWERS = split_counts(IrisConfig().test_fraction)[1]  # The notebook's split: 38.

CONFIG = IrisConfig(epochs=4, steps_per_epoch=30, seed=7)


def test_every_epoch_is_reported_with_its_test_figures_and_matches_train_iris():
    reports: list[Progress] = []
    result = run_iris(CONFIG, reports.append, lambda: False)
    lengths = [len(p.history) for p in reports]
    assert lengths == sorted(lengths) and set(lengths) == {0, 1, 2, 3, 4}  # Each epoch, in order.
    assert all(log.val_accuracy is not None for log in reports[-1].history)
    assert [p.phase for p in reports][-2:] == ["evaluating", "finished"]
    assert reports[-1].history_lists() == result.history
    assert not result.stopped and result.confusion.sum() == TEST_FLOWERS
    # The flow trains exactly what train_iris trains: same seed, same figures.
    plain = train_iris(CONFIG)
    assert plain.history["loss"] == result.history["loss"]
    assert plain.test_accuracy == result.test_accuracy


def test_a_stop_keeps_the_network_so_far_and_tests_it():
    asked: list[int] = []

    def stop_in_the_second_epoch() -> bool:
        asked.append(1)
        return len(asked) > 45  # Once before training, then after batches 1 to 45.

    reports: list[Progress] = []
    result = run_iris(CONFIG, reports.append, stop_in_the_second_epoch)
    assert result.stopped
    assert reports[-1].phase == "stopped" and reports[-1].batches_done == 45
    assert len(result.history["loss"]) == 1  # One whole epoch of 30 batches.
    assert 0.0 <= result.test_accuracy <= 1.0 and result.confusion.sum() == TEST_FLOWERS
    assert run_iris(CONFIG, reports.append, lambda: True) is None
