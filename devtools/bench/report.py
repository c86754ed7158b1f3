"""Turn the subprocesses' results into table rows, one builder per measurement.

A measurement whose subprocess failed, timed out or was skipped becomes one row saying so.
"""

from __future__ import annotations

from devtools.bench.child import ChildResult
from devtools.bench.table import (
    ACCURACY_SLACK,
    CLICK_RATIO,
    HOME_S,
    PREDICT_MS,
    PROCESS_SLACK,
    RSS_RATIO,
    TIME_RATIO,
    Row,
    failed_row,
    ratio_row,
    verdict,
)


def header(cpu_model: str, flags: list[str], onednn: bool | None, chose: str, limit: float) -> str:
    """The lines above the table: the CPU, its flags, what `auto` chose, the targets."""
    missing = [f for f in ("avx2", "avx512f", "avx512_bf16", "amx_bf16") if f not in flags]
    state = {None: "unknown", True: "on", False: "off"}[onednn]
    return "\n".join(
        [
            f"CPU: {cpu_model}; flags: {', '.join(flags) or 'none'}"
            + (f" (not: {', '.join(missing)})" if missing else "")
            + f"; oneDNN {state}",
            f"auto chose for MNIST: {chose}",
            f"targets on this CPU: training <= {limit}x the notebook's time, "
            f"the whole process <= {limit + PROCESS_SLACK:.2f}x",
        ]
    )


def mnist_rows(
    dataset: str,
    nb: ChildResult,
    app: ChildResult,
    base: ChildResult,
    limit: float = TIME_RATIO,
    app_base: ChildResult | None = None,
) -> list[Row]:
    """Time, throughput, accuracy and memory of one MNIST data set ("plain" or "INVERT").

    `base` is TensorFlow's import alone; `app_base` the app's lighter import of it, if measured.
    """
    app_base = app_base if app_base is not None and app_base.ok else base
    invert = dataset == "INVERT"
    failure = failed_row(f"MNIST {dataset}: one epoch", nb, app, target=f"<= {limit}x")
    if failure:
        return [failure]
    n, a = nb.data, app.data
    rows = [
        Row(
            f"MNIST {dataset}: training variant (auto), how, timing cost s",
            app=f"{a.get('train_variant', '?')}, {a.get('variant_how', '?')}, "
            f"{a.get('trial_overhead_seconds', 0.0):.1f}",
        ),
        ratio_row(
            f"MNIST {dataset}: click -> results s (nb: the fit cell, train+val "
            f"{n['test_examples']:,}; app: choose, train, test {a['test_examples']:,})",
            n["fit_seconds"],
            a["total_seconds"],
            limit=CLICK_RATIO,
        ),
        ratio_row(
            f"MNIST {dataset}: training only s ({a['train_examples']:,} examples)",
            n["train_seconds"],
            a["train_seconds"],
            limit=limit,
        ),
        ratio_row(
            f"MNIST {dataset}: whole process s (import, data, train, test)",
            nb.wall_seconds,
            app.wall_seconds,
            limit=round(limit + PROCESS_SLACK, 2),
        ),
        ratio_row(
            f"MNIST {dataset}: examples/s", n["examples_per_second"], a["examples_per_second"]
        ),
        ratio_row(
            f"MNIST {dataset}: validation / evaluation s",
            n["validation_seconds"],
            a["evaluation_seconds"],
        ),
    ]
    rows.append(_accuracy_row(f"MNIST {dataset}", n, a, invert))
    rows.append(
        Row(
            f"MNIST {dataset}: app accuracy on inverted test digits",
            app=f"{a['test_accuracy_inverted']:.4f}",
        )
    )
    rows.append(ratio_row(f"MNIST {dataset}: peak RSS", nb.peak_rss_mb, app.peak_rss_mb, " MB"))
    rows.append(
        ratio_row(f"MNIST {dataset}: CPU s of the process", nb.cpu_seconds, app.cpu_seconds)
    )
    rows.append(cores_row(f"MNIST {dataset}", nb, app))
    if base.ok:
        rows.append(
            ratio_row(
                f"MNIST {dataset}: peak RSS above TF import",
                nb.peak_rss_mb - base.peak_rss_mb,
                app.peak_rss_mb - app_base.peak_rss_mb,
                " MB",
                RSS_RATIO if invert else None,
            )
        )
    else:
        rows.append(failed_row(f"MNIST {dataset}: peak RSS above TF import", base))
    return rows


def _accuracy_row(label: str, n: dict, a: dict, invert: bool) -> Row:
    """The notebook's INVERT validation set holds both copies: compare with the app's mean."""
    app_accuracy = a["test_accuracy"]
    if invert:
        app_accuracy = (a["test_accuracy"] + a["test_accuracy_inverted"]) / 2
    gap = (app_accuracy - n["test_accuracy"]) * 100
    return Row(
        f"{label}: test accuracy" + (" (normal+inverted)" if invert else ""),
        f"{n['test_accuracy']:.4f}",
        f"{app_accuracy:.4f}",
        f"{gap:+.2f} pt",
        f">= -{ACCURACY_SLACK * 100:.1f} pt",
        verdict(gap >= -ACCURACY_SLACK * 100),
    )


