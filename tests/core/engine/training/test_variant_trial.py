"""`auto`'s timed trial: it times each eligible variant within its budget and keeps the fastest.

Where timing itself is under test, the steps are plain functions that take a known time;
elsewhere the network and its training are real.
"""

from __future__ import annotations

import logging
import time

import numpy as np
import pytest
import tensorflow as tf

from core.engine.training.loop import fit
from core.engine.training.variant_choice import choose_step, decision_for, describe_train_variant
from core.engine.training.variant_decisions import TRIAL_BUDGET_S
from core.engine.training.variant_trial import TIMED_CALLS, TRIAL_BATCHES, TrialStep
from core.iris.model import build_iris_model
from tests.core.engine.training.variant_helpers import (
    AVX2,
    AVX512,
    BATCH,
    BF16,
    RNG,
    cpu,
    small_cnn,
    timed_steps,
)


@pytest.mark.parametrize(
    ("flags", "seconds", "winner"),
    [
        (AVX2, {"keras": 0.02, "blocks": 0.005}, "blocks"),
        (BF16, {"keras": 0.01, "blocks": 0.02, "keras-bf16": 0.004}, "keras-bf16"),
        (AVX512 | {"amx_bf16"}, {"keras": 0.004, "blocks": 0.02, "keras-bf16": 0.01}, "keras"),
    ],
)
def test_auto_times_each_eligible_variant_and_keeps_the_fastest(
    flags: frozenset[str], seconds: dict[str, float], winner: str
) -> None:
    here, model, calls = cpu(flags), small_cnn(), []
    step = choose_step(model, timed_steps(seconds, calls), here)
    assert isinstance(step, TrialStep)
    step(*BATCH)
    # On the first batch: each variant once to compile, the likely winner first, then
    # TIMED_CALLS turns each; then the batch is trained by the winner.
    n = len(seconds)
    assert len(calls) == n * (1 + TIMED_CALLS) + 1
    assert sorted(calls[:n]) == sorted(seconds)
    assert calls[0] == ("keras-bf16" if "keras-bf16" in seconds else "keras")
    assert calls[n : 2 * n] == calls[:n]
    assert calls[-1] == winner
    decision = decision_for(model, here)
    assert decision.variant == winner and decision.how == "timed"
    assert set(decision.ms_per_batch) == set(seconds)
    per_batch = 1000 * seconds[winner] / TRIAL_BATCHES  # Each timed call runs two batches.
    assert decision.ms_per_batch[winner] == pytest.approx(per_batch, rel=0.5)
    step(*BATCH)
    assert calls[-2:] == [winner, winner]
    # Kept for the process: the next training of this kind is not timed again.
    later: list[str] = []
    again = choose_step(small_cnn(), timed_steps(seconds, later), here)
    assert not isinstance(again, TrialStep)
    again(*BATCH)
    assert later == [winner]
    assert winner in describe_train_variant(here) and "against" in describe_train_variant(here)


def compiling_steps(compile_s: dict[str, float], batch_s: float, calls: list[str]):
    """Steps whose first call (the compiling one) takes `compile_s`, later ones `batch_s`."""

    def build(name: str):
        def step(x, y):
            time.sleep(batch_s if name in calls else compile_s[name])
            calls.append(name)
            return tf.constant(0.0), tf.constant(0)

        return step

    return build


@pytest.mark.parametrize(
    ("compile_s", "timed"),
    [
        # Three variants compile in 1.8 s; then each gets its batches, all within the budget.
        ({"keras": 0.6, "blocks": 0.6, "keras-bf16": 0.6}, {"keras", "blocks", "keras-bf16"}),
        # The third compilation would not fit: the least likely winner is left out.
        ({"keras": 0.8, "blocks": 0.8, "keras-bf16": 0.8}, {"keras-bf16", "keras"}),
    ],
)
def test_the_trial_keeps_within_its_budget(compile_s, timed, caplog) -> None:
    here, calls = cpu(AVX512 | {"avx512_bf16"}), []
    step = choose_step(small_cnn(), compiling_steps(compile_s, 0.01, calls), here)
    started = time.perf_counter()
    with caplog.at_level(logging.WARNING, logger="core.engine.training.variant_choice"):
        while step.winner is None:
            step(*BATCH)
    assert time.perf_counter() - started < TRIAL_BUDGET_S
    assert set(calls) == timed
    assert set(decision_for(small_cnn(), here).ms_per_batch) == timed
    assert ("blocks left out of the timing" in caplog.text) == (len(timed) == 2)


