"""Training progress reported through plain callbacks, so that no model code knows the UI.

A page passes functions that draw progress bars; the CLI passes functions that print.
"""

from __future__ import annotations

from collections.abc import Callable

EpochCallback = Callable[[int, dict[str, float]], None]
BatchCallback = Callable[[int, dict[str, float]], None]
