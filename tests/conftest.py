"""Shared test setup: the repository on sys.path and the offline MNIST folder."""

from __future__ import annotations

import os
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

# Tests read MNIST from the shared offline copy beside the checkout unless told otherwise.
os.environ.setdefault("MNIST_DIR", str((ROOT / ".." / "shared" / "mnist").resolve()))
