"""A process that only imports TensorFlow: the memory every training process pays anyway.

Its peak RSS is subtracted from the others', so the comparison is about what the pipelines
and models cost, not about TensorFlow's own ~600 MB.
"""

from __future__ import annotations

import argparse
import time

from devtools.bench.child import child_main


def measure(args: argparse.Namespace) -> dict:
    started = time.perf_counter()
    import tensorflow as tf

    return {"import_seconds": time.perf_counter() - started, "tf_version": tf.__version__}


if __name__ == "__main__":
    child_main(measure, argparse.ArgumentParser(description=__doc__))
