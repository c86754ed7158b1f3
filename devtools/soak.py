"""A day of trainings in one run: memory after each, and its slope in MB per training.

    python -m devtools.soak --trainings 200 --backend workers

The mix of trainings and when memory is read: docs/architecture.md, "The soak test"; the
figures: docs/reliability.md ("A day of trainings").
"""

from __future__ import annotations

import argparse
import json
import os
import threading
import time
from dataclasses import dataclass, field
from typing import Any

import psutil

from core.engine.jobs.base import TrainingBackend, TrainingJob
from core.engine.training.cpu_features import cpu_features_light
from core.iris import training as iris_training
from core.iris.config import IrisConfig
from core.mnist import training as mnist_training
from core.mnist.config import MnistConfig

STOP_AT_BATCH = 20  # Of the 40 batches of 5,000 examples: "half way".


def _is_worker(process: psutil.Process) -> bool:
    """A process that trains: one of the pool's workers, or a Ray worker (`ray::...`)."""
    try:
        return process.name().startswith("ray::") or "worker_process" in " ".join(process.cmdline())
    except psutil.Error:
        return False


def tree_memory_mb() -> dict[str, float]:
    """RSS and PSS of this process and all its descendants, and the largest worker's RSS, in
    MB."""
    me = psutil.Process()
    found: dict[str, Any] = {"rss_mb": 0.0, "pss_mb": 0.0, "workers": 0, "largest_worker_mb": 0.0}
    each: dict[str, float] = {}
    for process in [me, *me.children(recursive=True)]:
        try:
            info = process.memory_full_info()
        except psutil.Error:
            continue
        found["rss_mb"] += info.rss / 2**20
        found["pss_mb"] += getattr(info, "pss", info.rss) / 2**20
        if _is_worker(process):
            found["workers"] += 1
            found["largest_worker_mb"] = max(found["largest_worker_mb"], info.rss / 2**20)
            each[str(process.pid)] = round(info.rss / 2**20, 1)
    return {key: round(value, 1) for key, value in found.items()} | {"each_worker_mb": each}


@dataclass
class Peak:
    """The largest tree RSS seen by a sampler thread, every `every_s`, and the largest PSS,
    read every fourth time (it walks every mapping of a process: dear for TensorFlow's)."""

    every_s: float = 0.25
    rss_mb: float = 0.0
    pss_mb: float = 0.0
    stop: threading.Event = field(default_factory=threading.Event)

    def run(self) -> None:
        count = 0
        while not self.stop.wait(self.every_s):
            count += 1
            if count % 4 == 0:
                found = tree_memory_mb()
                self.rss_mb = max(self.rss_mb, found["rss_mb"])
                self.pss_mb = max(self.pss_mb, found["pss_mb"])
                continue
            me = psutil.Process()
            total = 0.0
            for process in [me, *me.children(recursive=True)]:
                try:
                    total += process.memory_info().rss / 2**20
                except psutil.NoSuchProcess:
                    continue
            self.rss_mb = max(self.rss_mb, total)


def make_backend(kind: str, recycle_after: int | None = None) -> TrainingBackend:
    if kind == "in-process":
        from core.engine.jobs.in_process import InProcessBackend

        return InProcessBackend()
    if kind == "ray":  # A local head of two CPUs, in this process's tree (and namespace).
        from core.engine.jobs.ray_backend import connect_backend
        from devtools.ray_head import RayHead

        head = RayHead(cpus=2).start()
        backend = connect_backend(head.address)
        backend.head = head  # type: ignore[attr-defined]
        return backend
    from core.engine.jobs.worker_pool import RECYCLE_AFTER, WorkerPoolBackend

    # As the app's (ui/state/backend.py).
    warm_ups = (iris_training.warm_up, mnist_training.warm_up)
    return WorkerPoolBackend(recycle_after=recycle_after or RECYCLE_AFTER, warm_ups=warm_ups)


