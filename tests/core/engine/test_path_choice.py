"""Which training path runs: eligibility by CPU and network, `auto`'s timing, forcing.

CPUs are described by `CpuFeatures` values passed in as parameters (a made-up model name
per test keeps each test's decisions apart from the others' in this process), so these
tests mean the same on an AVX2-only machine as on one with AMX. Where timing itself is
under test, the steps are plain functions that take a known time; elsewhere the network
and its training are real.
"""

from __future__ import annotations

import logging
import time
import uuid

import keras
import numpy as np
import pytest
import tensorflow as tf

from core.engine.cpu_features import CpuFeatures, cpu_features, read_cpuinfo
from core.engine.path_choice import (
    PATH_VARIABLE,
    choose_step,
    decision_for,
    describe_train_path,
    force_train_path,
    requested_path,
)
from core.engine.path_decisions import TRIAL_BUDGET_S
from core.engine.path_trial import TIMED_CALLS, TRIAL_BATCHES, TrialStep
from core.engine.train_loop import fit
from core.engine.train_paths import eligible_paths, path_problem
from core.iris.model import build_iris_model
from core.mnist.config import MnistConfig
from core.mnist.model import build_mnist_model

AVX2 = frozenset({"avx", "avx2", "fma"})
AVX512 = AVX2 | {"avx512f", "avx512bw"}
RNG = np.random.default_rng(0)


def cpu(flags: frozenset[str], onednn: bool = True) -> CpuFeatures:
    """A made-up CPU, different from every other one in this process."""
    return CpuFeatures(model=f"test CPU {uuid.uuid4().hex[:8]}", flags=flags, onednn=onednn)


def small_cnn() -> keras.Model:
    return build_mnist_model(MnistConfig(filters=(4, 8), dense_units=16))


def timed_steps(seconds: dict[str, float], calls: list[str]):
    """A `build` for choose_step whose steps take a known time and log their calls."""

    def build(name: str):
        def step(x, y):
            calls.append(name)
            time.sleep(seconds[name])
            return tf.constant(0.0), tf.constant(0)

        return step

    return build


# The steps `fit` calls take chunks of batches: here two batches of eight.
BATCH = (tf.zeros((2, 8, 28, 28, 1)), tf.zeros((2, 8), tf.int32))


def test_cpuinfo_gives_the_model_and_the_flags() -> None:
    text = (
        "processor\t: 0\nmodel name\t: Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz\n"
        "flags\t\t: fpu avx2 avx512f avx512_bf16 amx_bf16 amx_tile\n\n"
        "processor\t: 1\nmodel name\t: Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz\n"
        "flags\t\t: fpu avx2 avx512f avx512_bf16 amx_bf16 amx_tile\n"
    )
    model, flags = read_cpuinfo(text)
    assert model == "Intel(R) Xeon(R) Platinum 8481C CPU @ 2.70GHz"
    assert {"avx2", "avx512f", "avx512_bf16", "amx_bf16"} <= flags
    xeon = CpuFeatures(model, flags, onednn=True)
    assert xeon.relevant_flags() == ["avx2", "avx512f", "avx512_bf16", "amx_bf16"]
    assert xeon.bf16
    # This machine's own answer has the same form, whatever it is.
    here = cpu_features()
    assert here.model and set(here.relevant_flags()) <= here.flags


def test_eligible_paths_follow_the_cpu_and_the_network() -> None:
    cnn = small_cnn()
    assert eligible_paths(cnn, cpu(AVX2, onednn=False)) == ["keras", "blocks"]
    assert eligible_paths(cnn, cpu(AVX512)) == ["keras", "blocks"]
    assert eligible_paths(cnn, cpu(AVX512 | {"avx512_bf16"})) == ["keras", "blocks", "keras-bf16"]
    assert eligible_paths(cnn, cpu(AVX512 | {"amx_bf16"})) == ["keras", "blocks", "keras-bf16"]
    # bfloat16 without oneDNN runs on TensorFlow's emulation: ~60x slower, never offered.
    assert eligible_paths(cnn, cpu(AVX512 | {"avx512_bf16"}, onednn=False)) == ["keras", "blocks"]
    # Iris has no convolution: the other paths would compute exactly what Keras does.
    assert eligible_paths(build_iris_model(), cpu(AVX512 | {"amx_bf16"})) == ["keras"]


