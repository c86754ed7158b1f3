"""The MNIST loader: IDX parsing, errors that name the file, the cache.

The fast failure without data and without a network: test_data_offline.py.
"""

from __future__ import annotations

import gzip
import os
import struct
from pathlib import Path

import numpy as np
import pytest

from core.mnist import data as mnist_data
from core.mnist.data import (
    FILES,
    IMAGE_MAGIC,
    LABEL_MAGIC,
    MnistDataError,
    load_from_folder,
    load_mnist,
    read_idx,
)


def idx_images(images: np.ndarray, magic: int = IMAGE_MAGIC) -> bytes:
    """The raw (uncompressed) bytes of an IDX image file: big-endian header, then pixels."""
    count, rows, cols = images.shape
    return struct.pack(">IIII", magic, count, rows, cols) + images.astype(np.uint8).tobytes()


def idx_labels(labels: np.ndarray, magic: int = LABEL_MAGIC) -> bytes:
    return struct.pack(">II", magic, len(labels)) + labels.astype(np.uint8).tobytes()


def write_gz(path: Path, raw: bytes) -> Path:
    path.write_bytes(gzip.compress(raw))
    return path


def small_set(rng: np.random.Generator, n_train: int = 6, n_test: int = 4) -> dict:
    return {
        "x_train": rng.integers(0, 256, (n_train, 28, 28), dtype=np.uint8),
        "y_train": rng.integers(0, 10, n_train, dtype=np.uint8),
        "x_test": rng.integers(0, 256, (n_test, 28, 28), dtype=np.uint8),
        "y_test": rng.integers(0, 10, n_test, dtype=np.uint8),
    }


def write_folder(folder: Path, arrays: dict) -> Path:
    """The four standard IDX .gz files of `arrays` in `folder`."""
    folder.mkdir(parents=True, exist_ok=True)
    for name, array in arrays.items():
        raw = idx_images(array) if name.startswith("x") else idx_labels(array)
        write_gz(folder / FILES[name], raw)
    return folder


# --- IDX parsing ---------------------------------------------------------------------------------


def test_idx_images_round_trip(tmp_path):
    """Pixels written with a big-endian 2051 header come back identical, shape (N, 28, 28)."""
    images = np.random.default_rng(1).integers(0, 256, (5, 28, 28), dtype=np.uint8)
    images[0, 0, 0], images[-1, -1, -1] = 0, 255
    path = write_gz(tmp_path / "images.gz", idx_images(images))
    back = read_idx(path, IMAGE_MAGIC)
    assert back.dtype == np.uint8
    assert back.shape == (5, 28, 28)
    np.testing.assert_array_equal(back, images)


def test_idx_labels_round_trip(tmp_path):
    """Labels written with a big-endian 2049 header come back identical, shape (N,)."""
    labels = np.array([0, 9, 3, 3, 7, 1, 2], dtype=np.uint8)
    path = write_gz(tmp_path / "labels.gz", idx_labels(labels))
    back = read_idx(path, LABEL_MAGIC)
    assert back.shape == (7,)
    np.testing.assert_array_equal(back, labels)


def test_header_is_big_endian(tmp_path):
    """A little-endian header (the usual mistake) is rejected as a wrong header."""
    labels = np.arange(3, dtype=np.uint8)
    raw = struct.pack("<II", LABEL_MAGIC, 3) + labels.tobytes()
    path = write_gz(tmp_path / "little.gz", raw)
    with pytest.raises(MnistDataError, match=r"little\.gz.*wrong header"):
        read_idx(path, LABEL_MAGIC)


