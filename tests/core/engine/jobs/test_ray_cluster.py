"""Connecting to a Ray cluster, short of connecting: addresses, settings, the workers' env.

No head is started here (tests/core/engine/jobs/test_ray_backend.py does that): these are the
checks that make a wrong or silent address one sentence within seconds.
"""

from __future__ import annotations

import time

import pytest

from core.engine.jobs.base import TrainingFailed
from core.engine.jobs.ray_cluster import (
    PROBE_TIMEOUT_S,
    _host_port,
    _probe,
    cpus_per_training,
    worker_environment,
)
from devtools.server import free_port


def test_an_address_where_nothing_listens_is_one_sentence_at_once():
    address = f"127.0.0.1:{free_port()}"
    started = time.monotonic()
    with pytest.raises(TrainingFailed) as failure:
        _probe(address)
    assert time.monotonic() - started <= PROBE_TIMEOUT_S + 1
    text = str(failure.value)
    assert text.startswith(f"The Ray cluster at {address} (WORKSHOP_RAY_ADDRESS) cannot be")
    assert text.endswith("or unset WORKSHOP_RAY_ADDRESS to train on this server.")
    assert "\n" not in text


@pytest.mark.parametrize("address", ["nonsense", "host:port", "ray://", ":6379"])
def test_something_that_is_no_address_says_what_one_looks_like(address):
    with pytest.raises(TrainingFailed, match=r"is not a Ray address; use auto, host:port"):
        _host_port(address)


def test_addresses_are_read_as_ray_reads_them():
    assert _host_port("127.0.0.1:6379") == ("127.0.0.1", 6379)
    assert _host_port("ray://head:10001") == ("head", 10001)
    assert _host_port("[::1]:6379") == ("::1", 6379)


def test_cpus_per_training(monkeypatch):
    for value, expected in (("", 1.0), ("2", 2.0), ("0.5", 0.5), ("0", 1.0), ("x", 1.0)):
        monkeypatch.setenv("WORKSHOP_RAY_CPUS", value)
        assert cpus_per_training() == expected


def test_the_workers_get_mnist_and_the_workshop_settings_but_not_the_address(monkeypatch):
    monkeypatch.setenv("MNIST_DIR", "/data/mnist")
    monkeypatch.setenv("WORKSHOP_TF_NICE", "7")
    monkeypatch.setenv("WORKSHOP_RAY_ADDRESS", "127.0.0.1:6379")
    monkeypatch.setenv("HOME_OF_SOMETHING_ELSE", "x")
    sent = worker_environment()
    assert sent["MNIST_DIR"] == "/data/mnist" and sent["WORKSHOP_TF_NICE"] == "7"
    assert "WORKSHOP_RAY_ADDRESS" not in sent and "HOME_OF_SOMETHING_ELSE" not in sent
