"""`python -m core train|predict iris`: the Iris workshop from the command line."""

from __future__ import annotations

import argparse
import sys

from core.engine.cli.options import config_from_args
from core.engine.cli.output import CliError, emit
from core.engine.models.output_path import check_output_path, save_model_bytes
from core.engine.progress import Progress
from core.iris.config import IrisConfig
from core.iris.data import CHECK_FLOWERS, FEATURES, SPECIES, check_measurement, out_of_range
from core.iris.training import run_iris


def train(args: argparse.Namespace) -> int:
    check_output_path(args.out, "--out")  # Before any work: a bad --out fails at once.
    config = config_from_args(IrisConfig, args)

    from core.engine.jobs.base import follow
    from core.engine.jobs.default import default_backend
    from core.engine.runtime.lean_import import import_tensorflow_lean_if_alone
    from core.iris.result import predict_iris

    printed = 0

    def show(progress: Progress) -> None:
        nonlocal printed
        for log in progress.history[printed:]:
            line = {"epoch": log.epoch, **{k: round(v, 4) for k, v in log.as_dict().items()}}
            text = (
                f"epoch {log.epoch}/{config.epochs}: loss {log.loss:.3f}, "
                f"accuracy {log.accuracy:.3f}, test accuracy {log.val_accuracy:.3f}"
            )
            emit(line, args.json, text)
        printed = len(progress.history)

    backend = default_backend()
    if backend.in_process:
        import_tensorflow_lean_if_alone()
    # An Iris training takes seconds: it needs no training slot.
    result = follow(backend.submit(run_iris, config, queued=False), show, 0.05)
    if result is None or result.stopped:
        raise CliError("the training was stopped before it ended; no model was saved")
    save_model_bytes(result.network.keras_bytes(), args.out)
    probabilities = predict_iris(result.network, [flower for flower, _ in CHECK_FLOWERS])
    checks = []
    for (flower, truth), row in zip(CHECK_FLOWERS, probabilities, strict=True):
        guess = SPECIES[int(row.argmax())]
        checks.append({"flower": list(flower), "expected": truth, "predicted": guess})
        if not args.json:
            mark = "✓" if guess == truth else "✗"
            print(f"{mark} {list(flower)} is {truth}, predicted {guess} ({row.max():.0%})")
    summary = {
        "test_accuracy": round(result.test_accuracy, 4),
        "seconds": round(result.seconds, 2),
        "checks": checks,
        "model": args.out,
    }
    emit(
        summary,
        args.json,
        f"test accuracy {result.test_accuracy:.3f} in {result.seconds:.1f} s, saved {args.out}",
    )
    return 0


def predict(args: argparse.Namespace) -> int:
    measured = [args.sepal_length, args.sepal_width, args.petal_length, args.petal_width]
    try:
        measurement = check_measurement(measured)  # Before TensorFlow loads: fails at once.
    except ValueError as error:
        raise CliError(str(error)) from None
    from core.engine.models.checks import clip_probabilities
    from core.engine.models.files import open_model_file
    from core.iris.model import predict_iris

    checked = open_model_file(args.model, (len(FEATURES),), len(SPECIES))
    if checked.note:
        print(f"note: {checked.note}", file=sys.stderr)
    row = clip_probabilities(predict_iris(checked.model, [measurement]))[0]
    prediction = SPECIES[int(row.argmax())]
    for note in out_of_range(measurement):
        print(f"note: {note}.", file=sys.stderr)
    result = {name: round(float(p), 6) for name, p in zip(SPECIES, row, strict=True)}
    result["prediction"] = prediction
    text = ", ".join(f"{n} {p:.1%}" for n, p in zip(SPECIES, row, strict=True))
    emit(result, args.json, f"{prediction} ({text})")
    return 0
