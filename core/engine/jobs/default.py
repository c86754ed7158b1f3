"""The process's one training backend: in this process, or the Ray cluster it is told of.

Every session of a server shares it, and so shares one training queue. Ray is imported only
when WORKSHOP_RAY_ADDRESS names a cluster.
"""

from __future__ import annotations

import os
import threading
from functools import lru_cache

from core.engine.jobs.base import RAY_ADDRESS_VARIABLE, TrainingBackend
from core.engine.jobs.in_process import InProcessBackend

_backend_lock = threading.Lock()


@lru_cache(maxsize=4)
def _backend_for(
    ray_address: str, processes: bool = False, warm_ups: tuple[str, ...] = ()
) -> TrainingBackend:
    if not ray_address:
        if processes:
            from core.engine.jobs.worker_pool import WorkerPoolBackend

            return WorkerPoolBackend(warm_ups=warm_ups)
        return InProcessBackend()
    from core.engine.jobs.ray_backend import connect_backend  # Ray is imported only here.

    return connect_backend(ray_address)  # A failure raises, and is not kept: the next call retries.


def default_backend() -> TrainingBackend:
    """The process's one backend, so that every session shares one training queue.

    In-process unless `WORKSHOP_RAY_ADDRESS` names a Ray cluster; a cluster that cannot be
    reached raises TrainingFailed with one sentence, within seconds. Sessions run their
    scripts in threads of their own: the lock keeps two first callers from making two
    backends (two queues, or two connections).
    """
    address = os.environ.get(RAY_ADDRESS_VARIABLE, "").strip()
    with _backend_lock:
        return _backend_for(address)


def server_backend(warm_ups: tuple[str, ...] = ()) -> TrainingBackend:
    """The web server's one backend: the Ray cluster it is told of, else worker processes.

    A server trains for a whole day, and every training leaves memory behind in the process
    that ran it: so a server's trainings run in workers it replaces as they grow
    (core.engine.jobs.worker_pool), and its own memory stays flat. The command line trains
    once and ends, so it keeps `default_backend()`, in its own process.
    """
    address = os.environ.get(RAY_ADDRESS_VARIABLE, "").strip()
    with _backend_lock:
        return _backend_for(address, processes=True, warm_ups=warm_ups)


def warm_server_backend(warm_ups: tuple[str, ...] = ()) -> None:
    """Start the server's training workers now, while nobody waits: TensorFlow imports in one
    before the first student presses Train. Nothing to warm for a Ray cluster (its workers
    are its own), and nothing is said here if it cannot start: the first training says why."""
    if not os.environ.get(RAY_ADDRESS_VARIABLE, "").strip():
        server_backend(warm_ups)