def test_a_path_the_cpu_lacks_is_refused_with_the_reason() -> None:
    assert path_problem("keras", cpu(AVX2)) is None
    assert path_problem("auto", cpu(AVX2)) is None
    assert "avx512_bf16" in path_problem("keras-bf16", cpu(AVX2))
    assert "TF_ENABLE_ONEDNN_OPTS" in path_problem("keras-bf16", cpu(AVX2 | {"amx_bf16"}, False))
    assert "choose one of auto, keras, blocks, keras-bf16" in path_problem("fast", cpu(AVX2))
    with pytest.raises(ValueError, match="neither avx512_bf16 nor amx_bf16"):
        force_train_path("keras-bf16", cpu(AVX2))
    with pytest.raises(ValueError, match="unknown training path 'fast'"):
        force_train_path("fast")


BF16 = AVX512 | {"avx512_bf16"}


@pytest.mark.parametrize(
    ("flags", "seconds", "winner"),
    [
        (AVX2, {"keras": 0.02, "blocks": 0.005}, "blocks"),
        (BF16, {"keras": 0.01, "blocks": 0.02, "keras-bf16": 0.004}, "keras-bf16"),
        (AVX512 | {"amx_bf16"}, {"keras": 0.004, "blocks": 0.02, "keras-bf16": 0.01}, "keras"),
    ],
)
def test_auto_times_each_eligible_path_and_keeps_the_fastest(
    flags: frozenset[str], seconds: dict[str, float], winner: str
) -> None:
    here, model, calls = cpu(flags), small_cnn(), []
    step = choose_step(model, timed_steps(seconds, calls), here)
    assert isinstance(step, TrialStep)
    step(*BATCH)
    # On the first batch: each path once to compile, the likely winner first, then
    # TIMED_CALLS turns each; then the batch is trained by the winner.
    n = len(seconds)
    assert len(calls) == n * (1 + TIMED_CALLS) + 1
    assert sorted(calls[:n]) == sorted(seconds)
    assert calls[0] == ("keras-bf16" if "keras-bf16" in seconds else "keras")
    assert calls[n : 2 * n] == calls[:n]
    assert calls[-1] == winner
    decision = decision_for(model, here)
    assert decision.path == winner and decision.how == "timed"
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
    assert winner in describe_train_path(here) and "against" in describe_train_path(here)


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
        # Three paths compile in 1.8 s; then each gets its batches, all within the budget.
        ({"keras": 0.6, "blocks": 0.6, "keras-bf16": 0.6}, {"keras", "blocks", "keras-bf16"}),
        # The third compilation would not fit: the least likely winner is left out.
        ({"keras": 0.8, "blocks": 0.8, "keras-bf16": 0.8}, {"keras-bf16", "keras"}),
    ],
)
def test_the_trial_keeps_within_its_budget(compile_s, timed, caplog) -> None:
    here, calls = cpu(AVX512 | {"avx512_bf16"}), []
    step = choose_step(small_cnn(), compiling_steps(compile_s, 0.01, calls), here)
    started = time.perf_counter()
    with caplog.at_level(logging.WARNING, logger="core.engine.path_choice"):
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
    assert decision.path in decision.candidates and decision.how == "timed"
    assert decision.trial_seconds < 2.0
    assert history["loss"][-1] < history["loss"][0]
    assert all(w.dtype == "float32" for w in model.weights)


def test_a_network_only_one_path_applies_to_is_never_timed() -> None:
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
    # weights, so the same seed gives the same network as the winning path forced.
    here = cpu(AVX512 | {"avx512_bf16"})
    x = RNG.random((96, 28, 28, 1), dtype=np.float32)
    y = RNG.integers(0, 10, 96).astype(np.int32)
    dataset = tf.data.Dataset.from_tensor_slices((x, y)).batch(32)
    auto, forced = small_cnn(), small_cnn()
    fit(auto, dataset, 1, cpu=here)
    winner = decision_for(auto, here).path
    fit(forced, dataset, 1, path=winner)
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
                raise KeyboardInterrupt  # Ctrl-C while the paths are being timed.
            return tf.constant(0.0), tf.constant(0)

        return step

    with pytest.raises(KeyboardInterrupt):
        choose_step(model, build, here)(*BATCH)
    assert decision_for(model, here) is None
    np.testing.assert_array_equal(model.layers[0].kernel.numpy(), start)
    assert isinstance(choose_step(small_cnn(), timed_steps({}, calls), here), TrialStep)


