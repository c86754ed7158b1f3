"""`python -m devtools.bench`: the app against the workshop's notebooks, in one run.

    MNIST_DIR=../shared/mnist python -m devtools.bench [--quick] [--json] [--repeat 2]

Each measurement in its own subprocess, the run within a time budget (docs/architecture.md,
"The benchmark's run"; figures in docs/performance.md).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from dataclasses import asdict

from devtools.bench import report
from devtools.bench.child import ChildResult, progress, run_child
from devtools.bench.table import Row, format_table, time_target
from devtools.cpu import this_cpu

SECTIONS = ("mnist", "predict", "server", "iris", "pipeline")
MIN_SLOT_S = 20  # Less time than this left in the budget: skip rather than start.


class Runner:
    """Runs measurements one after another within the run's time budget."""

    def __init__(self, budget: float) -> None:
        self.deadline = time.perf_counter() + budget
        self.results: dict[str, ChildResult] = {}

    def __call__(self, key: str, module: str, args: list[str], timeout: float) -> ChildResult:
        left = self.deadline - time.perf_counter()
        if left < MIN_SLOT_S:
            result = ChildResult(key, "skipped", error="out of the run's time budget")
            progress(f"skipping {key}: out of the time budget")
        else:
            limit = min(timeout, left)
            progress(
                f"running {key} (python -m devtools.bench.{module} {' '.join(args)}; "
                f"timeout {limit:.0f} s) ..."
            )
            result = run_child(module, args, limit, name=key)
            progress(
                f"  {key}: {result.why()} after {result.wall_seconds:.0f} s, "
                f"peak RSS {result.peak_rss_mb:.0f} MB, CPU {result.cpu_seconds:.0f} s"
            )
        self.results[key] = result
        return result


def _fastest(results: list[ChildResult]) -> ChildResult:
    """Of repeated runs, the one that trained fastest: a noisy host only ever slows one down."""
    done = [r for r in results if r.ok and "train_seconds" in r.data]
    return min(done, key=lambda r: r.data["train_seconds"]) if done else results[0]


def _fastest_pair(
    runner: Runner, pair: tuple[tuple[str, str, list[str]], ...], timeout: float, repeat: int
) -> tuple[ChildResult, ChildResult]:
    """Both sides `repeat` times, alternating which goes first; the fastest run of each.

    The host gives a process one core or two for minutes at a time: a single run of each
    side can compare a one-core notebook with a two-core app, or the other way round.
    """
    runs: dict[int, list[ChildResult]] = {0: [], 1: []}
    for round_ in range(repeat):
        order = (0, 1) if round_ % 2 == 0 else (1, 0)
        for side in order:
            key, module, args = pair[side]
            suffix = f"_{round_ + 1}" if round_ else ""
            runs[side].append(runner(key + suffix, module, args, timeout))
    return _fastest(runs[0]), _fastest(runs[1])


def run(args: argparse.Namespace) -> tuple[list[Row], dict[str, ChildResult]]:
    """Every selected measurement: the short ones first, so that a slow machine spends the
    budget's end on MNIST, whose notebook and app runs alternate."""
    runner = Runner(args.budget)
    # A data folder of the run's own: its first `auto` training times the variants, as on a
    # new server; the later ones read the decision back, as on a server that trained before.
    os.environ["WORKSHOP_DATA_DIR"] = tempfile.mkdtemp(prefix="bench-data-")
    sections = set(args.only.split(",")) if args.only else set(SECTIONS)
    train = ["--train-size", str(args.train_size)] if args.train_size else []
    nb_sizes = train  # Both sides are tested on all 10,000 test digits (the app on both sets).
    rows: dict[str, list[Row]] = {section: [] for section in SECTIONS}
    if "predict" in sections:
        drawings = ["--drawings", str(30 if args.quick else 200)]
        rows["predict"] += report.predict_rows(runner("predict", "predict", drawings, 300))
    if "server" in sections:
        rows["server"] += report.server_rows(runner("server", "server", [], 300))
    if "iris" in sections:
        steps = ["--steps", str(15 if args.quick else 150)]
        nb = runner("nb_iris", "iris", ["notebook", *steps], 240)
        app = runner("app_iris", "iris", ["app", *steps], 240)
        rows["iris"] += report.iris_rows(nb, app)
    if "mnist" in sections:
        rows["mnist"] += _mnist(runner, train, args.repeat)
    if "pipeline" in sections:
        pipe = runner(
            "nb_pipeline", "notebook_mnist", [*nb_sizes, "--invert", "--pipeline-only"], 300
        )
        rows["pipeline"] += report.pipeline_rows(pipe)
    return [row for section in SECTIONS for row in rows[section]], runner.results


