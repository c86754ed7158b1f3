"""What a finished MNIST run's numbers say, and what to try next: computed from the run.

The workshop warns that after INVERT "you only see a small improvement and even a
worsening" on some examples, so the page must not announce a success the numbers do not
show. `invert_verdict` reads the two test accuracies (and, when this session has one, a run
with the same settings but invert off) and says what they show.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from core.mnist.config import MnistConfig, steps_per_epoch

CLOSE = 0.02  # Inverted within 2 points of normal: the network reads both alike.
CHANGE = 0.005  # Changes smaller than half a point are noise for a 10,000-digit test set.
WORKSHOP_WARNING = "“a small improvement and even a worsening”"


@dataclass(frozen=True)
class Verdict:
    """A message and its tone: "success", "info" or "warning" (the Streamlit box to use)."""

    tone: str
    text: str


def plain_baseline(run: Any, runs: Sequence[Any]) -> Any | None:
    """The latest finished run of this session with `run`'s settings but invert off, or None.

    Only such a run says what the inverted copies changed: a run with other settings differs
    for other reasons too. Runs are duck-typed (`config`, `evaluation`, `stopped`).
    """
    if not run.config.invert:
        return None
    wanted = dataclasses.replace(run.config, invert=False)
    for other in reversed(runs):
        if other is run or other.stopped or other.evaluation is None:
            continue
        if other.config == wanted:
            return other
    return None


def invert_verdict(
    normal: float,
    inverted: float,
    invert: bool,
    stopped: bool = False,
    baseline: tuple[float, float] | None = None,
) -> Verdict:
    """What the two test accuracies show, for a plain or an INVERT run.

    `baseline` is (normal, inverted) accuracy of the same settings trained without the
    inverted copies. A success is announced only for a finished INVERT run that reads
    inverted digits within CLOSE of normal ones; a run stopped early gets the same words in
    a plain box (the page says separately that it was stopped).
    """
    both = f"{normal:.1%} of the normal test digits and {inverted:.1%} of the inverted ones"
    if not invert:
        if normal - inverted >= CLOSE:
            return Verdict(
                "info",
                f"Trained on white-on-black digits only: it reads {both}. It never saw a dark "
                "digit on light paper. Train again with **invert** on.",
            )
        return Verdict(
            "info",
            f"Trained on white-on-black digits only, and yet it reads {both}: inverted digits "
            "about as well as normal ones, which is unusual. Train again with **invert** on "
            "to compare.",
        )
    if baseline is None:
        compare = " Train the same settings with invert off to see what the copies changed."
        worse = False
    else:
        base_normal, base_inverted = baseline
        compare = (
            f" The same settings without inverted copies read {base_inverted:.1%} of the "
            f"inverted digits and {base_normal:.1%} of the normal ones."
        )
        worse = normal < base_normal - CHANGE
        if worse:
            compare += f" On normal digits it did worse ({base_normal:.1%} → {normal:.1%})."
    warn = f" The workshop warns that you may see {WORKSHOP_WARNING}." if worse else ""
    if normal - inverted < CLOSE:
        tone = "info" if stopped else "success"
        return Verdict(
            tone,
            f"Trained with inverted copies: it reads {both}, white-on-black and black-on-white "
            f"digits about equally well.{compare}{warn}",
        )
    if baseline is not None and inverted <= baseline[1] + CHANGE:
        return Verdict(
            "warning",
            f"Trained with inverted copies, but inverted digits did not get better: it reads "
            f"{both}.{compare} The workshop warns that you may see {WORKSHOP_WARNING}: try "
            "more examples or epochs.",
        )
    return Verdict(
        "info",
        f"Trained with inverted copies: it reads {both}. Inverted digits are still harder "
        f"for it.{compare}{warn} Try more examples or epochs and compare the two accuracies "
        "in the run table.",
    )


def improvements(config: MnistConfig, normal: float, inverted: float) -> list[str]:
    """The workshop's "things that may improve network performance", each turned into what
    to change on this page, from where this run stands, and what to compare (markdown)."""
    k, (f1, f2) = config.kernel_size, config.filters
    if config.invert:
        augment = (
            "Invert is on, the one augmentation this app offers. Rotating, blurring or adding "
            "noise would prepare the network for tilted or smudged digits in the same way."
        )
    else:
        doubled = dataclasses.replace(config, invert=True)
        augment = (
            "Turn **invert** on and compare its inverted test accuracy with this run's "
            f"({inverted:.1%}) in the run table. It doubles the training examples "
            f"({config.train_size:,} → {2 * config.train_size:,}), and the batches of each "
            f"epoch with them ({steps_per_epoch(config):,} → {steps_per_epoch(doubled):,}); "
            "the run table's **seconds** show what each of your runs took."
        )
    if config.train_size < 60_000:
        per = config.batch_size / (2 if config.invert else 1)  # Each brings its inverted copy.
        more_data = (
            f"Try more **training examples**: {config.train_size:,} now, up to 60,000; compare "
            f"the test accuracy ({normal:.1%} now) in the run table. Each epoch gets a batch "
            f"more for every {per:g} of them."
        )
    else:
        more_data = (
            "You already use all 60,000 MNIST training digits; more would mean new data, "
            "such as the workshop's suggestion of colour images."
        )
    epochs = "epoch" if config.epochs == 1 else "epochs"
    return [
        f"**More data augmentation** (brightness, rotations, blurring etc.). {augment}",
        f"**Larger base training set**. {more_data}",
        f"**More training epochs** (“in general, the more the better”): {config.epochs} "
        f"{epochs} now, up to 10. Each epoch goes through the same {steps_per_epoch(config):,} "
        "batches again (the first also paid for the warm-up: building the network and "
        f"compiling its training step). Watch the test accuracy ({normal:.1%} now): once it "
        "stops rising, more epochs only learn the training digits by heart (the *Training and "
        "test data* page).",
        f"**Tweak the hyperparameters** under *Change the network*: dropout "
        f"{config.dropout:.0%}, {k}x{k} kernels, {f1} and {f2} filters, {config.dense_units} "
        f"dense units (the learning rate stays at Adam's {config.learning_rate:g} here). "
        "Change one at a time and compare in the run table: gains are small, and a change "
        "can make it worse.",
    ]
