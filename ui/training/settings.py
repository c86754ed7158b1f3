"""The pages' training widgets, their ranges and defaults read from the config dataclasses.

A setting's default and range are declared once, beside its field (core.engine.settings);
the command line builds its options from them and the pages build their widgets from them
here. A page may offer fewer choices than the range allows (a select slider's steps), never
more, and its default is always the config's.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from core.engine.settings import default_of, help_of, limit_of
from ui.state.kept_settings import LESSON_SETTING


def default(config_type: type, name: str, item: int | None = None) -> Any:
    """The declared default; for a tuple setting, its `item`-th entry (or its last one)."""
    value = default_of(config_type, name)
    if item is None:
        return value
    return value[min(item, len(value) - 1)]


def bounds(config_type: type, name: str) -> tuple[Any, Any]:
    """(lowest, highest) allowed value, of the default's type (per item for a tuple)."""
    limit = limit_of(config_type, name)
    if limit.low is None or limit.high is None or limit.above_low:
        # A slider would offer the excluded lowest value (a learning rate of 0): use choices.
        raise ValueError(f"{name} has no closed range for a slider")
    sample = default(config_type, name, 0 if limit.length else None)
    kind = float if isinstance(sample, float) else int
    return kind(limit.low), kind(limit.high)


def count_bounds(config_type: type, name: str) -> tuple[int, int]:
    """(fewest, most) entries of a tuple setting: hidden layers, convolutions."""
    length = limit_of(config_type, name).length
    if length is None:
        raise ValueError(f"{name} is not a tuple setting")
    return length


def choices(
    config_type: type, name: str, offered: Sequence[Any] | None = None, item: int | None = None
) -> list[Any]:
    """The options a widget offers: `offered` (all the declared choices if None), checked.

    Raises ValueError, naming the setting, if an option lies outside the declared range or
    the default is not among them: a page cannot drift from the config.
    """
    limit = limit_of(config_type, name)
    options = list(offered if offered is not None else limit.choices or ())
    for option in options:
        value = option if item is None or limit.length is None else (option,) * limit.length[0]
        if (reason := limit.problem(value)) is not None:
            raise ValueError(f"the page offers a value the config refuses: {reason}")
    if default(config_type, name, item) not in options:
        raise ValueError(f"the default of {name} is not among the page's options {options}")
    return options


def tooltip(config_type: type, name: str, kwargs: dict[str, Any]) -> dict[str, Any]:
    """The widget's keyword arguments, with the setting's own help as its tooltip unless the
    page gives one: the command line's --help and the page then explain a setting alike.
    A setting is kept in the address and for the session (ui/state/kept_settings.py)."""
    return {"help": help_of(config_type, name) or None, **LESSON_SETTING, **kwargs}


def slider(place: Any, label: str, config_type: type, name: str, step=None, **kwargs) -> Any:
    """`place.slider` over the setting's whole range, starting at its default."""
    item = 0 if limit_of(config_type, name).length else None
    low, high = bounds(config_type, name)
    start = default(config_type, name, item)
    return place.slider(label, low, high, start, step, **tooltip(config_type, name, kwargs))


def number_input(place: Any, label: str, config_type: type, name: str, **kwargs) -> Any:
    """`place.number_input` over the setting's whole range, starting at its default."""
    low, high = bounds(config_type, name)
    start = default(config_type, name)
    return place.number_input(label, low, high, start, **tooltip(config_type, name, kwargs))


def select_slider(
    place: Any,
    label: str,
    config_type: type,
    name: str,
    offered: Sequence[Any] | None = None,
    item: int | None = None,
    **kwargs,
) -> Any:
    """`place.select_slider` over `offered` (checked by `choices`), starting at the default."""
    options = choices(config_type, name, offered, item)
    start = default(config_type, name, item)
    return place.select_slider(label, options, start, **tooltip(config_type, name, kwargs))
