"""A process that only imports TensorFlow: the memory every training process pays anyway.

Its peak RSS is subtracted from the others', so the comparison is about what the pipelines
and models cost, not about TensorFlow's own ~600 MB. `--lean` imports it as the app's
training processes do (core.engine.runtime.lean_import), the baseline for the app's side.
"""

from __future__ import annotations

import argparse
import time

from devtools.bench.child import child_main


def measure(args: argparse.Namespace) -> dict:
    started = time.perf_counter()
    if args.lean:
        from core.engine.runtime.lean_import import import_tensorflow_lean

        import_tensorflow_lean()
    import tensorflow as tf

    return {"import_seconds": time.perf_counter() - started, "tf_version": tf.__version__}


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--lean", action="store_true", help="import as the app's trainings do")
    return p


if __name__ == "__main__":
    child_main(measure, parser())