def test_truncated_gzip_names_the_file(tmp_path):
    """A gzip stream cut in half is reported as corrupt or truncated, with the file's name."""
    images = np.random.default_rng(2).integers(0, 256, (20, 28, 28), dtype=np.uint8)
    whole = gzip.compress(idx_images(images))
    path = tmp_path / "cut-images.gz"
    path.write_bytes(whole[: len(whole) // 2])
    with pytest.raises(MnistDataError, match=r"cut-images\.gz is corrupt or truncated"):
        read_idx(path, IMAGE_MAGIC)


def test_not_gzip_names_the_file(tmp_path):
    """Plain bytes where a gzip file belongs are reported with the file's name."""
    path = tmp_path / "plain.gz"
    path.write_bytes(idx_labels(np.arange(5)))
    with pytest.raises(MnistDataError, match=r"plain\.gz is corrupt or truncated"):
        read_idx(path, LABEL_MAGIC)


def test_wrong_magic_names_the_file(tmp_path):
    """A labels file where images are expected (2049, not 2051) has the wrong header."""
    path = write_gz(tmp_path / "swapped.gz", idx_labels(np.arange(5)))
    with pytest.raises(MnistDataError, match=r"swapped\.gz is not an MNIST IDX file"):
        read_idx(path, IMAGE_MAGIC)


def test_header_cut_short_names_the_file(tmp_path):
    """A file shorter than its own header is a wrong header, not an exception from struct."""
    path = write_gz(tmp_path / "stub.gz", struct.pack(">II", IMAGE_MAGIC, 5))
    with pytest.raises(MnistDataError, match=r"stub\.gz is not an MNIST IDX file"):
        read_idx(path, IMAGE_MAGIC)


def test_data_shorter_than_header_says(tmp_path):
    """A header promising 5 images followed by 4 is reported with both byte counts."""
    images = np.zeros((4, 28, 28), dtype=np.uint8)
    raw = struct.pack(">IIII", IMAGE_MAGIC, 5, 28, 28) + images.tobytes()
    path = write_gz(tmp_path / "short-images.gz", raw)
    with pytest.raises(MnistDataError, match=r"short-images\.gz is truncated: 3136 bytes.*3920"):
        read_idx(path, IMAGE_MAGIC)


def test_data_longer_than_header_says(tmp_path):
    """Extra bytes after the promised data are not silently ignored either."""
    raw = idx_labels(np.arange(4)) + b"\x01"
    path = write_gz(tmp_path / "long-labels.gz", raw)
    with pytest.raises(MnistDataError, match=r"long-labels\.gz"):
        read_idx(path, LABEL_MAGIC)


def test_missing_file_names_the_path(tmp_path):
    """A missing file is reported by its full path, so the user can see where it was looked for."""
    path = tmp_path / "nowhere" / "train-images-idx3-ubyte.gz"
    with pytest.raises(MnistDataError, match="is missing") as caught:
        read_idx(path, IMAGE_MAGIC)
    assert str(path) in str(caught.value)


# --- Folders -------------------------------------------------------------------------------------


def test_folder_of_four_files_loads(tmp_path):
    """A folder of four small IDX files loads with every value intact and names its source."""
    arrays = small_set(np.random.default_rng(3))
    folder = write_folder(tmp_path / "mnist", arrays)
    data = load_from_folder(folder)
    for name, array in arrays.items():
        np.testing.assert_array_equal(getattr(data, name), array)
    assert str(folder) in data.source and "MNIST_DIR" in data.source


def test_folder_missing_one_file_names_it(tmp_path):
    """A folder without its test labels says which file is missing."""
    folder = write_folder(tmp_path / "mnist", small_set(np.random.default_rng(4)))
    (folder / FILES["y_test"]).unlink()
    with pytest.raises(MnistDataError, match=r"t10k-labels-idx1-ubyte\.gz is missing"):
        load_from_folder(folder)


def test_mnist_dir_that_is_not_a_folder(tmp_path):
    """MNIST_DIR pointing at a file (or nothing) says so, naming the setting."""
    a_file = tmp_path / "mnist.gz"
    a_file.write_bytes(b"")
    for target in (a_file, tmp_path / "absent"):
        with pytest.raises(MnistDataError, match=r"MNIST_DIR=.* is not a folder"):
            load_from_folder(target)


def test_count_mismatch_between_images_and_labels(tmp_path):
    """Six training images with five labels is an error naming the split."""
    arrays = small_set(np.random.default_rng(5))
    arrays["y_train"] = arrays["y_train"][:5]
    folder = write_folder(tmp_path / "mnist", arrays)
    with pytest.raises(MnistDataError, match=r"train images and labels .* do not match"):
        load_from_folder(folder)


def test_images_of_the_wrong_size(tmp_path):
    """20x20 images with a consistent header are still not MNIST."""
    arrays = small_set(np.random.default_rng(6))
    folder = write_folder(tmp_path / "mnist", arrays)
    small = np.zeros((4, 20, 20), dtype=np.uint8)
    write_gz(folder / FILES["x_test"], idx_images(small))
    with pytest.raises(MnistDataError, match="test images and labels"):
        load_from_folder(folder)


def test_labels_above_nine_are_rejected(tmp_path):
    """A label of 10 names the labels file."""
    arrays = small_set(np.random.default_rng(7))
    arrays["y_test"][2] = 10
    folder = write_folder(tmp_path / "mnist", arrays)
    with pytest.raises(MnistDataError, match=r"t10k-labels-idx1-ubyte\.gz holds labels above 9"):
        load_from_folder(folder)


def test_load_mnist_reads_a_small_folder_and_caches_per_folder(tmp_path, monkeypatch):
    """load_mnist() follows MNIST_DIR, returns one shared object per folder, made read-only."""
    monkeypatch.setattr(mnist_data, "_cache", {})
    arrays = small_set(np.random.default_rng(8))
    monkeypatch.setenv("MNIST_DIR", str(write_folder(tmp_path / "mnist", arrays)))
    first = load_mnist()
    assert load_mnist() is first
    np.testing.assert_array_equal(first.x_train, arrays["x_train"])
    for array in (first.x_train, first.y_train, first.x_test, first.y_test):
        assert not array.flags.writeable


def test_load_mnist_reports_a_bad_mnist_dir(tmp_path, monkeypatch):
    """A bad MNIST_DIR is an MnistDataError, not a fallback to the network."""
    monkeypatch.setattr(mnist_data, "_cache", {})
    monkeypatch.setenv("MNIST_DIR", str(tmp_path / "absent"))
    with pytest.raises(MnistDataError, match="MNIST_DIR"):
        load_mnist()


# --- The real data -------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def real():
    assert Path(os.environ["MNIST_DIR"]).is_dir(), "tests/conftest.py sets MNIST_DIR"
    return load_mnist()


def test_real_mnist_has_the_standard_sizes(real):
    """60,000 training and 10,000 test digits, 28x28 uint8, labels 0-9 all present."""
    assert real.x_train.shape == (60_000, 28, 28) and real.x_train.dtype == np.uint8
    assert real.y_train.shape == (60_000,) and real.y_train.dtype == np.uint8
    assert real.x_test.shape == (10_000, 28, 28) and real.x_test.dtype == np.uint8
    assert real.y_test.shape == (10_000,) and real.y_test.dtype == np.uint8
    assert set(np.unique(real.y_train)) == set(range(10))
    assert np.bincount(real.y_test).tolist()[:2] == [980, 1135]  # The well-known class counts.
    # White digits on black paper: the corners are paper.
    assert real.x_train[:, 0, 0].max() == 0 and real.x_train.max() == 255


def test_real_mnist_is_read_only(real):
    """No session can change the shared images or labels."""
    for array in (real.x_train, real.y_train, real.x_test, real.y_test):
        with pytest.raises(ValueError, match="read-only"):
            array[0] = 1


def test_load_mnist_is_cached(real):
    """The second call returns the very same object: one load per process."""
    assert load_mnist() is real
    assert load_mnist().x_train is real.x_train
