"""What a load test measured, per replica and for the whole run, as lines or as JSON.

Browser-side times run from a student's action to the answer on their screen; server-side
times (`server_...`) from the request reaching the server to the end of the run that answers
it (devtools/server_times.py). Both sit side by side: headless browsers on the server's own
cores slow the first, a class on its own laptops sees about the second plus the network and
the canvas's 200 ms debounce.
"""

from __future__ import annotations

import json
import sys
from dataclasses import dataclass, field

import numpy as np

from devtools.server_times import ServerTimes


@dataclass
class Report:
    """What the browsers of one replica's students saw."""

    errors: list[str] = field(default_factory=list)
    stroke_ms: list[float] = field(default_factory=list)
    iris_ms: list[float] = field(default_factory=list)
    page_ms: list[float] = field(default_factory=list)
    train_s: list[float] = field(default_factory=list)  # MNIST: the click to the results.
    iris_train_s: list[float] = field(default_factory=list)  # Iris: the click to the results.
    lost_strokes: int = 0
    trained: int = 0
    students: int = 0


def percentile(values: list[float], q: float, digits: int = 0) -> float | int | None:
    if not values:
        return None
    value = float(np.percentile(values, q))
    return round(value) if digits == 0 else round(value, digits)


def merged(reports: list[Report]) -> Report:
    whole = Report()
    for part in reports:
        whole.errors += part.errors
        whole.stroke_ms += part.stroke_ms
        whole.iris_ms += part.iris_ms
        whole.page_ms += part.page_ms
        whole.train_s += part.train_s
        whole.iris_train_s += part.iris_train_s
        whole.lost_strokes += part.lost_strokes
        whole.trained += part.trained
        whole.students += part.students
    return whole


def figures(report: Report, times: ServerTimes) -> dict:
    """The figures every replica reports, and the whole run too: browser and server side."""
    return {
        "errors": len(report.errors),
        "mnist_trainings_finished": report.trained,
        "mnist_click_to_results_p50_s": percentile(report.train_s, 50, 1),
        "mnist_click_to_results_max_s": round(max(report.train_s), 1) if report.train_s else None,
        "iris_click_to_results_p50_s": percentile(report.iris_train_s, 50, 1),
        "iris_click_to_results_max_s": (
            round(max(report.iris_train_s), 1) if report.iris_train_s else None
        ),
        "strokes": len(report.stroke_ms),
        "stroke_to_chart_p50_ms": percentile(report.stroke_ms, 50),
        "stroke_to_chart_p95_ms": percentile(report.stroke_ms, 95),
        "server_strokes": len(times.stroke_ms),
        "server_stroke_p50_ms": percentile(times.stroke_ms, 50, 1),
        "server_stroke_p95_ms": percentile(times.stroke_ms, 95, 1),
        "server_stroke_cpu_p50_ms": percentile(times.stroke_cpu_ms, 50, 1),
        "server_stroke_run_p50_ms": percentile(times.stroke_run_ms, 50, 1),
        "server_stroke_core_wait_p50_ms": percentile(times.stroke_core_wait_ms, 50, 1),
        "stroke_request_kb_p50": percentile([b / 1000 for b in times.stroke_bytes], 50, 1),
        "iris_measure_p50_ms": percentile(report.iris_ms, 50),
        "iris_measure_p95_ms": percentile(report.iris_ms, 95),
        "server_iris_p50_ms": percentile(times.iris_ms, 50, 1),
        "server_iris_p95_ms": percentile(times.iris_ms, 95, 1),
        "server_iris_cpu_p50_ms": percentile(times.iris_cpu_ms, 50, 1),
        "page_open_p50_ms": percentile(report.page_ms, 50),
        "page_open_p95_ms": percentile(report.page_ms, 95),
        "server_page_open_p50_ms": percentile(times.page_ms, 50, 1),
        "server_page_open_p95_ms": percentile(times.page_ms, 95, 1),
        "lost_strokes_redrawn": report.lost_strokes,
        "server_failed_runs": times.failed_runs,
    }


def per_student(start_mb: int, peak_mb: int, students: int) -> dict:
    """A server's memory before its class (started, no page opened yet) and what each of its
    students added to the peak: the figure a department multiplies by its class sizes."""
    return {
        "start_rss_mb": start_mb,
        "rss_mb_per_student": round((peak_mb - start_mb) / students, 1) if students else None,
    }


def print_summary(summary: dict, as_json: bool, errors: list[str]) -> None:
    """Errors to stderr; the summary as one JSON line, or as aligned lines with a block per
    replica and one for the Ray cluster."""
    for error in errors:
        print(f"error: {error}", file=sys.stderr)
    if as_json:
        print(json.dumps(summary))
        return
    for key, value in summary.items():
        if not isinstance(value, list | dict):
            print(f"{key:>30}: {value}")
    replicas = summary.get("per_replica", [])
    for replica in replicas if len(replicas) > 1 else []:  # One replica: the lines above.
        print(f"\n  replica {replica['replica']} ({replica['url']})")
        for key, value in replica.items():
            if key not in ("replica", "url"):
                print(f"{key:>30}: {value}")
    if summary.get("class_pages"):
        print("\n  Class pages kept open (protocol clients, on replica 1)")
        for key, value in summary["class_pages"].items():
            print(f"{key:>30}: {value}")
    if summary.get("ray"):
        print("\n  Ray cluster (the head's processes: GCS, raylet, workers)")
        for key, value in summary["ray"].items():
            print(f"{key:>30}: {value}")
