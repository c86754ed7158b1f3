"""The Ray training backend's times and the web tier's memory, on a local head of its own.

    MNIST_DIR=../shared/mnist python -m devtools.bench.ray_backend [--json]

Run it in a network namespace with only loopback. What it measures: docs/architecture.md,
"The Ray benchmark".
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import statistics
import subprocess
import sys
import time

from devtools.ray_head import RayHead
from devtools.server import ROOT

RUNS = 3


def _wait(condition, timeout: float = 300.0) -> float:
    started = time.perf_counter()
    while not condition():
        if time.perf_counter() - started > timeout:
            raise TimeoutError("the condition did not happen in time")
        time.sleep(0.005)
    return time.perf_counter() - started


def _training(job) -> bool:
    return job.progress().phase == "training" and job.progress().batches_done > 0


def _cpus() -> float:
    import ray

    return ray.available_resources().get("CPU", 0.0)


def start_times(backend, config) -> dict:
    """Submit to: the worker's start, the flow's first snapshot, the first batch."""
    from core.mnist.training import run_mnist

    job = backend.submit(run_mnist, config, queued=True)
    started = time.perf_counter()
    _wait(lambda: job.pid != 0)
    worker = time.perf_counter() - started
    _wait(lambda: job.progress().message.startswith(("Loading", "Building")) or _training(job))
    snapshot = time.perf_counter() - started
    _wait(lambda: _training(job))
    batch = time.perf_counter() - started
    job.stop()
    job.result(timeout=300)
    return {"worker_started_s": worker, "first_snapshot_s": snapshot, "first_batch_s": batch}


def stop_times(backend, config) -> dict:
    import ray

    from core.mnist.training import run_mnist

    job = backend.submit(run_mnist, config, queued=True)
    _wait(lambda: _training(job))
    snapshots, last, began = 0, None, time.perf_counter()
    while time.perf_counter() - began < 5.0:
        if job.progress() is not last:
            last, snapshots = job.progress(), snapshots + 1
        time.sleep(0.005)
    task = job.marker
    stopped = time.perf_counter()
    job.stop()
    ray.wait([task], timeout=60, fetch_local=False)
    ended = time.perf_counter() - stopped
    _wait(lambda: _cpus() == 2.0, 60)
    freed = time.perf_counter() - stopped
    run = job.result(timeout=300)
    return {
        "handed_back": float(run is not None and run.evaluation is not None),
        "snapshots_per_s": snapshots / 5.0,
        "stop_to_task_end_s": ended,
        "stop_to_cpu_free_s": freed,
        "stop_to_tested_result_s": time.perf_counter() - stopped,
    }


def kill_times(backend, config) -> dict:
    from core.engine.jobs.base import TrainingFailed
    from core.mnist.training import run_mnist

    job = backend.submit(run_mnist, config, queued=True)
    _wait(lambda: _training(job))
    killed = time.perf_counter()
    os.kill(job.pid, signal.SIGKILL)
    try:
        job.result(timeout=120)
        raise AssertionError("a killed worker's job returned a result")
    except TrainingFailed:
        message = time.perf_counter() - killed
    _wait(lambda: _cpus() == 2.0, 60)
    return {"kill_to_message_s": message, "kill_to_cpu_free_s": time.perf_counter() - killed}


def iris_times(backend) -> dict:
    """An Iris training on the cluster: its time, and the cores its worker kept busy."""
    import psutil

    from core.iris.config import IrisConfig
    from core.iris.training import run_iris

    job = backend.submit(run_iris, IrisConfig(), queued=False)
    _wait(lambda: job.pid != 0)
    worker = psutil.Process(job.pid)
    cpu_before, began = sum(worker.cpu_times()[:2]), time.perf_counter()
    result = job.result(timeout=300)
    wall = time.perf_counter() - began
    return {
        "iris_fit_s": result.seconds,
        "iris_job_s": wall,
        "iris_cores_busy": (sum(worker.cpu_times()[:2]) - cpu_before) / wall,
    }


def journey(address: str) -> dict:
    env = {**os.environ, "WORKSHOP_RAY_ADDRESS": address}
    if not address:
        env.pop("WORKSHOP_RAY_ADDRESS")
    done = subprocess.run(
        [sys.executable, "-m", "devtools.web_tier_journey", "journey"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=900,
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr[-2000:])
    return json.loads(done.stdout.splitlines()[-1])


def measure() -> dict:
    from core.mnist.config import MnistConfig

    small = MnistConfig(train_size=2_000, batch_size=32, filters=(4, 8), dense_units=16)
    long = MnistConfig(train_size=60_000, epochs=10, batch_size=32)  # The workshop's CNN.
    found: dict = {}
    began = time.perf_counter()
    head = RayHead(cpus=2).start()
    found["head_start_s"] = time.perf_counter() - began
    try:
        os.environ["WORKSHOP_RAY_ADDRESS"] = head.address
        from core.engine.jobs.default import default_backend

        began = time.perf_counter()
        backend = default_backend()
        found["connect_s"] = time.perf_counter() - began
        found["fresh_worker"] = start_times(backend, small)
        found["warm_worker"] = start_times(backend, small)
        stops = [stop_times(backend, long) for _ in range(RUNS)]
        found["stop"] = {k: [round(s[k], 2) for s in stops] for k in stops[0]}
        kills = [kill_times(backend, long) for _ in range(RUNS)]
        found["kill"] = {k: [round(s[k], 2) for s in kills] for k in kills[0]}
        found["after_kill_worker"] = start_times(backend, small)
        found["iris"] = iris_times(backend)
        found["web_journey_ray"] = journey(head.address)
    finally:
        import ray

        ray.shutdown()  # Before the head goes: a driver without its head ends itself in 60 s.
        head.stop()
    found["web_journey_in_process"] = journey("")
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--json", action="store_true", help="one JSON line on stdout")
    args = parser.parse_args()
    found = measure()
    if args.json:
        print(json.dumps(found))
        return
    for key, value in found.items():
        if isinstance(value, dict):
            value = {
                k: (f"{statistics.median(v):.2f} (max {max(v):.2f})" if isinstance(v, list) else v)
                for k, v in value.items()
            }
        print(f"{key}: {value}")


if __name__ == "__main__":
    main()
