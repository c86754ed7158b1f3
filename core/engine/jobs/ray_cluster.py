"""Connecting this process to the Ray cluster named by WORKSHOP_RAY_ADDRESS, within seconds.

`ray.init` against an address where no cluster answers retries for minutes. A page must
not hang on that, so the address is first tried with a plain TCP connection, and
`ray.init` itself gets CONNECT_TIMEOUT_S; either failure is one sentence. The workers get
this process's settings (MNIST_DIR, the WORKSHOP_* settings) and can import the app's code.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import time
from pathlib import Path

import ray
from ray.job_config import JobConfig

from core.engine.jobs.base import RAY_ADDRESS_VARIABLE, TrainingFailed

CPUS_VARIABLE = "WORKSHOP_RAY_CPUS"
DEFAULT_CPUS = 1.0
# What one task's worker holds of its own once it has imported TensorFlow and read MNIST, with
# room to spare (docs/deploying.md, "A class trains at once"). Every task asks the node for
# it: small jobs ask for no CPU, and without a bound a class that trains Iris at the same
# moment started a worker, and a TensorFlow, per student, until the node ran out of memory.
TASK_MEMORY = 400 * 2**20
# Small jobs (Iris, a model check) ask for half a CPU: at most two run on a CPU at once. With
# none, a class that trained Iris at the same moment ran as many TensorFlows as the memory
# held on a node's few cores, and every training on it, MNIST's too, crawled.
SMALL_JOB_CPUS = 0.5
CONNECT_TIMEOUT_S = 15.0  # For ray.init, once the address has answered a TCP connection.
PROBE_TIMEOUT_S = 3.0
RETRY_AFTER_S = 10.0  # A failed connection is not tried again sooner: pages answer at once.
NAMESPACE = "workshop"
ROOT = Path(__file__).resolve().parents[2]  # The folder that holds `core`, for the workers.
# Settings the workers need as this process has them (the cluster's own environment is
# that of `ray start`): where MNIST is, and every WORKSHOP_ setting but the address.
FORWARDED = ("MNIST_DIR", "TFDS_DATA_DIR")

_lock = threading.Lock()
_attempt: threading.Thread | None = None
_connected_to = ""  # One process, one cluster: the address it connected to.
_failed: tuple[float, str, TrainingFailed] | None = None  # (when, address, the sentence)


def cpus_per_training() -> float:
    """WORKSHOP_RAY_CPUS: CPUs a queued training asks the cluster for (default 1; > 0)."""
    try:
        cpus = float(os.environ.get(CPUS_VARIABLE, DEFAULT_CPUS))
    except ValueError:
        return DEFAULT_CPUS
    return cpus if cpus > 0 else DEFAULT_CPUS


def cpus_asked(queued: bool, training_cpus: float) -> float:
    """CPUs a job asks for: a queued training `training_cpus` (WORKSHOP_RAY_CPUS), a small job
    SMALL_JOB_CPUS, or less if the trainings ask for less."""
    return training_cpus if queued else min(SMALL_JOB_CPUS, training_cpus)


def worker_environment() -> dict[str, str]:
    """The variables every worker of this process's trainings gets."""
    return {
        name: value
        for name, value in os.environ.items()
        if (name in FORWARDED or name.startswith("WORKSHOP_")) and name != RAY_ADDRESS_VARIABLE
    }


def _unreachable(address: str, reason: str) -> TrainingFailed:
    return TrainingFailed(
        f"The Ray cluster at {address} ({RAY_ADDRESS_VARIABLE}) cannot be reached ({reason}); "
        f"start it, or unset {RAY_ADDRESS_VARIABLE} to train on this server."
    )


def _host_port(address: str) -> tuple[str, int]:
    """Where the address's cluster should answer; "auto" is looked up as Ray would."""
    target = address.removeprefix("ray://")
    if address == "auto":
        from ray._private.services import canonicalize_bootstrap_address

        try:
            target = canonicalize_bootstrap_address("auto") or ""
        except Exception:  # Ray raises several kinds when it finds no cluster.
            target = ""
        if not target:
            raise _unreachable(address, "no cluster was started on this machine")
    host, _, port = target.rpartition(":")
    if not host or not port.isdigit():
        raise TrainingFailed(
            f"{RAY_ADDRESS_VARIABLE}={address} is not a Ray address; use auto, host:port "
            "or ray://host:port."
        )
    return host.strip("[]"), int(port)


def _probe(address: str) -> None:
    host, port = _host_port(address)
    try:
        with socket.create_connection((host, port), timeout=PROBE_TIMEOUT_S):
            pass
    except OSError as error:
        reason = (getattr(error, "strerror", None) or str(error) or "no answer").lower()
        raise _unreachable(address, f"{host}:{port}: {reason}") from None


def connect(address: str) -> None:
    """Connect this process to the cluster, once; TrainingFailed (one sentence) if it fails.

    Bounded: the TCP probe takes at most PROBE_TIMEOUT_S and `ray.init` CONNECT_TIMEOUT_S.
    A connection still trying after that is left to end by itself, and meanwhile every
    call fails at once with the same sentence rather than start another; so does every call
    in the RETRY_AFTER_S after a failure.
    """
    global _failed
    with _lock:
        recent = _failed is not None and time.monotonic() - _failed[0] < RETRY_AFTER_S
        if recent and _failed[1] == address:
            raise _failed[2]
        try:
            _connect(address)
        except TrainingFailed as error:
            _failed = (time.monotonic(), address, error)
            raise
        _failed = None


def _connect(address: str) -> None:
    """Connect, as `connect` describes, with its lock held."""
    global _attempt, _connected_to
    if ray.is_initialized():
        if _connected_to not in ("", address):
            raise TrainingFailed(
                f"This server is connected to the Ray cluster at {_connected_to}, not "
                f"{address}; restart it to change {RAY_ADDRESS_VARIABLE}."
            )
        return
    if _attempt is not None and _attempt.is_alive():
        raise _unreachable(address, "still trying to connect")
    _probe(address)
    errors: list[BaseException] = []

    def init() -> None:
        try:
            ray.init(
                address=address,
                namespace=NAMESPACE,
                log_to_driver=False,
                logging_level=logging.WARNING,
                runtime_env={"env_vars": worker_environment()},
                job_config=JobConfig(code_search_path=[str(ROOT)]),
            )
        except BaseException as error:  # Reported to the caller below as one sentence.
            errors.append(error)

    _attempt = threading.Thread(target=init, name="ray-connect", daemon=True)
    _attempt.start()
    _attempt.join(CONNECT_TIMEOUT_S)
    if _attempt.is_alive():
        raise _unreachable(address, f"no answer within {CONNECT_TIMEOUT_S:.0f} s")
    if errors:
        reason = " ".join(str(errors[0]).split())[:200] or type(errors[0]).__name__
        raise _unreachable(address, reason.rstrip("."))
    _connected_to = address