def variant_rows(dataset: str, nb: ChildResult, runs: dict[str, ChildResult]) -> list[Row]:
    """Each training variant forced in turn, against the same notebook run: time, accuracy, cores.

    Targets are judged on `auto`'s rows only; these show what each variant gives on this CPU.
    """
    rows = []
    for variant, app in runs.items():
        label = f"MNIST {dataset} via {variant}"
        failure = failed_row(f"{label}: training only s", nb, app)
        if failure:
            rows.append(failure)
            continue
        rows.append(
            ratio_row(
                f"{label}: training only s", nb.data["train_seconds"], app.data["train_seconds"]
            )
        )
        rows.append(_accuracy_row(label, nb.data, app.data, dataset == "INVERT"))
        rows.append(cores_row(label, nb, app))
    return rows


def cores_row(measure: str, nb: ChildResult, app: ChildResult) -> Row:
    """How many cores each process kept busy (CPU s / wall s).

    A shared host sometimes gives a process one core instead of two for a whole run (seen
    here: the same training at 1,000 and at 1,850 examples/s, 1.1 and 1.9 cores busy). When
    the two sides differ, their wall-time ratio says more about the host than the code:
    rerun, or compare CPU seconds.
    """
    busy = [r.cpu_seconds / r.wall_seconds if r.wall_seconds else 0.0 for r in (nb, app)]
    uneven = abs(busy[0] - busy[1]) > 0.5
    return Row(
        f"{measure}: cores busy (CPU s / wall s)",
        f"{busy[0]:.2f}",
        f"{busy[1]:.2f}",
        ok="host uneven: rerun" if uneven else "-",
    )


def baseline_rows(base: ChildResult, app_base: ChildResult | None = None) -> list[Row]:
    """TensorFlow's import alone: as the notebook imports it, and as the app's trainings do."""
    failure = failed_row("TF import only (baseline)", base)
    if failure:
        return [failure]
    app_base = app_base if app_base is not None and app_base.ok else base
    return [
        Row(
            "TF import only: peak RSS, import s (baseline; app: without pandas, sklearn...)",
            f"{base.peak_rss_mb:.0f} MB, {base.data['import_seconds']:.1f} s",
            f"{app_base.peak_rss_mb:.0f} MB, {app_base.data['import_seconds']:.1f} s",
        )
    ]


def pipeline_rows(pipe: ChildResult) -> list[Row]:
    failure = failed_row("notebook INVERT input pipeline alone", pipe)
    if failure:
        return [failure]
    return [
        Row(
            "notebook INVERT input pipeline alone: one pass s, peak RSS",
            f"{pipe.data['pipeline_seconds']:.1f} s, {pipe.peak_rss_mb:.0f} MB",
        )
    ]


def predict_rows(result: ChildResult) -> list[Row]:
    failure = failed_row("one prediction (untrained model)", result, target=f"<= {PREDICT_MS} ms")
    if failure:
        return [failure]
    full, pre, keras = (result.data[k] for k in ("predict", "preprocess", "model_predict"))
    n = result.data["drawings"]
    forward = full["median_ms"] - pre["median_ms"]
    return [
        Row(
            f"one prediction, median ms ({n} drawings, untrained model)",
            app=f"{full['median_ms']:.1f}",
            target=f"<= {PREDICT_MS:.0f} ms",
            ok=verdict(full["median_ms"] <= PREDICT_MS),
        ),
        Row("one prediction, p95 ms", app=f"{full['p95_ms']:.1f}"),
        Row(
            "preprocessing alone, median / p95 ms",
            app=f"{pre['median_ms']:.1f} / {pre['p95_ms']:.1f}",
        ),
        ratio_row(
            "forward pass ms: model.predict (nb) vs the app's (NumPy)", keras["median_ms"], forward
        ),
    ]


def server_rows(result: ChildResult) -> list[Row]:
    failure = failed_row("server: home page served", result, target=f"<= {HOME_S:.0f} s")
    if failure:
        return [failure]
    d = result.data
    return [
        Row("server: start -> /_stcore/health answers, s", app=f"{d['served_health_seconds']:.1f}"),
        Row(
            f"server: start -> home page's {d['served_files']} files served, s",
            app=f"{d['served_files_seconds']:.1f}",
        ),
        Row(
            "server: start -> home page served (all its elements sent), s",
            app=f"{d['served_seconds']:.1f}",
            target=f"<= {HOME_S:.0f} s",
            ok=verdict(d["served_seconds"] <= HOME_S),
        ),
        Row("browser: start -> home page drawn in Chromium, s", app=f"{d['home_seconds']:.1f}"),
        Row(
            "browser alone: home page in a new tab, warm server, s",
            app=f"{d['home_warm_seconds']:.1f}",
        ),
        Row(
            "browser: start -> MNIST page usable (click), s",
            app=f"{d['mnist_seconds']:.1f} ({d['mnist_after_click_seconds']:.1f} after click)",
        ),
        Row(
            "server: RSS after home / MNIST page, MB",
            app=f"{d['server_rss_home_mb']:.0f} / {d['server_rss_mnist_mb']:.0f}",
        ),
    ]


def iris_rows(nb: ChildResult, app: ChildResult) -> list[Row]:
    failure = failed_row("Iris training", nb, app)
    if failure:
        return [failure]
    a = app.data
    return [
        ratio_row(
            "Iris: fit s (10 epochs, with validation)",
            nb.data["fit_seconds"],
            a["fit_seconds"],
        ),
        Row(
            "Iris: training variant (auto), timing cost s",
            app=f"{a.get('train_variant', '?')} ({a.get('variant_how', '?')}), "
            f"{a.get('trial_overhead_seconds', 0.0):.1f}",
        ),
        Row(
            "Iris: test accuracy",
            f"{nb.data['test_accuracy']:.3f}",
            f"{app.data['test_accuracy']:.3f}",
        ),
    ]
