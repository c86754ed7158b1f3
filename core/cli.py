"""The command line: train and query the workshop's models without a browser.

`python -m core train iris --out iris.keras`; every error is one line on stderr and exit
code 2, never a traceback. Every command: docs/command-line.md.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys
from collections.abc import Sequence

from core.engine.cli.options import add_config_options
from core.engine.cli.output import CliError, fail
from core.engine.cli.tf_quiet import hide_tensorflow_banner
from core.engine.training.variants import AUTO, CHOICES
from core.iris.config import IrisConfig
from core.mnist.config import MnistConfig

VARIANT_HELP = (
    "how to compute each training step: auto (default: the fastest on this CPU, timed at the "
    "first batches), or one of them; WORKSHOP_TRAIN_VARIANT sets the default"
)


class _Parser(argparse.ArgumentParser):
    """argparse, but its errors are one line like all the others."""

    def error(self, message: str) -> None:  # type: ignore[override]
        raise CliError(message)


def _add_variant_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--train-variant", choices=CHOICES, help=VARIANT_HELP)
    # Its earlier name, kept for teachers' scripts; not listed in --help.
    parser.add_argument(
        "--train-path", choices=CHOICES, dest="train_variant", help=argparse.SUPPRESS
    )


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="python -m core", description=__doc__.split("\n")[0])
    commands = parser.add_subparsers(dest="command", required=True, parser_class=_Parser)

    train = commands.add_parser("train", help="train a model and save it")
    train_what = train.add_subparsers(dest="workshop", required=True, parser_class=_Parser)
    iris = train_what.add_parser("iris", help="the Iris flower classifier")
    add_config_options(iris, IrisConfig)
    _add_variant_option(iris)
    iris.add_argument("--out", required=True, help="where to save the model (.keras)")
    iris.add_argument("--json", action="store_true", help="print JSON lines")

    mnist = train_what.add_parser("mnist", help="the MNIST digit CNN")
    add_config_options(mnist, MnistConfig)
    _add_variant_option(mnist)
    mnist.add_argument("--out", required=True, help="where to save the model (.keras)")
    mnist.add_argument("--json", action="store_true", help="print a final JSON line")

    predict = commands.add_parser("predict", help="ask a saved model")
    predict_what = predict.add_subparsers(dest="workshop", required=True, parser_class=_Parser)
    iris_p = predict_what.add_parser("iris", help="species probabilities of one flower")
    iris_p.add_argument("--model", required=True)
    for name in ("sepal_length", "sepal_width", "petal_length", "petal_width"):
        iris_p.add_argument(name, type=float)
    iris_p.add_argument("--json", action="store_true")

    mnist_p = predict_what.add_parser("mnist", help="digit probabilities of images")
    mnist_p.add_argument("--model", required=True)
    mnist_p.add_argument("images", nargs="+")
    feeding = mnist_p.add_mutually_exclusive_group()
    feeding.add_argument(
        "--no-centre",
        action="store_true",
        help="shrink the whole image to 28x28 instead of cropping and centring the digit "
        "(the contrast is still stretched and the paper colour guessed, as for a drawing)",
    )
    feeding.add_argument(
        "--as-workshop",
        action="store_true",
        help="feed each image exactly as the workshop's notebook does: a 28x28 picture as it "
        "is, each pixel / 255, no crop, no centring, no contrast stretch (other sizes are "
        "refused)",
    )
    mnist_p.add_argument("--json", action="store_true")
    return parser


def _use_train_variant(args: argparse.Namespace) -> None:
    """--train-variant, else WORKSHOP_TRAIN_VARIANT, else auto: refused before any work if
    this machine cannot use it; the variant that trains is then reported on stderr."""
    from core.engine.jobs.base import RAY_ADDRESS_VARIABLE
    from core.engine.training.variant_choice import force_train_variant
    from core.engine.training.variant_decisions import VARIANT_VARIABLE, variant_from_environment

    if os.environ.get(RAY_ADDRESS_VARIABLE, "").strip():
        # The Ray workers train, each on its own CPU, and read WORKSHOP_TRAIN_VARIANT there
        # (core.engine.jobs.ray_cluster hands them this process's WORKSHOP_ settings).
        if args.train_variant:
            os.environ[VARIANT_VARIABLE] = args.train_variant
        return
    variable, value = variant_from_environment()
    name = args.train_variant or value or AUTO
    try:
        force_train_variant(name)
    except ValueError as error:
        source = "--train-variant" if args.train_variant else variable
        raise CliError(f"{source}: {error}") from None
    logger = logging.getLogger("core.engine.training.variant_choice")
    if not any(getattr(h, "name", "") == "cli" for h in logger.handlers):
        handler = logging.StreamHandler(sys.stderr)
        handler.name = "cli"
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)


def main(argv: Sequence[str] | None = None) -> int:
    hide_tensorflow_banner()  # Before any command imports TensorFlow, so errors stay one line.
    try:
        args = build_parser().parse_args(argv)
        if args.workshop == "iris":
            from core.iris import cli as handlers
        else:
            from core.mnist import cli as handlers
        if args.command == "train":
            _use_train_variant(args)
        return handlers.train(args) if args.command == "train" else handlers.predict(args)
    except CliError as error:
        return fail(str(error))
    except KeyboardInterrupt:
        return fail("interrupted")
    except (ValueError, OSError) as error:
        return fail(str(error))
    finally:
        _forget_train_variant()


def _forget_train_variant() -> None:
    """A caller that runs `main` in its own process (the tests) gets `auto` back after it."""
    if "core.engine.training.variant_choice" in sys.modules:
        sys.modules["core.engine.training.variant_choice"].force_train_variant(AUTO)
