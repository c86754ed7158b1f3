"""What a student waits for on a warm server: from Train to the tested network, per backend.

    python -m devtools.click_to_result --repeat 3

The two backends take turns in one process (docs/architecture.md, "From Train to result").
"""

from __future__ import annotations

import argparse
import json
import statistics
import time

from core.engine.jobs.base import TrainingBackend
from core.engine.training.cpu_features import cpu_features_light
from core.mnist.config import MnistConfig
from core.mnist.training import run_mnist
from devtools.soak import make_backend


def click_to_result(backend: TrainingBackend, config: MnistConfig) -> float:
    """Seconds from submitting one training to holding its tested result."""
    started = time.perf_counter()
    run = backend.submit(run_mnist, config, queued=True).result(timeout=600)
    assert run is not None and run.evaluation is not None
    return time.perf_counter() - started


def compare(repeat: int, train_size: int = 5_000) -> dict[str, list[float]]:
    backends = {kind: make_backend(kind) for kind in ("in-process", "workers")}
    for backend in backends.values():  # Warm: the first training of a server is not timed.
        click_to_result(backend, MnistConfig(train_size=train_size, seed=99))
    times: dict[str, list[float]] = {kind: [] for kind in backends}
    for round_ in range(repeat):
        order = list(backends) if round_ % 2 == 0 else list(reversed(backends))
        for kind in order:
            config = MnistConfig(train_size=train_size, seed=round_)
            times[kind].append(round(click_to_result(backends[kind], config), 2))
    backends["workers"].pool.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--train-size", type=int, default=5_000)
    args = parser.parse_args()
    flags = ", ".join(cpu_features_light().relevant_flags())
    times = compare(args.repeat, args.train_size)
    medians = {kind: round(statistics.median(t), 2) for kind, t in times.items()}
    ratio = round(medians["workers"] / medians["in-process"], 2)
    found = {"date": time.strftime("%Y-%m-%d"), "cpu_flags": flags, "seconds": times}
    print(json.dumps(found | {"median_s": medians, "workers_over_in_process": ratio}))


if __name__ == "__main__":
    main()
