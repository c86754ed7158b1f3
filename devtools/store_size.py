"""How many bytes the store keeps for one student of a typical workshop: one Iris run and
three MNIST runs at the workshop's default settings, made by the app's own flows.

    MNIST_DIR=/work/shared/mnist python -m devtools.store_size [--mnist-runs 3] [--train-size N]

Each run record is stored as a record that left the process that trained it
(`for_another_process()`: the Keras model replaced by its `.keras` bytes, as the worker
processes hand runs to the web server), `encode()`d, and added to a fresh SQLite store.
Prints each record's size, the time encode() and decode() take, the student's total
(`size_of`), the size of the database file, and what encode() makes of a record that still
holds its live Keras model (in-process training). docs/store.md holds the
figures, dated, with the CPU's flags.
"""

from __future__ import annotations

import argparse
import tempfile
import time
from pathlib import Path

from devtools.cpu import this_cpu


def _timed(function, *args):
    start = time.perf_counter()
    value = function(*args)
    return value, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mnist-runs", type=int, default=3)
    parser.add_argument("--train-size", type=int, default=None, help="default: the page's")
    args = parser.parse_args()

    from core.engine.store import decode, encode, new_student_id, open_store
    from core.iris.config import IrisConfig
    from core.iris.training import run_iris
    from core.mnist.config import MnistConfig
    from core.mnist.training import run_mnist

    records = [("iris", _timed(run_iris, IrisConfig(), lambda _p: None, lambda: False)[0])]
    config = MnistConfig() if args.train_size is None else MnistConfig(train_size=args.train_size)
    for _ in range(args.mnist_runs):
        run, seconds = _timed(run_mnist, config, lambda _p: None, lambda: False)
        print(f"MNIST run trained in {seconds:.1f} s")
        records.append(("mnist", run))

    with tempfile.TemporaryDirectory() as folder:
        store = open_store({"WORKSHOP_DATA_DIR": folder})
        student = new_student_id()
        for chapter, record in records:
            payload, encode_s = _timed(encode, record.for_another_process())
            back, decode_s = _timed(decode, payload)
            assert back is not None
            keras = len(record.network.keras_bytes())
            print(
                f"{chapter:5s}: {len(payload):>9,} bytes stored (its .keras file alone: "
                f"{keras:,} bytes); encode {encode_s * 1000:.0f} ms, "
                f"decode {decode_s * 1000:.0f} ms"
            )
            store.add_run(student, chapter, payload)
            if record.network.keras_model is not None:
                try:
                    live, live_s = _timed(encode, record)
                    said = f"{len(live):,} bytes, encode {live_s * 1000:.0f} ms"
                except Exception as error:
                    said = f"fails: {type(error).__name__}: {error}"[:200]
                print(f"       the same record with its live Keras model: {said}")
        assert store.flush(timeout=60)
        total = store.size_of(student)
        store.close()
        files = sum(path.stat().st_size for path in Path(folder).iterdir())
    print(f"one student (1 Iris + {args.mnist_runs} MNIST runs): {total:,} bytes stored")
    print(f"SQLite files afterwards: {files:,} bytes")
    flags = this_cpu()[1]
    print(f"{time.strftime('%Y-%m-%d')}, CPU flags: {' '.join(flags)}")


if __name__ == "__main__":
    main()
