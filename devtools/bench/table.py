"""The table: one row per measurement, notebook against app, with the target and a verdict.

Targets are ratios or latencies measured in the same run, because the machines are shared
and absolute seconds vary with whoever else is busy.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from devtools.bench.child import ChildResult

# The app's MNIST epoch takes at most this much of the notebook's time, by CPU: half where
# it computes bfloat16 (AVX512-BF16 or AMX), 0.65x on AVX2 alone, and 0.9x on any other ...
TIME_RATIO = 0.5
TIME_RATIO_AVX2 = 0.65
TIME_RATIO_ANY = 0.9
PROCESS_SLACK = 0.1  # ... the whole process within 0.1 of the same ratio ...
CLICK_RATIO = 0.6  # A student's wait, click to results, against the notebook's fit cell: any CPU.
ACCURACY_SLACK = 0.003  # ... at most 0.3 percentage points less accurate ...
RSS_RATIO = 0.4  # ... and INVERT needs at most 0.4x the notebook's memory above TensorFlow's.
PREDICT_MS = 20.0
HOME_S = 2.0
HEADER = ("measure", "notebook", "app", "app/notebook", "target", "ok")


@dataclass
class Row:
    """One line of the table; `ok` is "yes", "NO", "-" (no target) or why it failed."""

    measure: str
    notebook: str = "-"
    app: str = "-"
    ratio: str = "-"
    target: str = "-"
    ok: str = "-"


def time_target(flags: Iterable[str]) -> float:
    """The training-time target (app / notebook) for a CPU with these flags."""
    flags = set(flags)
    if flags & {"avx512_bf16", "amx_bf16"}:
        return TIME_RATIO
    if "avx2" in flags and "avx512f" not in flags:
        return TIME_RATIO_AVX2
    return TIME_RATIO_ANY


def verdict(passed: bool) -> str:
    return "yes" if passed else "NO"


def failed_row(measure: str, *results: ChildResult, target: str = "-") -> Row | None:
    """One row saying which subprocess failed and why, or None when all of them worked."""
    bad = [r for r in results if not r.ok]
    if not bad:
        return None
    return Row(measure, target=target, ok="; ".join(f"{r.name} {r.why()}" for r in bad))


def ratio_row(
    measure: str, notebook: float, app: float, unit: str = "", limit: float | None = None
) -> Row:
    """App against notebook as a ratio; with `limit`, the ratio must not exceed it."""
    digits = 0 if unit == " MB" else 1
    ratio = app / notebook if notebook else float("inf")
    row = Row(measure, f"{notebook:.{digits}f}{unit}", f"{app:.{digits}f}{unit}", f"{ratio:.2f}x")
    if limit is not None:
        row.target, row.ok = f"<= {limit}x", verdict(ratio <= limit)
    return row


def format_table(rows: list[Row]) -> str:
    """A Markdown table, readable in a terminal and pastable into a README or an issue."""
    cells = [HEADER] + [
        (r.measure, r.notebook, r.app, r.ratio, r.target, r.ok) for r in rows if r is not None
    ]
    widths = [max(len(line[i]) for line in cells) for i in range(len(HEADER))]
    lines = [
        "| " + " | ".join(c.ljust(w) for c, w in zip(line, widths, strict=True)) + " |"
        for line in cells
    ]
    lines.insert(1, "| " + " | ".join("-" * w for w in widths) + " |")
    return "\n".join(lines)
