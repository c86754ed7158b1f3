"""MNIST, loaded once per process and shared read-only as uint8.

Sources, in order: a folder of the four standard IDX `.gz` files named by the environment
variable `MNIST_DIR`; otherwise tensorflow-datasets' `mnist`, as the workshop does, which
downloads once and caches on disk. Without a network and without `MNIST_DIR` this fails
within seconds with a message that says what to do, instead of tfds' minutes of retries.
"""

from __future__ import annotations

import gzip
import os
import socket
import struct
import threading
import zlib
from dataclasses import dataclass
from pathlib import Path

import numpy as np

FILES = {
    "x_train": "train-images-idx3-ubyte.gz",
    "y_train": "train-labels-idx1-ubyte.gz",
    "x_test": "t10k-images-idx3-ubyte.gz",
    "y_test": "t10k-labels-idx1-ubyte.gz",
}
IMAGE_MAGIC, LABEL_MAGIC = 2051, 2049
DOWNLOAD_HOST = ("storage.googleapis.com", 443)  # Where tensorflow-datasets fetches MNIST.
NETWORK_TIMEOUT_S = 5.0


class MnistDataError(RuntimeError):
    """MNIST could not be loaded; the message names the file or says what to do."""


@dataclass(frozen=True)
class MnistData:
    """Images (N, 28, 28) uint8, white digits on black, and labels (N,) uint8. Read-only."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray
    source: str


def read_idx(path: Path, magic: int) -> np.ndarray:
    """Parse one gzip-compressed IDX file; any damage is reported with the file's name."""
    try:
        with gzip.open(path, "rb") as handle:
            raw = handle.read()
    except FileNotFoundError:
        raise MnistDataError(f"{path} is missing") from None
    except (OSError, EOFError, zlib.error) as error:
        raise MnistDataError(f"{path.name} is corrupt or truncated ({error})") from None
    dims = magic & 0xFF
    header = 4 + 4 * dims
    if len(raw) < header or struct.unpack(">I", raw[:4])[0] != magic:
        raise MnistDataError(f"{path.name} is not an MNIST IDX file (wrong header)")
    shape = struct.unpack(f">{dims}I", raw[4:header])
    expected = int(np.prod(shape))
    if len(raw) - header != expected:
        raise MnistDataError(
            f"{path.name} is truncated: {len(raw) - header} bytes of data, {expected} expected"
        )
    return np.frombuffer(raw, dtype=np.uint8, offset=header).reshape(shape)


def load_from_folder(folder: str | os.PathLike) -> MnistData:
    """Read the four IDX files from a folder such as `../shared/mnist`."""
    root = Path(folder)
    if not root.is_dir():
        raise MnistDataError(f"MNIST_DIR={folder} is not a folder")
    arrays = {}
    for name, file_name in FILES.items():
        magic = IMAGE_MAGIC if name.startswith("x") else LABEL_MAGIC
        arrays[name] = read_idx(root / file_name, magic)
    for split in ("train", "test"):
        x, y = arrays[f"x_{split}"], arrays[f"y_{split}"]
        if x.shape[1:] != (28, 28) or len(x) != len(y):
            raise MnistDataError(f"the {split} images and labels in {root} do not match")
        if y.max(initial=0) > 9:
            raise MnistDataError(f"{FILES[f'y_{split}']} holds labels above 9")
    return MnistData(**arrays, source=f"MNIST_DIR={root}")


def _network_reachable(address: tuple[str, int] = DOWNLOAD_HOST) -> bool:
    try:
        with socket.create_connection(address, timeout=NETWORK_TIMEOUT_S):
            return True
    except OSError:
        return False


def load_from_tfds() -> MnistData:
    """The workshop's way: tensorflow-datasets, from its disk cache or downloaded once."""
    import tensorflow_datasets as tfds

    import core.engine.runtime.tf_threads  # noqa: F401  (before any TensorFlow operation)

    builder = tfds.builder("mnist")
    prepared = Path(builder.data_dir, "dataset_info.json").is_file()
    if not prepared and not _network_reachable():
        raise MnistDataError(
            "MNIST is not on this machine and cannot be downloaded (no network). "
            "Set the environment variable MNIST_DIR to a folder holding the four MNIST "
            ".gz files, e.g. MNIST_DIR=../shared/mnist"
        )
    try:
        if not prepared:
            builder.download_and_prepare()
        train, test = tfds.as_numpy(
            builder.as_dataset(split=["train", "test"], batch_size=-1, as_supervised=True)
        )
    except Exception as error:  # tfds raises many kinds for network and disk trouble.
        raise MnistDataError(f"tensorflow-datasets could not load MNIST: {error}") from None
    x_train, y_train = train
    x_test, y_test = test
    return MnistData(
        x_train=x_train[..., 0].astype(np.uint8),
        y_train=y_train.astype(np.uint8),
        x_test=x_test[..., 0].astype(np.uint8),
        y_test=y_test.astype(np.uint8),
        source=f"tensorflow-datasets ({builder.data_dir})",
    )


_lock = threading.Lock()
_cache: dict[str, MnistData] = {}


def load_mnist() -> MnistData:
    """MNIST for this process: loaded on first use, then shared read-only by every session.

    The lock makes thirty students who open the page at once cause one load, not thirty.
    """
    folder = os.environ.get("MNIST_DIR", "")
    with _lock:
        if folder not in _cache:
            data = load_from_folder(folder) if folder else load_from_tfds()
            for array in (data.x_train, data.y_train, data.x_test, data.y_test):
                array.setflags(write=False)
            _cache[folder] = data
        return _cache[folder]


def mnist_offered() -> bool:
    """Whether a page may offer MNIST's digits without a download, before loading anything:
    loaded already, or a local MNIST_DIR. A page offers the choice and loads on the pick, so
    a web server that trains elsewhere (Ray) holds no MNIST until a student asks for it."""
    folder = os.environ.get("MNIST_DIR", "")
    with _lock:
        if _cache.get(folder) is not None:
            return True
    return bool(folder) and Path(folder).is_dir()


def mnist_if_at_hand() -> MnistData | None:
    """MNIST when it costs no download: already loaded, or in the MNIST_DIR folder.

    Pages that only want a sample digit use this, so they never wait on the network.
    """
    folder = os.environ.get("MNIST_DIR", "")
    with _lock:
        cached = _cache.get(folder)
    if cached is not None or not folder:
        return cached
    try:
        return load_mnist()
    except MnistDataError:
        return None
