"""`python -m core train|predict mnist`: the MNIST workshop from the command line."""

from __future__ import annotations

import argparse
import sys
import time

from core.engine.cli_options import config_from_args
from core.engine.cli_output import CliError, emit
from core.engine.output_path import check_output_path
from core.mnist.config import MnistConfig


def train(args: argparse.Namespace) -> int:
    check_output_path(args.out, "--out")  # Before any work: a bad --out fails at once.
    config = config_from_args(MnistConfig, args)
    from core.mnist.data import MnistDataError, load_mnist

    try:
        data = load_mnist()
    except MnistDataError as error:
        raise CliError(str(error)) from None
    from core.engine.model_io import save_model
    from core.mnist.model import build_mnist_model
    from core.mnist.training import steps_per_epoch, train_mnist

    steps = steps_per_epoch(config)
    started = time.perf_counter()
    state = {"epoch": 1, "shown": 0.0}

    def on_batch_end(batch: int, logs: dict[str, float]) -> None:
        now = time.perf_counter()
        if now - state["shown"] < 1.0 and batch != steps:
            return
        state["shown"] = now
        done = (state["epoch"] - 1) * steps + batch
        rate = done * config.batch_size / (now - started)
        left = (config.epochs * steps - done) * config.batch_size / max(rate, 1e-9)
        print(
            f"\repoch {state['epoch']}/{config.epochs} batch {batch}/{steps}: "
            f"loss {logs['loss']:.3f} accuracy {logs['accuracy']:.3f}, "
            f"{rate:,.0f} examples/s, {left:.0f} s left   ",
            end="",
            file=sys.stderr,
            flush=True,
        )

    def on_epoch_end(epoch: int, logs: dict[str, float]) -> None:
        state["epoch"] = epoch + 1
        print(file=sys.stderr)

    print(f"training on {data.source}", file=sys.stderr)
    run = train_mnist(
        config,
        data=data,
        model=build_mnist_model(config),
        on_batch_end=on_batch_end,
        on_epoch_end=on_epoch_end,
    )
    save_model(run.model, args.out)
    result = {
        "test_accuracy": round(run.evaluation.test_accuracy, 4),
        "test_accuracy_inverted": round(run.evaluation.test_accuracy_inverted, 4),
        "seconds": round(run.seconds, 2),
        "model": args.out,
    }
    emit(
        result,
        args.json,
        f"test accuracy {result['test_accuracy']:.4f} (inverted test digits: "
        f"{result['test_accuracy_inverted']:.4f}) in {run.seconds:.1f} s, saved {args.out}",
    )
    return 0


def predict(args: argparse.Namespace) -> int:
    from core.digits.image_files import ImageFileError, load_image_file
    from core.digits.predict import predict_drawing
    from core.digits.workshop_examples import predict_as_workshop
    from core.engine.model_io import open_model_file
    from core.mnist.model import CLASSES, INPUT_SHAPE

    checked = open_model_file(args.model, INPUT_SHAPE, CLASSES)
    if checked.note:
        print(f"note: {checked.note}", file=sys.stderr)
    model = checked.model
    failures = 0
    for path in args.images:
        try:
            image = load_image_file(path)
        except ImageFileError as error:
            failures += 1
            message = " ".join(str(error).split())
            emit({"image": path, "error": message}, args.json, f"{path}: error: {message}")
            continue
        if args.as_workshop:
            try:
                result = predict_as_workshop(model, image)
            except ValueError as error:
                failures += 1
                emit({"image": path, "error": str(error)}, args.json, f"{path}: error: {error}")
                continue
        else:
            result = predict_drawing(model, image, paper="auto", centre=not args.no_centre)
        if result.probabilities is None:
            emit(
                {"image": path, "probabilities": None, "prediction": None, "note": "no ink found"},
                args.json,
                f"{path}: no digit found (the image is blank)",
            )
            continue
        probabilities = [round(float(p), 6) for p in result.probabilities]
        note = " (unsure)" if result.unsure else ""
        emit(
            {"image": path, "probabilities": probabilities, "prediction": result.digit},
            args.json,
            f"{path}: {result.digit} ({result.confidence:.0%}){note}",
        )
    return 2 if failures else 0
