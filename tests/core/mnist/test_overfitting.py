"""The over-fitting preset, and the sentence read from a run's own epoch-by-epoch accuracies."""

from __future__ import annotations

import dataclasses

import pytest

from core.engine.settings import limit_of
from core.mnist.config import MnistConfig
from core.mnist.overfitting import OVERFITTING_PRESET, overfitting_reading, preset_summary

PRESET = OVERFITTING_PRESET


def test_the_preset_lies_within_the_settings_limits_and_says_what_it_sets() -> None:
    assert limit_of(MnistConfig, "epochs").problem(PRESET.epochs) is None
    assert PRESET.epochs == limit_of(MnistConfig, "epochs").high  # As long as the page allows.
    assert PRESET.train_size < 1_000 and PRESET.dropout == 0 and not PRESET.invert
    assert preset_summary() == (
        f"{PRESET.train_size:,} training examples, {PRESET.epochs} epochs in batches of "
        f"{PRESET.batch_size}, {PRESET.dense_units} dense units and no dropout"
    )
    other = MnistConfig(train_size=2_000, epochs=4, batch_size=16, dense_units=64, dropout=0.3)
    assert preset_summary(other) == (
        "2,000 training examples, 4 epochs in batches of 16, 64 dense units and dropout 0.3"
    )


def test_training_at_100_percent_with_flat_test_accuracy_is_called_over_fitting() -> None:
    history = {
        "accuracy": [0.41, 0.8, 0.93, 0.98, 1.0, 0.9967, 1.0, 1.0],
        "val_accuracy": [0.7, 0.8, 0.85, 0.872, 0.881, 0.876, 0.884, 0.879],
    }
    text = overfitting_reading(history, PRESET)
    assert text.startswith(
        "Training accuracy reached 100.0% at epoch 5 of 8, while test accuracy (normal test "
        "digits) stayed between 87.6% and 88.4% from then on (87.9% after the last epoch)."
    )
    assert f"gets its {PRESET.train_size:,} training digits right" in text
    assert "by 0.8 points at most" in text and text.endswith("This is over-fitting.")
    inverted = overfitting_reading(history, dataclasses.replace(PRESET, invert=True))
    assert "training digits and their inverted copies right" in inverted


def test_test_accuracy_still_moving_after_training_peaks_is_a_gap_not_a_plateau() -> None:
    history = {"accuracy": [0.6, 0.999, 0.98, 0.99], "val_accuracy": [0.5, 0.7, 0.8, 0.9]}
    text = overfitting_reading(history, MnistConfig(train_size=500, epochs=4))
    assert "reached 99.9% at epoch 2 of 4" in text
    assert "moved between 70.0% and 90.0%" in text
    assert "A gap of 9.0 points" in text and "by heart" not in text


def test_other_runs_get_the_gap_they_show() -> None:
    gap = overfitting_reading(
        {"accuracy": [0.8, 0.95], "val_accuracy": [0.82, 0.9]}, MnistConfig(epochs=2)
    )
    assert gap == (
        "After the last epoch, training accuracy was 95.0% and test accuracy (normal test "
        "digits) 90.0%: a gap of 5.0 points. The network does better on the digits it trained "
        "on than on new ones, the first sign of over-fitting."
    )
    close = overfitting_reading(
        {"accuracy": [0.9, 0.97], "val_accuracy": [0.93, 0.955]}, MnistConfig(epochs=2)
    )
    assert close.endswith("95.5%: within 1.5 points of each other, no sign of over-fitting.")
    above = {"accuracy": [0.85, 0.93], "val_accuracy": [0.95, 0.97]}
    with_dropout = overfitting_reading(above, MnistConfig(epochs=2, dropout=0.4))
    assert "97.0%: the test digits did better." in with_dropout
    assert "and with dropout switched on;" in with_dropout
    assert "dropout" not in overfitting_reading(above, MnistConfig(epochs=2, dropout=0.0))


def test_a_run_without_a_test_accuracy_per_epoch_gets_no_sentence() -> None:
    assert overfitting_reading({"accuracy": [0.9], "loss": [0.3]}, MnistConfig()) is None
    assert overfitting_reading({"accuracy": [0.9, 0.95]}, MnistConfig(epochs=2)) is None
    # Stopped in the second epoch: one tested epoch only.
    stopped = {"accuracy": [0.9], "val_accuracy": [0.91]}
    assert overfitting_reading(stopped, MnistConfig(epochs=5)) is None


@pytest.mark.slow
def test_the_preset_over_fits_real_mnist() -> None:
    """Real training of the preset on real MNIST: every training digit right by the last
    epochs, the test digits clearly lower and no longer rising."""
    from core.mnist.training import run_mnist

    run = run_mnist(PRESET, lambda progress: None, lambda: False)
    train, test = run.history["accuracy"], run.history["val_accuracy"]
    assert len(train) == len(test) == PRESET.epochs
    assert max(train[-3:]) >= 0.995, train
    assert train[-1] - test[-1] >= 0.05, (train, test)  # Clearly lower on new digits.
    assert max(test[-3:]) - min(test[-3:]) <= 0.02, test  # Flat over the last epochs.
    # The last epoch's test is the run's own test on the normal digits.
    assert test[-1] == pytest.approx(run.evaluation.test_accuracy, abs=0.002)
    text = overfitting_reading(run.history, run.config)
    assert "Training accuracy reached" in text and "over-fitting" in text
    assert len(run.curve) > PRESET.epochs  # The batch-by-batch record came along.
