"""A killed process or a damaged file never leaves the app stuck with corrupt state.

Models are saved atomically (a partial file, then os.replace), so a SIGKILL mid-save leaves
either no model or a whole one. MNIST files that are cut short or corrupt give a clear
MnistDataError naming the file, and a failed load is not cached. A half-written
tensorflow-datasets folder is not taken for a prepared dataset.
"""

from __future__ import annotations

import inspect
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.conftest import ROOT

SHARED_MNIST = Path(os.environ["MNIST_DIR"]).resolve()  # Links to it work from any folder.

# --- Atomic saving -----------------------------------------------------------------------------


def test_save_model_writes_a_partial_file_then_replaces() -> None:
    """Both saves (a model, a model's bytes) write '<name>.partial.keras' and move it into
    place with os.replace, in one function."""
    from core.engine.models import files as model_io
    from core.engine.models import output_path

    source = inspect.getsource(output_path.save_atomically)
    assert source.index("write(partial)") < source.index("os.replace(partial, target)")
    assert "save_atomically(path, model.save)" in inspect.getsource(model_io.save_model)
    assert "save_atomically(" in inspect.getsource(output_path.save_model_bytes)


class _Crash(Exception):
    pass


def test_a_crash_during_save_keeps_the_previous_model(tmp_path: Path, monkeypatch) -> None:
    """If writing fails halfway, the model already under the path is untouched and loads."""
    from core.engine.models.files import load_checked_model, save_model
    from core.iris.model import build_iris_model

    model = build_iris_model()
    target = tmp_path / "iris.keras"
    save_model(model, target)
    before = target.read_bytes()

    def broken_save(path, *args, **kwargs):
        Path(path).write_bytes(b"PK\x03\x04 half a zip")
        raise _Crash("killed")

    monkeypatch.setattr(model, "save", broken_save)
    with pytest.raises(_Crash):
        save_model(model, target)
    assert target.read_bytes() == before
    load_checked_model(target, (4,), 3)


SAVER = """
import sys
sys.path.insert(0, {root!r})
from core.iris.model import build_iris_model
from core.engine.models.files import save_model
model = build_iris_model()
print("ready", flush=True)
while True:
    save_model(model, {target!r})
"""


@pytest.mark.timeout(300)
def test_sigkill_at_random_moments_never_leaves_a_corrupt_model(tmp_path: Path) -> None:
    """A process saving a model over and over is SIGKILLed at random moments; the path then
    holds either nothing or a model that loads."""
    from core.engine.models.files import load_checked_model

    rng = random.Random(0)
    for attempt in range(2):
        target = tmp_path / f"attempt{attempt}" / "iris.keras"
        script = SAVER.format(root=str(ROOT), target=str(target))
        process = subprocess.Popen(
            [sys.executable, "-c", script],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            text=True,
            env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
        )
        try:
            assert process.stdout.readline().strip() == "ready"
            time.sleep(rng.uniform(0.0, 1.5))  # A random moment, mid-save or between saves.
        finally:
            process.send_signal(signal.SIGKILL)
            process.wait(timeout=30)
        assert process.returncode == -signal.SIGKILL
        if target.exists():
            model = load_checked_model(target, (4,), 3)
            assert tuple(model.outputs[0].shape[1:]) == (3,)


# --- MNIST files -------------------------------------------------------------------------------


def mnist_copy(folder: Path, damage: dict[str, bytes] | None = None) -> Path:
    """A folder with the four MNIST files (linked, not copied) and some replaced by `damage`."""
    folder.mkdir()
    for source in SHARED_MNIST.glob("*.gz"):
        if damage and source.name in damage:
            (folder / source.name).write_bytes(damage[source.name])
        else:
            (folder / source.name).symlink_to(source)
    return folder


