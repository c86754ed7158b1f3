"""How the command line reports: one result line per answer, one error line with exit code 2.

Every chapter's subcommands use these, so no chapter imports the dispatcher (`core.cli`).
"""

from __future__ import annotations

import json
import math
import sys

EXIT_ERROR = 2


class CliError(Exception):
    """An error to report as one line, with exit code 2."""


def fail(message: str) -> int:
    """Print one line on stderr and return the error exit code."""
    first_line = " ".join(str(message).split()) or "unknown error"
    print(f"error: {first_line}", file=sys.stderr)
    return EXIT_ERROR


def finite(value):
    """`value` with every NaN or infinity (at any depth) replaced by None, which JSON has."""
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, dict):
        return {key: finite(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [finite(item) for item in value]
    return value


def emit(obj: dict, as_json: bool, text: str) -> None:
    """One result line: strict JSON for scripts (never NaN or Infinity, which strict
    parsers refuse), or text for people."""
    print(json.dumps(finite(obj), allow_nan=False) if as_json else text, flush=True)
