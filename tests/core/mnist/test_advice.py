"""What the page says after a run: the invert verdict follows the numbers, never a fixed hope."""

from __future__ import annotations

import types

import pytest

from core.mnist.advice import CLOSE, improvements, invert_verdict, plain_baseline
from core.mnist.config import MnistConfig


def test_a_plain_run_that_fails_on_inverted_digits_says_so_with_its_numbers():
    verdict = invert_verdict(0.982, 0.189, invert=False)
    assert verdict.tone == "info"
    assert "98.2% of the normal test digits and 18.9% of the inverted ones" in verdict.text
    assert "Train again with **invert** on" in verdict.text


def test_a_finished_invert_run_reading_both_alike_is_a_success():
    verdict = invert_verdict(0.985, 0.9853, invert=True, baseline=(0.982, 0.189))
    assert verdict.tone == "success"
    assert "about equally well" in verdict.text
    assert "read 18.9% of the inverted digits" in verdict.text  # The comparison, computed.


def test_a_stopped_invert_run_is_never_announced_as_a_success():
    verdict = invert_verdict(0.90, 0.895, invert=True, stopped=True)
    assert verdict.tone == "info"


def test_an_invert_run_that_did_not_help_gets_the_workshops_warning():
    verdict = invert_verdict(0.95, 0.18, invert=True, baseline=(0.96, 0.20))
    assert verdict.tone == "warning"
    assert "did not get better" in verdict.text
    assert "a small improvement and even a worsening" in verdict.text
    assert "96.0% → 95.0%" in verdict.text  # Worse on normal digits too, and it says so.
    assert verdict.text.count("worsening") == 1


def test_an_invert_run_that_helped_but_not_enough_says_what_is_left():
    verdict = invert_verdict(0.95, 0.80, invert=True, baseline=(0.95, 0.20))
    assert verdict.tone == "info"
    assert "still harder" in verdict.text and "worse" not in verdict.text
    assert "Try more examples or epochs and compare the two accuracies in the run table" in (
        verdict.text
    )
    assert "should" not in verdict.text  # A suggestion to try, no promised outcome.


def test_without_a_baseline_the_verdict_asks_for_one():
    verdict = invert_verdict(0.95, 0.80, invert=True)
    assert "Train the same settings with invert off" in verdict.text


@pytest.mark.parametrize("gap", [0.0, CLOSE / 2, CLOSE * 2, 0.5])
def test_success_only_when_the_two_accuracies_are_close(gap):
    verdict = invert_verdict(0.97, 0.97 - gap, invert=True)
    assert (verdict.tone == "success") == (gap < CLOSE)


def _run(invert, stopped=False, evaluated=True, **settings):
    return types.SimpleNamespace(
        config=MnistConfig(invert=invert, train_size=5_000, **settings),
        stopped=stopped,
        evaluation=object() if evaluated else None,
    )


def test_the_baseline_is_the_latest_finished_plain_run_with_the_same_settings():
    other_settings = _run(False, epochs=2)
    stopped, unevaluated = _run(False, stopped=True), _run(False, evaluated=False)
    older, newer = _run(False), _run(False)
    inverted = _run(True)
    runs = [older, newer, other_settings, stopped, unevaluated, inverted]
    assert plain_baseline(inverted, runs) is newer
    assert plain_baseline(inverted, [other_settings, stopped, inverted]) is None
    assert plain_baseline(newer, runs) is None  # A plain run has no baseline.


def test_improvements_follow_where_the_run_stands():
    small = improvements(MnistConfig(train_size=5_000), normal=0.95, inverted=0.2)
    assert len(small) == 4
    assert "Turn **invert** on and compare" in small[0] and "this run's (20.0%)" in small[0]
    assert "5,000 now, up to 60,000" in small[1] and "test accuracy (95.0% now)" in small[1]
    assert "1 epoch now" in small[2] and "95.0% now" in small[2]
    assert "dropout 40%, 5x5 kernels, 16 and 32 filters, 128 dense units" in small[3]
    full = improvements(MnistConfig(invert=True, epochs=3), normal=0.98, inverted=0.97)
    assert "Invert is on" in full[0]
    assert "all 60,000" in full[1]
    assert "3 epochs now" in full[2]


def test_improvements_promise_no_time_only_what_the_settings_count():
    """The run table once showed 2 s with invert and 3 s without: no "twice as long", no
    "as long as the first" (the first epoch includes the warm-up); batches are counted."""
    small = improvements(MnistConfig(train_size=5_000, batch_size=64), normal=0.9, inverted=0.3)
    text = " ".join(small)
    assert "twice as long" not in text and "as long as the first" not in text
    assert "time grows" not in text
    assert "doubles the training examples (5,000 → 10,000)" in small[0]
    assert "(79 → 157)" in small[0]  # ceil(5,000 / 64) and ceil(10,000 / 64) batches.
    assert "run table's **seconds**" in small[0]
    assert "a batch more for every 64 of them" in small[1]
    assert "the same 79 batches again" in small[2] and "warm-up" in small[2]
    inverted = improvements(MnistConfig(invert=True, train_size=10_000), 0.97, 0.96)
    assert "a batch more for every 64 of them" in inverted[1]  # Each comes with its copy.
    assert "the same 157 batches again" in inverted[2]


PROMISES = ("should come close", "should narrow", "usually raise", "will ", "should ")


@pytest.mark.parametrize(
    "config",
    [
        MnistConfig(train_size=5_000, batch_size=64, epochs=2),
        MnistConfig(train_size=10_000, invert=True, epochs=3, dropout=0.2),
        MnistConfig(train_size=2_000, filters=(8, 16)),
    ],
    ids=["5000-plain", "10000-invert", "2000-small"],
)
def test_advice_suggests_what_to_try_and_promises_no_outcome(config):
    """What more examples, epochs or invert would do is for the student's run table to show:
    the advice names this run's numbers to compare against, and predicts nothing."""
    items = improvements(config, normal=0.913, inverted=0.274)
    verdicts = [
        invert_verdict(0.913, 0.274, invert=config.invert),
        invert_verdict(0.913, 0.70, invert=True, baseline=(0.92, 0.2)),
    ]
    text = " ".join(items + [verdict.text for verdict in verdicts])
    assert [promise for promise in PROMISES if promise in text] == []
    assert "compare the test accuracy (91.3% now) in the run table" in items[1]
    if not config.invert:
        assert "compare its inverted test accuracy with this run's (27.4%)" in items[0]