def test_a_path_that_fails_to_compile_is_left_out_of_the_trial(caplog) -> None:
    here, calls = cpu(AVX2), []
    working = timed_steps({"keras": 0.0}, calls)

    def build(name: str):
        if name == "blocks":

            def broken(x, y):
                raise ValueError("cannot compile")

            return broken
        return working(name)

    step = choose_step(small_cnn(), build, here)
    with caplog.at_level(logging.WARNING, logger="core.engine.path_choice"):
        for _ in range(2):
            step(*BATCH)
    assert set(calls) == {"keras"} and len(calls) == (1 + TIMED_CALLS) + 2
    assert step.winner == "keras"
    assert "blocks left out of the timing: it failed to compile" in caplog.text


def test_the_variable_forces_a_path_and_a_bad_value_is_ignored_with_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    here, calls = cpu(AVX2), []
    monkeypatch.setenv(PATH_VARIABLE, "keras")
    assert requested_path(here) == "keras"
    choose_step(small_cnn(), timed_steps({"keras": 0.0}, calls), here)(*BATCH)
    assert calls == ["keras"]
    assert describe_train_path(here) == (
        "Training path: keras, forced (WORKSHOP_TRAIN_PATH or --train-path)."
    )
    for bad in ("keras-bf16", "fastest"):  # Not offered on this CPU; not a path at all.
        monkeypatch.setenv(PATH_VARIABLE, bad)
        with caplog.at_level(logging.WARNING, logger="core.engine.path_choice"):
            assert requested_path(here) == "auto"
        assert f"{PATH_VARIABLE}={bad} is ignored" in caplog.text
    assert describe_train_path(here).startswith("Training path: chosen at the first training")


def test_forcing_from_the_cli_lasts_until_auto_is_asked_for() -> None:
    here = cpu(AVX2)
    try:
        force_train_path("blocks", here)
        assert requested_path(here) == "blocks"
    finally:
        force_train_path("auto", here)
    assert requested_path(here) == "auto"


def test_the_cli_refuses_a_path_in_one_line_and_trains_with_a_good_one(
    monkeypatch: pytest.MonkeyPatch, capsys, tmp_path
) -> None:
    from core.cli import main

    out = str(tmp_path / "iris.keras")
    iris = ["train", "iris", "--epochs", "1", "--steps-per-epoch", "10", "--out", out]
    assert main([*iris, "--train-path", "fastest"]) == 2
    assert "invalid choice: 'fastest'" in capsys.readouterr().err
    monkeypatch.setenv(PATH_VARIABLE, "fastest")
    assert main(iris) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == (
        "error: WORKSHOP_TRAIN_PATH: unknown training path 'fastest': "
        "choose one of auto, keras, blocks, keras-bf16"
    )
    assert main([*iris, "--train-path", "keras"]) == 0  # The option wins over the variable.
    assert requested_path() == "auto"  # Forced for that command only, in this process.


def test_the_cli_refuses_bf16_where_it_is_not_offered(tmp_path) -> None:
    # oneDNN off: bfloat16 is not offered on any CPU, so this holds on every machine.
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run(
        [sys.executable, "-m", "core", "train", "iris", "--train-path", "keras-bf16",
         "--out", str(tmp_path / "iris.keras")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "TF_ENABLE_ONEDNN_OPTS": "0"},
    )  # fmt: skip
    assert done.returncode == 2
    assert (
        done.stderr.strip()
        .splitlines()[-1]
        .startswith(
            "error: --train-path: training path 'keras-bf16' is not offered on this machine: "
        )
    )
    assert not (tmp_path / "iris.keras").exists()


def test_with_a_ray_cluster_the_caption_says_the_workers_choose(monkeypatch) -> None:
    from core.engine.path_choice import describe_train_path

    monkeypatch.setenv("WORKSHOP_RAY_ADDRESS", "127.0.0.1:6379")
    assert "each worker of the Ray cluster" in describe_train_path()
    monkeypatch.delenv("WORKSHOP_RAY_ADDRESS")
    assert "Ray" not in describe_train_path()
