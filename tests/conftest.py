"""Shared test setup: the repository on sys.path and the offline MNIST folder."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Tests read MNIST from the shared offline copy beside the checkout unless told otherwise.
os.environ.setdefault("MNIST_DIR", str((ROOT / ".." / "shared" / "mnist").resolve()))
# Students' work goes to a store of this test run's own (each pytest process one), never
# into the checkout's .workshop-data; the servers the browser tests start inherit it.
os.environ.setdefault("WORKSHOP_DATA_DIR", tempfile.mkdtemp(prefix="workshop-store-"))


# --- Trained MNIST models, shared by the Draw page's tests --------------------------------------
# Each is trained at most once per pytest session, and only when a test asks for it: the full
# 60,000 training digits, one epoch, seed 0 (the workshop's settings), minutes each on a
# shared two-core machine (docs/testing.md, "How long it takes"). The browser tests run in the
# same process and reuse them.
# Every test that asks for one is marked `slow` (see pytest_collection_modifyitems below), so
# `-m "not slow"` never trains them.

import dataclasses  # noqa: E402
from typing import Any  # noqa: E402

import pytest  # noqa: E402


@dataclasses.dataclass(frozen=True)
class TrainedMnist:
    """A trained MNIST network and the `.keras` file it was saved to."""

    path: Path
    model: Any  # keras.Model; Any keeps TensorFlow's import out of collection time.
    run: Any  # core.mnist.training.MnistRun


def _train_and_save(invert: bool, folder: Path) -> TrainedMnist:
    from core.engine.models.files import save_model
    from core.mnist.config import MnistConfig
    from core.mnist.training import train_mnist

    run = train_mnist(MnistConfig(epochs=1, invert=invert, seed=0), evaluate=False)
    path = folder / ("mnist_invert.keras" if invert else "mnist_plain.keras")
    save_model(run.network.keras_model, path)
    return TrainedMnist(path=path, model=run.network.keras_model, run=run)


@pytest.fixture(scope="session")
def mnist_model_plain(tmp_path_factory: pytest.TempPathFactory) -> TrainedMnist:
    """The workshop's CNN trained on white-on-black digits only (invert off)."""
    return _train_and_save(False, tmp_path_factory.mktemp("mnist_plain"))


@pytest.fixture(scope="session")
def mnist_model_invert(tmp_path_factory: pytest.TempPathFactory) -> TrainedMnist:
    """The same CNN trained on the digits and their inverted copies (invert on)."""
    return _train_and_save(True, tmp_path_factory.mktemp("mnist_invert"))


FULL_MODEL_FIXTURES = frozenset({"mnist_model_plain", "mnist_model_invert"})


# --- A local Ray cluster, for the tests of the Ray training backend ----------------------------
# One head per pytest session, started when a test first asks for it (`ray start --head` on
# 127.0.0.1 with two CPUs, its own port and temp folder) and stopped at the end. Every test
# that uses it is marked `ray`. On these machines Ray needs a network namespace with only
# loopback (.ci/run runs pytest in one; see devtools/ray_head.py).

RAY_FIXTURES = frozenset({"ray_head", "ray_address"})
# The test head's memory holds this many tasks' workers; its two CPUs would take 4 small jobs.
SMALL_JOBS_AT_ONCE = 3


@pytest.fixture(scope="session")
def ray_head():
    """The head starts without MNIST_DIR, so every MNIST training on it shows that the
    variable reached the workers the way a web server sends it (its job's environment)."""
    from core.engine.jobs.ray_cluster import TASK_MEMORY
    from devtools.ray_head import RayHead

    mnist_dir = os.environ.pop("MNIST_DIR", None)
    try:  # Memory for a few tasks at once: tests/core/engine/jobs/test_ray_backend.py.
        head = RayHead(cpus=2, memory_bytes=SMALL_JOBS_AT_ONCE * TASK_MEMORY).start()
    finally:
        if mnist_dir is not None:
            os.environ["MNIST_DIR"] = mnist_dir
    yield head
    import ray

    ray.shutdown()
    # SIGTERM, then a kill after 5 s: a graceful drain was far longer, at the end of every run
    # (docs/testing.md, "How long it takes"), and no test looks at it
    # (tests/devtools/test_ray_head.py tests stopping).
    head.stop(timeout=5)


@pytest.fixture
def ray_address(ray_head, monkeypatch: pytest.MonkeyPatch) -> str:
    """WORKSHOP_RAY_ADDRESS names the test head for this test: `default_backend()` is Ray."""
    monkeypatch.setenv("WORKSHOP_RAY_ADDRESS", ray_head.address)
    return ray_head.address


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """A test that needs a fully trained MNIST model is slow; one that needs Ray is `ray`, and
    slow too: it starts a Ray head and trains in its workers, which import TensorFlow. Slow
    and browser tests share one xdist worker (below)."""
    for item in items:
        names = set(getattr(item, "fixturenames", ()))
        if FULL_MODEL_FIXTURES & names:
            item.add_marker(pytest.mark.slow)
        if RAY_FIXTURES & names:
            item.add_marker(pytest.mark.ray)
        if item.get_closest_marker("ray") is not None:
            item.add_marker(pytest.mark.slow)
        if item.get_closest_marker("slow") or item.get_closest_marker("browser"):
            # With arguments, `.ci/run` runs two pytest-xdist workers with `--dist loadgroup`:
            # one of them runs all of these, in order, so the trained models, the browser
            # tests' server and the Ray head are made once (without arguments it runs these
            # in one process after the quick tests).
            item.add_marker(pytest.mark.xdist_group("heavy"))
