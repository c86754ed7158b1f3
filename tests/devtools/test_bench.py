"""Smoke test of the benchmark's machinery: table, verdicts, subprocess handling, one tiny run.

The benchmark itself (`python -m devtools.bench`) is not a test: it takes minutes.
"""

from __future__ import annotations

from devtools.bench import report
from devtools.bench.child import ChildResult, run_child
from devtools.bench.table import Row, format_table, time_target


def _result(name: str, rss: float, **data: float) -> ChildResult:
    return ChildResult(name=name, status="ok", data=dict(data), peak_rss_mb=rss, cpu_seconds=1.0)


def _mnist_pair(
    app_seconds: float, app_rss: float, **app_data: object
) -> tuple[ChildResult, ChildResult]:
    notebook = _result(
        "nb",
        1300,
        fit_seconds=22.0,
        train_seconds=20.0,
        validation_seconds=2.0,
        examples_per_second=6000.0,
        test_accuracy=0.98,
        train_examples=120_000,
        test_examples=20_000,
    )
    app = _result(
        "app",
        app_rss,
        total_seconds=app_seconds,
        train_seconds=app_seconds - 1,
        evaluation_seconds=1.0,
        examples_per_second=12_000.0,
        test_accuracy=0.985,
        test_accuracy_inverted=0.977,
        train_examples=120_000,
        test_examples=20_000,
        **app_data,
    )
    notebook.wall_seconds, app.wall_seconds = 30.0, app_seconds + 5  # Import, data, test.
    return notebook, app


def test_invert_rows_compare_with_the_targets() -> None:
    base = _result("base", 600)
    pair = _mnist_pair(
        9.0, 800, train_variant="keras-bf16", variant_how="timed", trial_overhead_seconds=0.4
    )
    rows = {r.measure: r for r in report.mnist_rows("INVERT", *pair, base)}
    training = next(r for m, r in rows.items() if m.startswith("MNIST INVERT: training only"))
    assert (training.ratio, training.target, training.ok) == ("0.40x", "<= 0.5x", "yes")
    process = rows["MNIST INVERT: whole process s (import, data, train, test)"]
    assert (process.ratio, process.target, process.ok) == ("0.47x", "<= 0.6x", "yes")
    variant = rows["MNIST INVERT: training variant (auto), how, timing cost s"]
    assert variant.app == "keras-bf16, timed, 0.4"
    # A student's wait on a warm server: choosing, training and testing, against the fit cell.
    click = next(r for m, r in rows.items() if m.startswith("MNIST INVERT: click -> results"))
    assert (click.notebook, click.app, click.ratio, click.target) == (
        "22.0",
        "9.0",
        "0.41x",
        "<= 0.6x",
    )
    memory = rows["MNIST INVERT: peak RSS above TF import"]
    assert (memory.notebook, memory.app, memory.ratio, memory.ok) == (
        "700 MB",
        "200 MB",
        "0.29x",
        "yes",
    )
    accuracy = rows["MNIST INVERT: test accuracy (normal+inverted)"]
    assert accuracy.app == "0.9810" and accuracy.ok == "yes"  # The mean of both test sets.
    # The app's trainings import TensorFlow lighter: its memory is counted from its own import.
    lean = _result("lean", 450, import_seconds=2.5)
    lean_rows = {r.measure: r for r in report.mnist_rows("INVERT", *pair, base, app_base=lean)}
    assert lean_rows["MNIST INVERT: peak RSS above TF import"].app == "350 MB"
    (imports,) = report.baseline_rows(_result("base", 600, import_seconds=3.5), lean)
    assert (imports.notebook, imports.app) == ("600 MB, 3.5 s", "450 MB, 2.5 s")

    # Click to results at 0.55x makes 0.6x; training at 0.55x misses 0.5x; the process (17 of
    # 30 s) makes its 0.6x; memory does not.
    slow = report.mnist_rows("INVERT", *_mnist_pair(12.0, 1000), base)
    assert [r.ok for r in slow if r.target != "-"] == ["yes", "NO", "yes", "yes", "NO"]
    late = report.mnist_rows("INVERT", *_mnist_pair(14.0, 800), base, time_target(["avx2"]))
    assert late[1].ok == "NO"  # 0.64x: the click's 0.6x holds on every CPU.
    # On an AVX2-only CPU the same run meets its targets (0.65x; 0.75x for the process).
    avx2 = report.mnist_rows("INVERT", *_mnist_pair(12.0, 800), base, time_target(["avx2"]))
    assert [r.ok for r in avx2 if r.target != "-"] == ["yes", "yes", "yes", "yes", "yes"]


def test_the_time_target_follows_the_cpu() -> None:
    assert time_target(["avx2", "avx512f", "avx512_bf16"]) == 0.5
    assert time_target(["avx2", "avx512f", "amx_bf16"]) == 0.5
    assert time_target(["avx2"]) == 0.65
    assert time_target(["avx2", "avx512f"]) == 0.9  # AVX-512 without bfloat16.
    assert time_target([]) == 0.9


def test_the_header_names_the_cpu_its_flags_and_autos_choice() -> None:
    text = report.header("AMD EPYC", ["avx2", "avx512f"], True, "Training variant: keras.", 0.9)
    assert "CPU: AMD EPYC; flags: avx2, avx512f (not: avx512_bf16, amx_bf16); oneDNN on" in text
    assert "auto chose for MNIST: Training variant: keras." in text
    assert "training <= 0.9x the notebook's time, the whole process <= 1.00x" in text


