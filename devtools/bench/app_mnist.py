"""The app's own MNIST training, through its public API only, for one epoch.

`train_mnist` times its `fit` itself (`run.seconds`: choosing the variant and training; the
app tests after training, on both the normal and the inverted test set). The whole call, timed
here, is what a student waits for on a warm server between the click and the results; the rest
of it is that test plus building the model (a fraction of a second). `--variant` forces one
training variant (as `python -m core train mnist --train-variant` does); by default `auto`
chooses, and its choice, the variants it timed and what the timing cost are reported.
"""

from __future__ import annotations

import argparse
import time

from devtools.bench.child import child_main


def measure(args: argparse.Namespace) -> dict:
    from core.engine.runtime.lean_import import import_tensorflow_lean

    import_tensorflow_lean()  # As a server's training worker starts (worker_process.main).
    import tensorflow as tf

    from core.engine.runtime.memory import keep_for_life
    from core.engine.training.variant_choice import force_train_variant
    from core.mnist.config import MnistConfig
    from core.mnist.data import load_mnist
    from core.mnist.training import train_mnist, warm_up

    force_train_variant(args.variant)
    config = MnistConfig(invert=args.invert, epochs=1, batch_size=128, train_size=args.train_size)
    # What a server's training worker does before its first training (worker_process.main):
    # on a CPU with no decision kept in the data folder, that includes auto's trial.
    warming = time.perf_counter()
    warm_up()
    keep_for_life()
    warm_up_seconds = time.perf_counter() - warming
    data = load_mnist()
    started = time.perf_counter()
    run = train_mnist(config, data=data)
    total = time.perf_counter() - started
    evaluation = run.evaluation
    assert evaluation is not None, "train_mnist evaluates by default"
    train_count = config.train_size * (2 if config.invert else 1)
    return {
        "train_seconds": run.seconds,
        "evaluation_seconds": total - run.seconds,
        "total_seconds": total,
        "warm_up_seconds": warm_up_seconds,  # Before any click: the server's start, not a wait.
        "train_examples": train_count,
        "test_examples": 2 * len(data.x_test),  # The app always evaluates both test sets.
        "examples_per_second": train_count / run.seconds,
        "test_accuracy": evaluation.test_accuracy,
        "test_accuracy_inverted": evaluation.test_accuracy_inverted,
        **_variant_report(run.network.keras_model, args.variant),
        "threads": [
            tf.config.threading.get_intra_op_parallelism_threads(),
            tf.config.threading.get_inter_op_parallelism_threads(),
        ],
    }


def _variant_report(model, forced: str) -> dict:
    """Which variant trained, why, and the CPU it was chosen on."""
    from core.engine.training.cpu_features import cpu_features
    from core.engine.training.variant_choice import decision_for, describe_train_variant
    from core.engine.training.variants import eligible_variants

    cpu = cpu_features()
    decision = decision_for(model)
    return {
        "train_variant": decision.variant if decision and forced == "auto" else forced,
        "variant_how": decision.how if decision and forced == "auto" else "forced",
        "variant_sentence": describe_train_variant(),
        "trial_seconds": decision.trial_seconds if decision else 0.0,
        "trial_overhead_seconds": decision.overhead if decision else 0.0,
        "eligible_variants": eligible_variants(model),
        "cpu_model": cpu.model,
        "cpu_flags": cpu.relevant_flags(),
        "onednn": cpu.onednn,
    }


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--invert", action="store_true", help="train on normal and inverted copies")
    p.add_argument("--train-size", type=int, default=60_000, help="training examples (100-60000)")
    p.add_argument(
        "--variant", default="auto", help="training variant: auto (default) or one of them"
    )
    return p


if __name__ == "__main__":
    child_main(measure, parser())