def _submit(backend: TrainingBackend, number: int, train_size: int) -> tuple[TrainingJob, bool]:
    """The `number`th training of the day: (job, whether its student stops it half way)."""
    if number % 3 == 2:
        return backend.submit(iris_training.run_iris, IrisConfig(seed=number), queued=False), False
    mnist = MnistConfig(train_size=train_size, seed=number)
    stop = (number // 3) % 4 == 3
    return backend.submit(mnist_training.run_mnist, mnist, queued=True), stop


def _finish(job: TrainingJob, stop: bool) -> None:
    while not job.done():
        progress = job.progress()
        if stop and progress.phase == "training" and progress.batches_done >= STOP_AT_BATCH:
            job.stop()
        time.sleep(0.05)
    job.result()


def soak(
    trainings: int,
    kind: str = "workers",
    train_size: int = 5_000,
    recycle_after: int | None = None,
    log: Any = print,
    after: int = 10,
) -> dict[str, Any]:
    """Run `trainings` trainings two at a time; the memory after each pair, and the peak."""
    backend = make_backend(kind, recycle_after)
    peak = Peak()
    threading.Thread(target=peak.run, name="soak-peak", daemon=True).start()
    rows = []
    started = time.perf_counter()
    for first in range(0, trainings, 2):
        pair = [_submit(backend, n, train_size) for n in range(first, min(first + 2, trainings))]
        for job, stop in pair:
            _finish(job, stop)
        pool = getattr(backend, "pool", None)
        if pool is not None:
            pool.settle()
        row = {"trainings": first + len(pair)} | tree_memory_mb()
        row["seconds"] = round(time.perf_counter() - started, 1)
        rows.append(row)
        log(json.dumps({k: v for k, v in row.items() if k != "each_worker_mb"}))
    peak.stop.set()
    if (pool := getattr(backend, "pool", None)) is not None:
        pool.close()
    if (head := getattr(backend, "head", None)) is not None:
        import ray

        ray.shutdown()
        head.stop(timeout=5)
    peaks = {"peak_rss_mb": round(peak.rss_mb, 1), "peak_pss_mb": round(peak.pss_mb, 1)}
    return {"backend": kind, "rows": rows} | peaks | summary(rows, after) | worker_lives(rows)


def slope(rows: list[dict[str, Any]], key: str, after: int) -> float:
    """Least-squares MB per training over the rows past the first `after` trainings."""
    points = [(r["trainings"], r[key]) for r in rows if r["trainings"] > after]
    if len(points) < 2:
        return 0.0
    mean_x = sum(x for x, _ in points) / len(points)
    mean_y = sum(y for _, y in points) / len(points)
    spread = sum((x - mean_x) ** 2 for x, _ in points)
    return sum((x - mean_x) * (y - mean_y) for x, y in points) / spread if spread else 0.0


def floor_growth(rows: list[dict[str, Any]], key: str, after: int) -> float:
    """MB per training by which the lowest readings rise, past the first `after` trainings.

    Workers are replaced every few trainings, so the readings rise and fall in a saw; a leak
    that nothing returns lifts the saw's floor, which this compares at the start and the end.
    """
    late = [r for r in rows if r["trainings"] > after]
    third = max(1, len(late) // 3)
    early, last = late[:third], late[-third:]
    span = last[-1]["trainings"] - early[0]["trainings"]
    lift = min(r[key] for r in last) - min(r[key] for r in early)
    return lift / span if span else 0.0


def worker_lives(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Each worker process's resident size the first and the last time it was seen: how much
    one worker grows over its life before it is replaced."""
    lives: dict[str, list[float]] = {}
    for row in rows:
        for pid, mb in row.get("each_worker_mb", {}).items():
            lives.setdefault(pid, []).append(mb)
    grown = [sizes[-1] - min(sizes) for sizes in lives.values() if len(sizes) > 1]
    return {
        "worker_processes_seen": len(lives),
        "largest_growth_of_a_worker_mb": round(max(grown, default=0.0), 1),
        "largest_worker_ever_mb": max((max(s) for s in lives.values()), default=0.0),
    }


def summary(rows: list[dict[str, Any]], after: int = 10) -> dict[str, Any]:
    """The slope past the first `after` trainings, and the last reading against that point's."""
    at = next((r for r in rows if r["trainings"] >= after), rows[-1])
    return {
        "slope_rss_mb_per_training": round(slope(rows, "rss_mb", after), 2),
        "slope_pss_mb_per_training": round(slope(rows, "pss_mb", after), 2),
        "floor_rss_mb_per_training": round(floor_growth(rows, "rss_mb", after), 2),
        "floor_pss_mb_per_training": round(floor_growth(rows, "pss_mb", after), 2),
        f"rss_after_{after}_mb": at["rss_mb"],
        "rss_last_mb": rows[-1]["rss_mb"],
        "rss_max_after_mb": max(r["rss_mb"] for r in rows if r["trainings"] >= at["trainings"]),
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--trainings", type=int, default=200)
    parser.add_argument("--backend", choices=("workers", "in-process", "ray"), default="workers")
    parser.add_argument("--train-size", type=int, default=5_000)
    parser.add_argument(
        "--recycle-after", type=int, help="trainings per worker (default: the app's)"
    )
    parser.add_argument("--after", type=int, default=10, help="trainings before the slope")
    parser.add_argument("--out", help="write the rows and the summary here as JSON")
    args = parser.parse_args()
    flags = ", ".join(cpu_features_light().relevant_flags())
    print(f"# {time.strftime('%Y-%m-%d')}, CPU flags: {flags}, {os.cpu_count()} cores")
    found = soak(
        args.trainings, args.backend, args.train_size, args.recycle_after, after=args.after
    )
    found |= {"date": time.strftime("%Y-%m-%d"), "cpu_flags": flags}
    print(json.dumps({k: v for k, v in found.items() if k != "rows"}))
    if args.out:
        with open(args.out, "w", encoding="utf-8") as out:
            json.dump(found, out, indent=1)


if __name__ == "__main__":
    main()
