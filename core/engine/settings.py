"""Settings with their limits declared once, beside their defaults.

Each training config is a frozen dataclass whose fields are made with `setting(...)`: the
default, the allowed range and a plain name. The dataclass checks itself with those limits,
the command line builds its options from them (`core.engine.cli.options`) and the pages
read them for their widgets, so a default or a range is written in exactly one place.
"""

from __future__ import annotations

import dataclasses
import math
from dataclasses import dataclass
from typing import Any


@dataclass(frozen=True)
class Limit:
    """What values a setting takes: a range (`low`..`high`), or a fixed list of `choices`.

    For a tuple setting (neurons per hidden layer, filters per convolution) the range holds
    for every item and `length` bounds how many items there are.
    """

    what: str  # A plain name for messages: "epochs", "the test fraction", ...
    low: float | None = None
    high: float | None = None
    choices: tuple[Any, ...] | None = None
    length: tuple[int, int] | None = None
    above_low: bool = False  # True: `low` itself is not allowed (a learning rate of 0).
    whole: bool = False  # True: whole numbers only.

    def problem(self, value: Any) -> str | None:
        """Why `value` is not allowed, as the end of a sentence; None if it is fine."""
        if self.length is not None:
            items = tuple(value) if isinstance(value, list | tuple) else (value,)
            low, high = self.length
            if not low <= len(items) <= high:
                count = f"{low} to {high}" if low != high else f"exactly {low}"
                return f"{self.what} needs {count} values, got {len(items)}"
            for item in items:
                if (reason := self._item_problem(item)) is not None:
                    return reason
            return None
        return self._item_problem(value)

    def _item_problem(self, value: Any) -> str | None:
        if self.choices is not None:
            if value not in self.choices:
                allowed = ", ".join(str(c) for c in self.choices)
                return f"{self.what} must be one of {allowed}, got {value}"
            return None
        if isinstance(value, bool) or not isinstance(value, int | float):
            return f"{self.what} must be a number, got {value!r}"
        if not math.isfinite(value):
            return f"{self.what} must be a finite number, got {value}"
        if self.whole and value != int(value):
            return f"{self.what} must be a whole number, got {value}"
        too_low = self.low is not None and (
            value <= self.low if self.above_low else value < self.low
        )
        too_high = self.high is not None and value > self.high
        if too_low or too_high:
            return f"{self.what} must lie {self.describe()}, got {value:g}"
        return None

    def describe(self) -> str:
        """'between 1 and 200', 'in (0, 1]': the range as the messages say it."""
        if self.choices is not None:
            return "in {" + ", ".join(str(c) for c in self.choices) + "}"
        if self.above_low:
            return f"in ({self.low:g}, {self.high:g}]"
        return f"between {_number(self.low)} and {_number(self.high)}"


def _number(value: float | None) -> str:
    if value is None:
        return "?"
    return f"{int(value):,}" if float(value).is_integer() else f"{value:g}"


def setting(default: Any, limit: Limit, help: str = "") -> Any:
    """A dataclass field with its limit and a one-line help (for `--help` and tooltips)."""
    return dataclasses.field(default=default, metadata={"limit": limit, "help": help})


def check(config: Any) -> None:
    """Raise ValueError, naming the setting, for the first field outside its limit."""
    for field in dataclasses.fields(config):
        limit = field.metadata.get("limit")
        if limit is not None and (reason := limit.problem(getattr(config, field.name))):
            raise ValueError(reason)


def limit_of(config_type: type, name: str) -> Limit:
    """The declared limit of one setting, e.g. `limit_of(MnistConfig, "epochs").high`."""
    return _field(config_type, name).metadata["limit"]


def default_of(config_type: type, name: str) -> Any:
    """The declared default of one setting."""
    return _field(config_type, name).default


def help_of(config_type: type, name: str) -> str:
    return _field(config_type, name).metadata.get("help", "")


def _field(config_type: type, name: str) -> dataclasses.Field:
    for field in dataclasses.fields(config_type):
        if field.name == name:
            return field
    raise KeyError(f"{config_type.__name__} has no setting {name!r}")
