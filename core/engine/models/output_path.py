"""Checking where the command line will save a model, before any training starts.

A training can take minutes; finding out afterwards that `--out` names a folder, lies
under a file or in /proc wastes them, and used to end in an errno text naming a temporary
file. `check_output_path` tries what the save will need, leaves nothing behind, and
explains any problem in one sentence that names the path as the user typed it.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from core.engine.models.checks import ModelFileError

SUFFIX = ".keras"
SYSTEM_FOLDERS = ("/proc", "/sys", "/dev")  # Linux: virtual files, never a place for a model.


def _fail(text: str) -> ModelFileError:
    return ModelFileError(text if text.endswith(".") else text + ".")


def _reason(error: OSError) -> str:
    return (error.strerror or type(error).__name__).lower()


def check_output_path(path: str | os.PathLike, option: str = "The output file") -> Path:
    """The path to save to, once it is sure a `.keras` file can be written there.

    Refuses, naming `path` (and `option`, how the user gave it): another suffix, an
    existing folder, a path under a file, a system folder, and a folder that cannot be
    created or written. Creates any missing folders and a probe file to be sure, then
    removes both again.
    """
    shown = os.fspath(path)
    target = Path(shown).expanduser()
    if target.suffix != SUFFIX or target.name == SUFFIX:
        raise _fail(f"{option} must end in {SUFFIX}, not {target.name or shown}")
    absolute = Path(os.path.abspath(target))
    if sys.platform.startswith("linux") and any(
        absolute == Path(folder) or Path(folder) in absolute.parents for folder in SYSTEM_FOLDERS
    ):
        raise _fail(f"Cannot save the model as {shown}: /{absolute.parts[1]} is a system folder")
    if target.is_dir():
        raise _fail(f"Cannot save the model as {shown}: it is a folder; name a file in it")
    if target.exists() and not target.is_file():
        raise _fail(f"Cannot save the model as {shown}: it is not a regular file")
    missing = []
    folder = absolute.parent
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    if not folder.is_dir():
        raise _fail(f"Cannot save the model as {shown}: {folder} is a file, not a folder")
    try:
        for created in reversed(missing):
            created.mkdir()
        with tempfile.NamedTemporaryFile(dir=absolute.parent, prefix=".probe-", suffix=SUFFIX):
            pass
    except OSError as error:
        raise _fail(f"Cannot save the model as {shown}: {_reason(error)}") from None
    finally:
        for created in missing:  # Deepest first; the save creates them again.
            with contextlib.suppress(OSError):
                created.rmdir()
    return target


def save_atomically(path: str | os.PathLike, write: Callable[[Path], object]) -> None:
    """`write(partial)` to '<name>.partial.keras' beside `path`, then move it into place: a
    crash mid-write never leaves a half-written model under `path`, nor a partial file.
    Errors name `path`, as the user typed it."""
    target = check_output_path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    partial = target.with_name(target.name + ".partial.keras")
    try:
        write(partial)
        os.replace(partial, target)
    except OSError as error:
        partial.unlink(missing_ok=True)
        raise _fail(f"Cannot save the model as {os.fspath(path)}: {_reason(error)}") from None
    except BaseException:
        partial.unlink(missing_ok=True)
        raise


def save_model_bytes(data: bytes, path: str | os.PathLike) -> None:
    """Save a `.keras` file's bytes (`save_atomically`). Needs no Keras, so a command line
    whose training ran elsewhere (Ray) saves what came back without it."""
    save_atomically(path, lambda partial: partial.write_bytes(data))
