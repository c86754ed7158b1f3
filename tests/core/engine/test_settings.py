"""Settings declare their limits once; the configs and the command line both obey them."""

from __future__ import annotations

import dataclasses
import math

import pytest

from core.cli import main
from core.engine.settings import Limit, check, default_of, limit_of
from core.iris.config import IrisConfig
from core.mnist.config import MnistConfig


@pytest.mark.parametrize("config_type", [IrisConfig, MnistConfig])
def test_every_setting_declares_a_limit_its_default_obeys(config_type) -> None:
    for field in dataclasses.fields(config_type):
        limit = field.metadata["limit"]
        assert limit.problem(field.default) is None, field.name
    check(config_type())


@pytest.mark.parametrize(
    ("changes", "words"),
    [
        ({"epochs": 0}, "epochs must lie between 1 and 10"),
        ({"seed": -5}, "the seed"),
        ({"dropout": math.nan}, "finite"),
        ({"learning_rate": 0.0}, "(0, 1]"),
        ({"filters": (16,)}, "exactly 2"),
        ({"kernel_size": 4}, "one of 3, 5, 7"),
        ({"train_size": 2.5}, "whole number"),
    ],
)
def test_a_config_outside_its_limits_says_which_setting(changes: dict, words: str) -> None:
    with pytest.raises(ValueError, match=words.replace("(", r"\(").replace(")", r"\)")):
        MnistConfig(**changes)


def test_limits_describe_open_and_closed_ranges() -> None:
    assert Limit("x", 0, 1, above_low=True).problem(0) is not None
    assert Limit("x", 0, 1).problem(0) is None
    assert Limit("x", 1, 3, whole=True).problem(True) is not None  # A bool is no number.
    assert limit_of(IrisConfig, "hidden").length == (1, 3)
    assert default_of(MnistConfig, "batch_size") == 128


@pytest.mark.parametrize(
    ("argv", "option"),
    [
        (["train", "mnist", "--seed", "-5"], "--seed"),
        (["train", "mnist", "--epochs", "11"], "--epochs"),
        (["train", "mnist", "--filters", "16"], "--filters"),
        (["train", "mnist", "--dropout", "inf"], "--dropout"),
        (["train", "iris", "--test-fraction", "0.95"], "--test-fraction"),
        (["train", "iris", "--hidden", "10,x"], "--hidden"),
        (["train", "iris", "--learning-rate", "nan"], "--learning-rate"),
    ],
)
def test_the_parser_refuses_out_of_range_options_by_name(argv, option, capsys) -> None:
    assert main([*argv, "--out", "never-written.keras"]) == 2
    error = capsys.readouterr().err.strip()
    assert error.startswith(f"error: argument {option}:")
    assert len(error.splitlines()) == 1


def test_the_cli_defaults_are_the_configs_defaults() -> None:
    from core.cli import build_parser

    iris = build_parser().parse_args(["train", "iris", "--out", "x.keras"])
    mnist = build_parser().parse_args(["train", "mnist", "--out", "x.keras"])
    for config_type, args in ((IrisConfig, iris), (MnistConfig, mnist)):
        for field in dataclasses.fields(config_type):
            assert getattr(args, field.name) == field.default, field.name
