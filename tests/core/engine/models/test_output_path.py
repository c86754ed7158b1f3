"""`--out` is checked before any work, and a failed save leaves nothing behind.

Once, `--out` under /proc, under a file or naming a folder failed only after the whole
training, with errno text naming a temporary `.partial.keras` file, which stayed behind.
"""

from __future__ import annotations

import errno
import subprocess
from pathlib import Path

import pytest

from core.cli import main
from core.engine.models.checks import ModelFileError
from core.engine.models.output_path import check_output_path


def _bad_outs(tmp_path: Path) -> dict[str, Path]:
    (tmp_path / "folder.keras").mkdir()
    (tmp_path / "notes.txt").write_text("a file, not a folder")
    return {
        "a folder": tmp_path / "folder.keras",
        "under a file": tmp_path / "notes.txt" / "model.keras",
        "deep under a file": tmp_path / "notes.txt" / "more" / "model.keras",
        "in /proc": Path("/proc/self/model.keras"),
        "in /proc, new folder": Path("/proc/workshop/model.keras"),
        "another suffix": tmp_path / "model.h5",
    }


@pytest.mark.parametrize(
    "case",
    [
        "a folder",
        "under a file",
        "deep under a file",
        "in /proc",
        "in /proc, new folder",
        "another suffix",
    ],
)
def test_bad_output_paths_are_refused_in_one_sentence(tmp_path: Path, case: str) -> None:
    path = _bad_outs(tmp_path)[case]
    before = sorted(p.name for p in tmp_path.rglob("*"))
    with pytest.raises(ModelFileError) as caught:
        check_output_path(str(path))
    message = str(caught.value)
    assert "\n" not in message and message.endswith(".") and ". " not in message, message
    assert str(path) in message or path.name in message, message
    assert "partial" not in message and "Errno" not in message
    assert sorted(p.name for p in tmp_path.rglob("*")) == before  # Nothing left behind.


def test_a_good_path_in_new_folders_is_accepted_and_nothing_is_left(tmp_path: Path) -> None:
    target = tmp_path / "a" / "b" / "model.keras"
    assert check_output_path(target) == target
    assert list(tmp_path.iterdir()) == []  # The folders and the probe file were removed.
    (tmp_path / "old.keras").write_bytes(b"an older model")
    assert check_output_path(tmp_path / "old.keras") == tmp_path / "old.keras"  # Overwritten.


@pytest.mark.parametrize("workshop", ["iris", "mnist"])
@pytest.mark.parametrize("case", ["a folder", "under a file", "in /proc"])
def test_train_refuses_a_bad_out_before_any_work(capsys, monkeypatch, tmp_path, workshop, case):
    """No data is loaded and nothing is trained: the command fails at once, in one line."""

    def no_work(*args, **kwargs):
        raise AssertionError("training work started before --out was checked")

    monkeypatch.setattr("core.iris.model.train_iris", no_work)
    monkeypatch.setattr("core.mnist.data.load_mnist", no_work)
    path = _bad_outs(tmp_path)[case]
    before = sorted(p.name for p in tmp_path.rglob("*"))
    code = main(["train", workshop, "--out", str(path)])
    out, err = capsys.readouterr()
    assert code == 2 and out == ""
    assert err.startswith("error: ") and len(err.strip().splitlines()) == 1, err
    assert str(path) in err and "partial" not in err
    assert sorted(p.name for p in tmp_path.rglob("*")) == before


def test_a_failed_save_leaves_no_partial_file_and_names_the_path(tmp_path, monkeypatch) -> None:
    from core.engine.models.files import save_model
    from core.iris.model import build_iris_model

    model = build_iris_model()
    target = tmp_path / "iris.keras"

    def disk_full(path, *args, **kwargs):
        Path(path).write_bytes(b"PK\x03\x04 half a zip")
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    monkeypatch.setattr(model, "save", disk_full)
    with pytest.raises(ModelFileError) as caught:
        save_model(model, target)
    assert str(caught.value) == f"Cannot save the model as {target}: no space left on device."
    assert list(tmp_path.iterdir()) == []


def test_a_real_process_refuses_proc_within_seconds(tmp_path) -> None:
    """The real command: the check runs before TensorFlow is even imported."""
    import sys

    from tests.conftest import ROOT

    done = subprocess.run(
        [
            sys.executable,
            "-X",
            "importtime",
            "-m",
            "core",
            "train",
            "iris",
            "--out",
            "/proc/x.keras",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 2
    lines = [line for line in done.stderr.splitlines() if not line.startswith("import time:")]
    assert lines == ["error: Cannot save the model as /proc/x.keras: /proc is a system folder."]
    assert "tensorflow" not in done.stderr  # -X importtime lists every module imported.