def test_auto_on_a_cpu_without_bf16_trains_for_real_and_never_takes_bf16() -> None:
    here, model = cpu(AVX512 | {"avx512_bf16"}, onednn=False), small_cnn()
    x = RNG.random((256, 28, 28, 1), dtype=np.float32)
    y = (x[:, 10:18, 10:18, 0].mean(axis=(1, 2)) * 20).astype(np.int32) % 10
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(16)
    history = fit(model, dataset, 2, cpu=here)
    decision = decision_for(model, here)
    assert decision.candidates == ("keras", "blocks")
    assert decision.variant in decision.candidates and decision.how == "timed"
    assert decision.trial_seconds < 2.0
    assert history["loss"][-1] < history["loss"][0]
    assert all(w.dtype == "float32" for w in model.weights)


def test_a_network_only_one_variant_applies_to_is_never_timed() -> None:
    here, calls = cpu(AVX512 | {"amx_bf16"}), []
    model = build_iris_model()
    step = choose_step(model, timed_steps({"keras": 0.0}, calls), here)
    assert not isinstance(step, TrialStep)
    step(tf.zeros((1, 4, 4)), tf.zeros((1, 4), tf.int32))
    assert calls == ["keras"]
    assert decision_for(model, here).how == "only one applies"


def test_a_second_training_during_a_trial_does_not_disturb_it() -> None:
    here, calls = cpu(AVX512 | {"avx512_bf16"}), []
    seconds = {"keras": 0.0, "blocks": 0.0, "keras-bf16": 0.0}
    first = choose_step(small_cnn(), timed_steps(seconds, calls), here)
    second = choose_step(small_cnn(), timed_steps(seconds, calls), here)
    assert isinstance(first, TrialStep) and not isinstance(second, TrialStep)
    second(*BATCH)
    assert calls == ["keras-bf16"]  # Its likely winner, untimed, while the first one times.


def test_the_trial_leaves_no_trace_on_the_model() -> None:
    # Steps that change a weight by one each time they run: after the trial, only the
    # winner's run of the first batch is left.
    here, model, calls = cpu(AVX2), small_cnn(), []
    kernel = model.layers[0].kernel
    start = kernel.numpy()

    def build(name: str):
        def step(x, y):
            calls.append(name)
            kernel.assign_add(tf.ones_like(kernel))
            return tf.constant(0.0), tf.constant(0)

        return step

    choose_step(model, build, here)(*BATCH)
    assert len(calls) == 2 * (1 + TIMED_CALLS) + 1
    np.testing.assert_array_equal(kernel.numpy(), start + 1)


def test_auto_trains_exactly_as_its_winner_forced_does() -> None:
    # The trial runs bfloat16 too (a made-up CPU offers it): none of it may reach the
    # weights, so the same seed gives the same network as the winning variant forced.
    here = cpu(AVX512 | {"avx512_bf16"})
    x = RNG.random((96, 28, 28, 1), dtype=np.float32)
    y = RNG.integers(0, 10, 96).astype(np.int32)
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(32)
    auto, forced = small_cnn(), small_cnn()
    fit(auto, dataset, 1, cpu=here)
    winner = decision_for(auto, here).variant
    fit(forced, dataset, 1, variant=winner)
    for a, b in zip(auto.get_weights(), forced.get_weights(), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)


def test_a_trial_cut_short_lets_the_next_training_time_again() -> None:
    here, model, calls = cpu(AVX2), small_cnn(), []
    start = model.layers[0].kernel.numpy()

    def build(name: str):
        def step(x, y):
            calls.append(name)
            model.layers[0].kernel.assign_add(tf.ones_like(model.layers[0].kernel))
            if len(calls) == 3:
                raise KeyboardInterrupt  # Ctrl-C while the variants are being timed.
            return tf.constant(0.0), tf.constant(0)

        return step

    with pytest.raises(KeyboardInterrupt):
        choose_step(model, build, here)(*BATCH)
    assert decision_for(model, here) is None
    np.testing.assert_array_equal(model.layers[0].kernel.numpy(), start)
    assert isinstance(choose_step(small_cnn(), timed_steps({}, calls), here), TrialStep)


def test_a_variant_that_fails_to_compile_is_left_out_of_the_trial(caplog) -> None:
    here, calls = cpu(AVX2), []
    working = timed_steps({"keras": 0.0}, calls)

    def build(name: str):
        if name == "blocks":

            def broken(x, y):
                raise ValueError("cannot compile")

            return broken
        return working(name)

    step = choose_step(small_cnn(), build, here)
    with caplog.at_level(logging.WARNING, logger="core.engine.training.variant_choice"):
        for _ in range(2):
            step(*BATCH)
    assert set(calls) == {"keras"} and len(calls) == (1 + TIMED_CALLS) + 2
    assert step.winner == "keras"
    assert "blocks left out of the timing: it failed to compile" in caplog.text