def test_each_forced_variant_gets_its_rows_against_the_same_notebook() -> None:
    notebook, app = _mnist_pair(8.0, 800)
    broken = ChildResult("app_mnist_plain_keras-bf16", "failed", error="not offered")
    rows = report.variant_rows("plain", notebook, {"blocks": app, "keras-bf16": broken})
    assert [r.measure for r in rows] == [
        "MNIST plain via blocks: training only s",
        "MNIST plain via blocks: test accuracy",
        "MNIST plain via blocks: cores busy (CPU s / wall s)",
        "MNIST plain via keras-bf16: training only s",
    ]
    assert rows[0].ratio == "0.35x" and rows[1].ok == "yes"
    assert rows[3].ok == "app_mnist_plain_keras-bf16 failed: not offered"


def test_a_host_that_gave_one_side_fewer_cores_is_flagged() -> None:
    even = report.cores_row("MNIST plain", _timed("nb", 60, 32), _timed("app", 58, 31))
    assert (even.notebook, even.app, even.ok) == ("1.88", "1.87", "-")
    uneven = report.cores_row("MNIST plain", _timed("nb", 60, 32), _timed("app", 33, 30))
    assert (uneven.app, uneven.ok) == ("1.10", "host uneven: rerun")


def _timed(name: str, cpu: float, wall: float) -> ChildResult:
    return ChildResult(name=name, status="ok", cpu_seconds=cpu, wall_seconds=wall)


def test_a_failed_measurement_is_one_row_that_says_why() -> None:
    notebook, _ = _mnist_pair(10.0, 800)
    broken = ChildResult("app_mnist_plain", "timed out", error="killed after 420 s")
    rows = report.mnist_rows("plain", notebook, broken, _result("base", 600))
    assert len(rows) == 1
    assert rows[0].ok == "app_mnist_plain timed out: killed after 420 s"


def test_table_lines_have_equal_width() -> None:
    rows = [Row("a measure", "1.0", "0.4", "0.40x", "<= 0.5x", "yes"), Row("other")]
    lines = format_table(rows).splitlines()
    assert len(lines) == 4 and lines[0].startswith("| measure")
    assert len({len(line) for line in lines}) == 1


def test_subprocess_failures_and_timeouts_are_reported() -> None:
    failed = run_child("iris", ["no-such-side"], timeout=60)
    assert failed.status == "failed" and "invalid choice" in failed.error
    slow = run_child("baseline", [], timeout=0.2)  # Importing TensorFlow takes longer.
    assert slow.status == "timed out" and "killed" in slow.why()


def test_tiny_notebook_measurement_in_a_subprocess() -> None:
    result = run_child(
        "notebook_mnist", ["--train-size", "256", "--test-size", "256", "--invert"], timeout=300
    )
    assert result.ok, result.why()
    assert result.data["train_examples"] == 512 and result.data["test_examples"] == 512
    assert 0 < result.data["validation_seconds"] < result.data["fit_seconds"]
    assert 0.0 <= result.data["test_accuracy"] <= 1.0
    assert result.peak_rss_mb > 200  # TensorFlow alone takes more than this.


def test_repeated_runs_alternate_and_the_fastest_run_of_each_side_counts() -> None:
    from devtools.bench.__main__ import _fastest_pair

    seconds = {"nb": [50.0, 40.0], "app": [30.0, 35.0]}
    calls = []

    def runner(key: str, module: str, args: list[str], timeout: float) -> ChildResult:
        calls.append(key)
        side = "nb" if key.startswith("nb") else "app"
        return ChildResult(key, "ok", {"train_seconds": seconds[side].pop(0)})

    pair = (("nb_x", "notebook_mnist", []), ("app_x", "app_mnist", []))
    nb, app = _fastest_pair(runner, pair, 10, repeat=2)
    assert calls == ["nb_x", "app_x", "app_x_2", "nb_x_2"]
    assert (nb.name, app.name) == ("nb_x_2", "app_x")


def test_a_failed_repeat_does_not_count() -> None:
    from devtools.bench.__main__ import _fastest

    failed = ChildResult("a_2", "timed out", error="limit")
    assert _fastest([ChildResult("a", "ok", {"train_seconds": 9.0}), failed]).name == "a"
    assert _fastest([failed]).name == "a_2"  # Nothing finished: the failure is reported.


def _server_result(served: float) -> ChildResult:
    return _result(
        "server",
        200,
        served_health_seconds=1.2,
        served_files_seconds=1.4,
        served_seconds=served,
        served_files=62,
        home_seconds=3.5,
        home_warm_seconds=1.6,
        mnist_seconds=5.0,
        mnist_after_click_seconds=1.5,
        server_rss_home_mb=80.0,
        server_rss_mnist_mb=160.0,
    )


def test_the_cold_start_target_is_judged_on_the_home_page_served() -> None:
    rows = {r.measure: r for r in report.server_rows(_server_result(1.8))}
    served = rows["server: start -> home page served (all its elements sent), s"]
    assert (served.app, served.target, served.ok) == ("1.8", "<= 2 s", "yes")
    assert "server: start -> home page's 62 files served, s" in rows
    late = report.server_rows(_server_result(2.4))
    assert [r.ok for r in late if r.target != "-"] == ["NO"]


def test_the_served_cold_start_reaches_the_home_page_of_a_real_server() -> None:
    from devtools.bench.server import measure_served
    from devtools.server import free_port, streamlit_command

    port = free_port()
    served = measure_served(streamlit_command(port), port)
    assert served["served_files"] > 10  # index.html names Streamlit's scripts and styles.
    assert served["served_messages"] > 10  # The home page's elements, then script_finished.
    assert 0 < served["served_health_seconds"] <= served["served_files_seconds"]
    assert served["served_files_seconds"] < served["served_seconds"] < 60
