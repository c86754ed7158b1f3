"""Over-fitting in a real network: the MNIST page's preset, and what a run's own curves show.

A big network (512 dense units, no dropout) trained long in small batches on a few hundred
digits learns every one of them, while its test accuracy stops rising well below. A run is
tested after every epoch, so the sentence is read from its own curves, whatever its settings.
"""

from __future__ import annotations

from core.mnist.config import MnistConfig

# Checked against the settings' limits when the module loads (MnistConfig validates itself).
OVERFITTING_PRESET = MnistConfig(
    train_size=300, epochs=10, batch_size=8, dense_units=512, dropout=0.0, invert=False
)
FULL = 0.995  # A training accuracy that reads 99.5% or more counts as every digit learned.
GAP = 0.03  # Test accuracy this far (3 points) below training is a gap worth naming.
FLAT = 0.02  # Test accuracies within 2 points of each other count as stalled.


def preset_summary(preset: MnistConfig = OVERFITTING_PRESET) -> str:
    """The preset's settings in words, for its button's caption."""
    dropout = "no dropout" if preset.dropout == 0 else f"dropout {preset.dropout:g}"
    return (
        f"{preset.train_size:,} training examples, {preset.epochs} epochs in batches of "
        f"{preset.batch_size}, {preset.dense_units} dense units and {dropout}"
    )


def _percent(value: float) -> str:
    return f"{value:.1%}"


def overfitting_reading(history: dict[str, list[float]], config: MnistConfig) -> str | None:
    """What the training and test accuracies did epoch by epoch, in one or two sentences.

    None for a run without a test accuracy per epoch (a one-epoch run, or one stopped in
    its first epoch). The training accuracy is the epoch's running figure, as on the chart.
    """
    digits = f"{config.train_size:,} training digits"
    if config.invert:
        digits += " and their inverted copies"
    train = history.get("accuracy", [])
    test = history.get("val_accuracy", [])
    epochs = min(len(train), len(test))
    if epochs < 2:
        return None
    train, test = train[:epochs], test[:epochs]
    top = max(train)
    peak = train.index(top) + 1  # The first epoch at the highest training accuracy.
    gap = train[-1] - test[-1]
    ended = (
        f"After the last epoch, training accuracy was {_percent(train[-1])} and test accuracy "
        f"(normal test digits) {_percent(test[-1])}"
    )
    if top >= FULL and peak < epochs and gap >= GAP:
        after = test[peak - 1 :]
        low, high = min(after), max(after)
        held = (
            f"stayed between {_percent(low)} and {_percent(high)}"
            if high - low <= FLAT
            else f"moved between {_percent(low)} and {_percent(high)}"
        )
        text = (
            f"Training accuracy reached {_percent(top)} at epoch {peak} of {epochs}, while "
            f"test accuracy (normal test digits) {held} from then on "
            f"({_percent(test[-1])} after the last epoch). "
        )
        if high - low <= FLAT:
            return text + (
                f"The network gets its {digits} right, and the epochs after that moved its "
                f"test accuracy by {(high - low) * 100:.1f} points at most: it has learned "
                "these digits by heart, quirks included, and that does not teach it to read "
                "new ones. This is over-fitting."
            )
        return text + (
            f"A gap of {gap * 100:.1f} points: the network does better on the digits it "
            "trained on than on new ones, the sign of over-fitting."
        )
    if gap >= GAP:
        return (
            f"{ended}: a gap of {gap * 100:.1f} points. The network does better on the digits "
            "it trained on than on new ones, the first sign of over-fitting."
        )
    if gap < 0:
        return (
            f"{ended}: the test digits did better. The training figure is the average over "
            "the epoch's batches, measured while the weights were still improving"
            + (" and with dropout switched on" if config.dropout > 0 else "")
            + "; the test is measured after the epoch. No sign of over-fitting."
        )
    return f"{ended}: within {gap * 100:.1f} points of each other, no sign of over-fitting."
