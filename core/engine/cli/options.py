"""Command-line options made from a config dataclass: its defaults, ranges and help.

`--epochs`, `--train-size`, `--filters 16,32`, ... come from the fields of `MnistConfig`
or `IrisConfig`, so the command line offers exactly what the pages offer, and a value out
of range is refused by the parser with a message that names the option, before any work.
"""

from __future__ import annotations

import argparse
import dataclasses
from collections.abc import Callable
from typing import Any

from core.engine.settings import Limit


def _flag(name: str) -> str:
    return "--" + name.replace("_", "-")


def _parser_for(limit: Limit, default: Any) -> Callable[[str], Any]:
    """Text -> value of the default's type, checked against the limit."""

    def number(text: str, kind: type) -> Any:
        try:
            return kind(text)
        except ValueError:
            noun = "a whole number" if kind is int else "a number"
            raise argparse.ArgumentTypeError(f"expected {noun}, got {text!r}") from None

    def parse(text: str) -> Any:
        if isinstance(default, tuple):
            value: Any = tuple(number(part.strip(), int) for part in text.split(","))
        else:
            value = number(text.strip(), type(default))
        if (reason := limit.problem(value)) is not None:
            raise argparse.ArgumentTypeError(reason)
        return value

    return parse


def _shown(value: Any) -> str:
    if isinstance(value, tuple):
        return ",".join(str(v) for v in value)
    return f"{value:g}" if isinstance(value, float) else str(value)


def add_config_options(parser: argparse.ArgumentParser, config_type: type) -> None:
    """One option per setting of `config_type`, with its default, range and help."""
    for field in dataclasses.fields(config_type):
        limit: Limit = field.metadata["limit"]
        help_text = field.metadata.get("help", "")
        if isinstance(field.default, bool):
            parser.add_argument(_flag(field.name), action="store_true", help=help_text)
            continue
        parser.add_argument(
            _flag(field.name),
            type=_parser_for(limit, field.default),
            default=field.default,
            metavar=field.name.upper(),
            help=f"{help_text} ({limit.describe()}; default {_shown(field.default)})",
        )


def config_from_args(config_type: type, args: argparse.Namespace) -> Any:
    """The config the parsed options describe."""
    values = {f.name: getattr(args, f.name) for f in dataclasses.fields(config_type)}
    return config_type(**values)
