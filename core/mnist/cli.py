"""`python -m core train|predict mnist`: the MNIST workshop from the command line."""

from __future__ import annotations

import argparse
import sys

from core.engine.cli.options import config_from_args
from core.engine.cli.output import CliError, emit
from core.engine.models.output_path import check_output_path, save_model_bytes
from core.engine.progress import Progress
from core.mnist.config import MnistConfig
from core.mnist.training import run_mnist


def train(args: argparse.Namespace) -> int:
    check_output_path(args.out, "--out")  # Before any work: a bad --out fails at once.
    config = config_from_args(MnistConfig, args)
    from core.engine.jobs.base import follow
    from core.engine.jobs.default import default_backend
    from core.engine.runtime.lean_import import import_tensorflow_lean_if_alone
    from core.mnist.data import MnistDataError, load_mnist

    backend = default_backend()  # A Ray cluster that cannot be reached: one line, exit 2.
    if backend.in_process:
        try:
            data = load_mnist()  # Once per process: the flow finds it loaded.
        except MnistDataError as error:
            raise CliError(str(error)) from None
        print(f"training on {data.source}", file=sys.stderr)
        import_tensorflow_lean_if_alone()  # Once the data is there: an error comes at once.
    else:  # The workers read MNIST, each once.
        print(f"training on {backend.where}", file=sys.stderr)
    job = backend.submit(run_mnist, config, queued=True)
    try:
        run = follow(job, ProgressLine(config.epochs).show, interval_s=1.0)
    except KeyboardInterrupt:
        print(file=sys.stderr)  # End the progress line: the error gets a line of its own.
        raise
    if run is None or run.stopped:
        raise CliError("the training was stopped before it ended; no model was saved")
    save_model_bytes(run.network.keras_bytes(), args.out)
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


class ProgressLine:
    """One stderr line per epoch, rewritten in place as the epoch goes on."""

    def __init__(self, epochs: int) -> None:
        self.epochs, self.closed = epochs, 0

    def show(self, progress: Progress) -> None:
        # Epochs that ended since the last look get their final figures, then a new line.
        for log in progress.history[self.closed :]:
            self._line(progress, log.epoch, progress.batches_per_epoch, log.loss, log.accuracy)
            print(file=sys.stderr)
        self.closed = len(progress.history)
        in_epoch = progress.epoch > self.closed and progress.batch > 0
        if progress.phase == "training" and in_epoch:
            self._line(progress, progress.epoch, progress.batch, progress.loss, progress.accuracy)

    def _line(self, progress: Progress, epoch: int, batch: int, loss, accuracy) -> None:
        print(
            f"\repoch {epoch}/{self.epochs} batch {batch}/{progress.batches_per_epoch}: "
            f"loss {loss:.3f} accuracy {accuracy:.3f}, "
            f"{progress.examples_per_s:,.0f} examples/s, {progress.seconds_left:.0f} s left   ",
            end="",
            file=sys.stderr,
            flush=True,
        )


def predict(args: argparse.Namespace) -> int:
    from core.digits.image_files import ImageFileError, load_image_file
    from core.digits.predict import predict_drawing
    from core.digits.workshop_examples import predict_as_workshop
    from core.engine.models.files import open_model_file
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