def _this_cpu() -> tuple[str, list[str]]:
    """The CPU's model and relevant flags, read here (the children report oneDNN's state)."""
    return this_cpu()


def _mnist(runner: Runner, train: list[str], repeat: int) -> list[Row]:
    """The notebook against `auto`, alternating; then each variant forced, for plain and INVERT."""
    base = runner("tf_baseline", "baseline", [], 180)
    app_base = runner("tf_baseline_lean", "baseline", ["--lean"], 180)
    rows = report.baseline_rows(base, app_base)
    limit = time_target(_this_cpu()[1])
    for dataset, extra, timeout in (("plain", [], 420), ("INVERT", ["--invert"], 540)):
        suffix = dataset.lower()
        pair = (
            (f"nb_mnist_{suffix}", "notebook_mnist", [*train, *extra]),
            (f"app_mnist_{suffix}", "app_mnist", [*train, *extra]),
        )
        if dataset == "INVERT":  # The app first this time: neither side always goes first.
            pair = pair[::-1]
        first, second = _fastest_pair(runner, pair, timeout, repeat)
        nb, app = (first, second) if dataset == "plain" else (second, first)
        rows += report.mnist_rows(dataset, nb, app, base, limit, app_base)
        variants = app.data.get("eligible_variants", []) if app.ok else []
        forced = {
            variant: runner(
                f"app_mnist_{suffix}_{variant}",
                "app_mnist",
                [*train, *extra, "--variant", variant],
                timeout,
            )
            for variant in variants
        }
        rows += report.variant_rows(dataset, nb, forced)
    return rows


def mnist_header(results: dict[str, ChildResult]) -> str:
    """The CPU, its flags, oneDNN's state and `auto`'s choice, from the app's MNIST runs."""
    model, flags = _this_cpu()
    app = next((r for k, r in results.items() if k.startswith("app_mnist_plain") and r.ok), None)
    data = app.data if app is not None else {}
    chose = data.get("variant_sentence", "(no MNIST run of the app)")
    return report.header(model, flags, data.get("onednn"), chose, time_target(flags))


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m devtools.bench",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    p.add_argument("--quick", action="store_true", help="small subsets: a smoke run, not a verdict")
    p.add_argument("--json", action="store_true", help="one JSON object on stdout, table on stderr")
    p.add_argument("--only", default="", help=f"comma-separated subset of {','.join(SECTIONS)}")
    p.add_argument("--budget", type=float, default=1500, help="seconds for the whole run")
    p.add_argument("--train-size", type=int, default=0, help="MNIST training examples (0: all)")
    p.add_argument(
        "--repeat", type=int, default=1, help="MNIST runs per side; the fastest of each counts"
    )
    return p


def main(argv: list[str] | None = None) -> int:
    args = parser().parse_args(argv)
    if args.repeat < 1:
        parser().error("--repeat must be at least 1")
    if args.quick and not args.train_size:
        args.train_size = 2000
    unknown = set(filter(None, args.only.split(","))) - set(SECTIONS)
    if unknown:
        parser().error(f"unknown section(s): {', '.join(sorted(unknown))}")
    if "MNIST_DIR" not in os.environ and (not args.only or "mnist" in args.only):
        parser().error("set MNIST_DIR to the folder of the four MNIST .gz files")
    started = time.perf_counter()
    rows, results = run(args)
    elapsed = time.perf_counter() - started
    header = (
        mnist_header(results) + "\n\n" if any(k.startswith("app_mnist") for k in results) else ""
    )
    table = header + format_table(rows)
    note = f"{'quick run (subsets; targets indicative only), ' if args.quick else ''}"
    footer = f"\n{note}{len(results)} subprocesses, {elapsed / 60:.1f} min in all"
    if args.json:
        print(table + footer, file=sys.stderr)
        payload = {
            "quick": args.quick,
            "elapsed_seconds": elapsed,
            "header": header,
            "rows": [asdict(r) for r in rows],
            "results": {k: asdict(v) for k, v in results.items()},
        }
        print(json.dumps(payload, indent=1))
    else:
        print(table + footer)
    return 0


if __name__ == "__main__":
    sys.exit(main())
