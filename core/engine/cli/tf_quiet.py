"""Keep TensorFlow's own start-up lines out of the command line's output.

The command line promises one line per error; TensorFlow's C++ start-up lines ignore its log
level. How they are hidden and replayed: docs/architecture.md, "TensorFlow's start-up lines".
"""

from __future__ import annotations

import contextlib
import importlib.abc
import importlib.util
import io
import os
import sys
import tempfile
from collections.abc import Iterator

LOG_LEVEL_VARIABLE = "TF_CPP_MIN_LOG_LEVEL"
QUIET_LOG_LEVEL = "2"  # C++ INFO and WARNING lines hidden; errors still shown.


@contextlib.contextmanager
def c_stderr_hidden() -> Iterator[None]:
    """File descriptor 2 to a temporary file; `sys.stderr`, if it writes to fd 2, to the real
    stderr. What C/C++ code wrote is replayed only if the block raises."""
    uses_fd_2 = _writes_to_fd_2(sys.stderr)
    with contextlib.suppress(Exception):
        sys.stderr.flush()
    saved = os.dup(2)
    python_stderr = sys.stderr
    real = open(saved, "w", closefd=False, encoding="utf-8", errors="backslashreplace")  # noqa: SIM115
    with tempfile.TemporaryFile() as captured:
        os.dup2(captured.fileno(), 2)
        if uses_fd_2:
            sys.stderr = real
        try:
            yield
        except BaseException:
            _restore(saved, python_stderr, real)
            captured.seek(0)
            python_stderr.write(captured.read().decode("utf-8", "backslashreplace"))
            raise
        else:
            _restore(saved, python_stderr, real)
        finally:
            os.close(saved)


def _restore(saved: int, python_stderr, real) -> None:
    real.close()  # Flushes; the descriptor `saved` stays open (closefd=False).
    sys.stderr = python_stderr
    os.dup2(saved, 2)


def _writes_to_fd_2(stream) -> bool:
    try:
        return stream.fileno() == 2
    except (AttributeError, OSError, ValueError, io.UnsupportedOperation):
        return False


class _QuietLoader(importlib.abc.Loader):
    """TensorFlow's own loader, run with fd 2 hidden; put back on the module afterwards."""

    def __init__(self, loader: importlib.abc.Loader) -> None:
        self._loader = loader

    def create_module(self, spec):
        return self._loader.create_module(spec)

    def exec_module(self, module) -> None:
        try:
            with c_stderr_hidden():
                self._loader.exec_module(module)
        finally:
            module.__loader__ = self._loader
            if module.__spec__ is not None:
                module.__spec__.loader = self._loader


class _QuietTensorFlowFinder(importlib.abc.MetaPathFinder):
    """Finds `tensorflow` as usual, once, and hands it a loader that hides fd 2."""

    def find_spec(self, fullname, path, target=None):
        if fullname != "tensorflow":
            return None
        with contextlib.suppress(ValueError):
            sys.meta_path.remove(self)  # Once; and no recursion through find_spec below.
        spec = importlib.util.find_spec(fullname)
        if spec is not None and spec.loader is not None:
            spec.loader = _QuietLoader(spec.loader)
        return spec


def hide_tensorflow_banner() -> None:
    """Hide the C++ lines TensorFlow writes while it is imported (see the module docstring).

    Call it before anything imports TensorFlow; once it is imported this changes nothing.
    """
    if "tensorflow" in sys.modules:
        return
    os.environ.setdefault(LOG_LEVEL_VARIABLE, QUIET_LOG_LEVEL)
    if not any(isinstance(finder, _QuietTensorFlowFinder) for finder in sys.meta_path):
        sys.meta_path.insert(0, _QuietTensorFlowFinder())