def _truncated(name: str) -> bytes:
    data = (SHARED_MNIST / name).read_bytes()
    return data[: len(data) // 2]


def _corrupt(name: str) -> bytes:
    data = bytearray((SHARED_MNIST / name).read_bytes())
    middle = len(data) // 2
    data[middle : middle + 64] = bytes(64)  # Zeros in the deflate stream.
    return bytes(data)


DAMAGE = {
    "truncated-labels": ("t10k-labels-idx1-ubyte.gz", _truncated),
    "corrupt-labels": ("train-labels-idx1-ubyte.gz", _corrupt),
    "empty-images": ("t10k-images-idx3-ubyte.gz", lambda name: b""),
    "not-gzip": ("t10k-labels-idx1-ubyte.gz", lambda name: b"hello, not gzip"),
}


@pytest.fixture
def fresh_cache():
    """Forget folders loaded by this test afterwards, so the process keeps one MNIST copy."""
    from core.mnist import data as mnist_data

    before = set(mnist_data._cache)
    yield mnist_data._cache
    for folder in set(mnist_data._cache) - before:
        mnist_data._cache.pop(folder, None)


@pytest.mark.timeout(120)
@pytest.mark.parametrize("case", list(DAMAGE))
def test_damaged_mnist_file_is_named_and_not_cached(
    case: str, tmp_path: Path, monkeypatch, fresh_cache
) -> None:
    """A damaged MNIST file gives MnistDataError naming it; once repaired, the same folder
    loads in the same process (the failure was not cached)."""
    from core.mnist.data import MnistDataError, load_mnist

    name, make = DAMAGE[case]
    bad = mnist_copy(tmp_path / "bad", {name: make(name)})
    monkeypatch.setenv("MNIST_DIR", str(bad))
    with pytest.raises(MnistDataError) as caught:
        load_mnist()
    message = str(caught.value)
    assert name in message and "\n" not in message, message
    assert str(bad) not in fresh_cache

    good = mnist_copy(tmp_path / "good")
    monkeypatch.setenv("MNIST_DIR", str(good))
    assert load_mnist().x_test.shape == (10_000, 28, 28)

    (bad / name).unlink()
    (bad / name).symlink_to(SHARED_MNIST / name)  # Repaired: the same folder now loads.
    monkeypatch.setenv("MNIST_DIR", str(bad))
    data = load_mnist()
    assert data.x_train.shape == (60_000, 28, 28) and data.y_test.shape == (10_000,)


# --- tensorflow-datasets' own cache ------------------------------------------------------------

TFDS_PROBE = """
import sys
sys.path.insert(0, {root!r})
from core.mnist.data import MnistDataError, load_from_tfds
try:
    load_from_tfds()
except MnistDataError as error:
    print("MnistDataError:", error)
else:
    print("loaded")
"""


def _no_network_prefix() -> list[str]:
    try:
        ok = subprocess.run(["unshare", "--net", "true"], capture_output=True, timeout=10)
    except (OSError, subprocess.TimeoutExpired):
        return []
    return ["unshare", "--net"] if ok.returncode == 0 else []


def test_load_from_tfds_requires_dataset_info_json() -> None:
    """load_from_tfds counts the data as prepared only if dataset_info.json exists."""
    from core.mnist import data as mnist_data

    source = inspect.getsource(mnist_data.load_from_tfds)
    assert 'Path(builder.data_dir, "dataset_info.json").is_file()' in source


@pytest.mark.timeout(180)
def test_half_written_tfds_folder_is_not_taken_as_prepared(tmp_path: Path) -> None:
    """A tfds data dir with partial MNIST files but no dataset_info.json, and no network:
    the loader fails fast with the MNIST_DIR message instead of reading or retrying."""
    version = tmp_path / "tfds" / "mnist" / "3.0.1"
    version.mkdir(parents=True)
    (version / "mnist-train.tfrecord-00000-of-00001").write_bytes(b"\0" * 1000)
    (version / "features.json").write_text('{"half": ')
    (tmp_path / "tfds" / "downloads").mkdir()
    (tmp_path / "tfds" / "downloads" / "mnist.tmp").write_bytes(b"partial download")
    env = {k: v for k, v in os.environ.items() if k != "MNIST_DIR"}
    env.update(TFDS_DATA_DIR=str(tmp_path / "tfds"), TF_CPP_MIN_LOG_LEVEL="3")
    result = subprocess.run(
        [*_no_network_prefix(), sys.executable, "-c", TFDS_PROBE.format(root=str(ROOT))],
        capture_output=True,
        text=True,
        env=env,
        timeout=170,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.startswith("MnistDataError:"), result.stdout + result.stderr[-2000:]
    assert "MNIST_DIR" in result.stdout
    assert "no network" in result.stdout  # Not "prepared": the partial files were not read.
