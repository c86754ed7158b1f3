"""Which training variant may run: eligibility by CPU and network, refusals, forcing a variant.

CPUs are made-up `CpuFeatures` values (tests/core/engine/training/variant_helpers.py), so these
tests mean the same on an AVX2-only machine as on one with AMX. `auto`'s timed trial has its own
tests (test_variant_trial.py).
"""

from __future__ import annotations

import logging

import pytest

from core.engine.training.cpu_features import CpuFeatures, cpu_features, read_cpuinfo
from core.engine.training.variant_choice import (
    choose_step,
    describe_train_variant,
    force_train_variant,
    requested_variant,
)
from core.engine.training.variant_decisions import VARIANT_VARIABLE
from core.engine.training.variants import eligible_variants, variant_problem
from core.iris.model import build_iris_model
from tests.core.engine.training.variant_helpers import (
    AVX2,
    AVX512,
    BATCH,
    cpu,
    small_cnn,
    timed_steps,
)


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


def test_eligible_variants_follow_the_cpu_and_the_network() -> None:
    cnn = small_cnn()
    assert eligible_variants(cnn, cpu(AVX2, onednn=False)) == ["keras", "blocks"]
    assert eligible_variants(cnn, cpu(AVX512)) == ["keras", "blocks"]
    assert eligible_variants(cnn, cpu(AVX512 | {"avx512_bf16"})) == [
        "keras",
        "blocks",
        "keras-bf16",
    ]
    assert eligible_variants(cnn, cpu(AVX512 | {"amx_bf16"})) == ["keras", "blocks", "keras-bf16"]
    # bfloat16 without oneDNN runs on TensorFlow's emulation, tens of times slower
    # (docs/performance.md, "Training variants"): never offered.
    assert eligible_variants(cnn, cpu(AVX512 | {"avx512_bf16"}, onednn=False)) == [
        "keras",
        "blocks",
    ]
    # Iris has no convolution: the other variants would compute exactly what Keras does.
    assert eligible_variants(build_iris_model(), cpu(AVX512 | {"amx_bf16"})) == ["keras"]


def test_a_variant_the_cpu_lacks_is_refused_with_the_reason() -> None:
    assert variant_problem("keras", cpu(AVX2)) is None
    assert variant_problem("auto", cpu(AVX2)) is None
    assert "avx512_bf16" in variant_problem("keras-bf16", cpu(AVX2))
    assert "TF_ENABLE_ONEDNN_OPTS" in variant_problem("keras-bf16", cpu(AVX2 | {"amx_bf16"}, False))
    assert "choose one of auto, keras, blocks, keras-bf16" in variant_problem("fast", cpu(AVX2))
    with pytest.raises(ValueError, match="neither avx512_bf16 nor amx_bf16"):
        force_train_variant("keras-bf16", cpu(AVX2))
    with pytest.raises(ValueError, match="unknown training variant 'fast'"):
        force_train_variant("fast")


def test_the_variable_forces_a_variant_and_a_bad_value_is_ignored_with_a_warning(
    monkeypatch: pytest.MonkeyPatch, caplog
) -> None:
    here, calls = cpu(AVX2), []
    monkeypatch.setenv(VARIANT_VARIABLE, "keras")
    assert requested_variant(here) == "keras"
    choose_step(small_cnn(), timed_steps({"keras": 0.0}, calls), here)(*BATCH)
    assert calls == ["keras"]
    assert describe_train_variant(here) == (
        "Training variant: keras, forced (WORKSHOP_TRAIN_VARIANT or --train-variant)."
    )
    for bad in ("keras-bf16", "fastest"):  # Not offered on this CPU; not a variant at all.
        monkeypatch.setenv(VARIANT_VARIABLE, bad)
        with caplog.at_level(logging.WARNING, logger="core.engine.training.variant_choice"):
            assert requested_variant(here) == "auto"
        assert f"{VARIANT_VARIABLE}={bad} is ignored" in caplog.text
    sentence = describe_train_variant(here)
    assert sentence.startswith("Training variant: timed once on this kind of CPU")


def test_forcing_from_the_cli_lasts_until_auto_is_asked_for() -> None:
    here = cpu(AVX2)
    try:
        force_train_variant("blocks", here)
        assert requested_variant(here) == "blocks"
    finally:
        force_train_variant("auto", here)
    assert requested_variant(here) == "auto"


def test_the_cli_refuses_a_variant_in_one_line_and_trains_with_a_good_one(
    monkeypatch: pytest.MonkeyPatch, capsys, tmp_path
) -> None:
    from core.cli import main

    out = str(tmp_path / "iris.keras")
    iris = ["train", "iris", "--epochs", "1", "--steps-per-epoch", "10", "--out", out]
    assert main([*iris, "--train-variant", "fastest"]) == 2
    assert "invalid choice: 'fastest'" in capsys.readouterr().err
    monkeypatch.setenv(VARIANT_VARIABLE, "fastest")
    assert main(iris) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1] == (
        "error: WORKSHOP_TRAIN_VARIANT: unknown training variant 'fastest': "
        "choose one of auto, keras, blocks, keras-bf16"
    )
    assert main([*iris, "--train-variant", "keras"]) == 0  # The option wins over the variable.
    assert requested_variant() == "auto"  # Forced for that command only, in this process.


def test_the_earlier_names_still_force_a_variant(monkeypatch: pytest.MonkeyPatch, capsys) -> None:
    """Teachers' settings from before the rename keep working: WORKSHOP_TRAIN_PATH and
    --train-path, each losing to the new name where both are given."""
    from core.cli import build_parser

    here = cpu(AVX2)
    monkeypatch.delenv(VARIANT_VARIABLE, raising=False)
    monkeypatch.setenv("WORKSHOP_TRAIN_PATH", "blocks")
    assert requested_variant(here) == "blocks"
    monkeypatch.setenv(VARIANT_VARIABLE, "keras")
    assert requested_variant(here) == "keras"
    args = build_parser().parse_args(["train", "iris", "--out", "x.keras", "--train-path", "keras"])
    assert args.train_variant == "keras"
    with pytest.raises(SystemExit):
        build_parser().parse_args(["train", "iris", "--help"])
    shown = capsys.readouterr().out
    assert "--train-variant" in shown and "--train-path" not in shown


def test_the_cli_refuses_bf16_where_it_is_not_offered(tmp_path) -> None:
    # oneDNN off: bfloat16 is not offered on any CPU, so this holds on every machine.
    import os
    import subprocess
    import sys

    from tests.conftest import ROOT

    done = subprocess.run(
        [sys.executable, "-m", "core", "train", "iris", "--train-variant", "keras-bf16",
         "--out", str(tmp_path / "iris.keras")],
        cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**os.environ, "TF_ENABLE_ONEDNN_OPTS": "0"},
    )  # fmt: skip
    assert done.returncode == 2
    assert (
        done.stderr.strip()
        .splitlines()[-1]
        .startswith(
            "error: --train-variant: training variant 'keras-bf16' is not offered on this machine: "
        )
    )
    assert not (tmp_path / "iris.keras").exists()


def test_with_a_ray_cluster_the_caption_says_the_workers_choose(monkeypatch) -> None:
    from core.engine.training.variant_choice import describe_train_variant

    monkeypatch.setenv("WORKSHOP_RAY_ADDRESS", "127.0.0.1:6379")
    assert "each worker of the Ray cluster" in describe_train_variant()
    monkeypatch.delenv("WORKSHOP_RAY_ADDRESS")
    assert "Ray" not in describe_train_variant()
