"""`auto`'s timed decisions, remembered on disk per CPU and kind of network.

A trial would cost a student about a second of their first training in every new process:
after a server's restart, and in every training worker (which a server replaces after a day of
trainings, and Ray starts per node). The winner depends on the CPU, the libraries and the
network, not on the moment, so it is kept in the app's data folder (WORKSHOP_DATA_DIR, as the
store) and read back by later processes on the same kind of CPU; a server's first training
worker times the page's network while it warms up (core/mnist/training.py), before any
click. A folder that cannot be written only means the next process times again.
"""

from __future__ import annotations

import contextlib
import datetime
import hashlib
import json
import os
import tempfile
from pathlib import Path

from core.engine.training.cpu_features import CpuFeatures
from core.engine.training.variant_decisions import LOG, VariantDecision

FILE_NAME = "training-variants.json"
# The store's folder (core.engine.store.config, which this part of the engine does not import:
# the store imports the jobs, and the jobs import training). tests/core/engine/training/
# test_variant_memory.py checks that both name the same folder.
DATA_DIR = "WORKSHOP_DATA_DIR"
DEFAULT_DATA_DIR = Path(__file__).resolve().parents[3] / ".workshop-data"
KEPT = 50  # Decisions in the file: CPUs and networks a server meets, with room to spare.
REMEMBERED = "remembered"


def memory_file() -> Path:
    """Where the decisions are kept: beside the store's own files."""
    value = os.environ.get(DATA_DIR, "").strip()
    usable = value and not Path(value).is_file()  # A file is the one value the store refuses.
    return (Path(value) if usable else DEFAULT_DATA_DIR) / FILE_NAME


def _fingerprint(key: tuple) -> str:
    """The decision's key (CPU, layers) with the libraries that compute it, as one digest that
    is the same in every process (a set's order is not)."""
    import keras
    import tensorflow as tf

    cpu, layers = key
    machine = (cpu.model, sorted(cpu.flags), cpu.onednn)
    text = repr((machine, layers, tf.__version__, keras.__version__))
    return hashlib.sha256(text.encode()).hexdigest()[:32]


def _read(path: Path) -> dict:
    try:
        entries = json.loads(path.read_text())
    except (OSError, ValueError):  # None yet, or unreadable: time again.
        return {}
    return entries if isinstance(entries, dict) else {}


def recall(key: tuple, candidates: tuple[str, ...], cpu: CpuFeatures) -> VariantDecision | None:
    """The decision remembered for this key, if its variant is still among the candidates."""
    entry = _read(memory_file()).get(_fingerprint(key))
    if not isinstance(entry, dict) or entry.get("variant") not in candidates:
        return None
    try:
        ms = {str(name): float(value) for name, value in entry.get("ms_per_batch", {}).items()}
        batch_size = int(entry.get("batch_size", 0))
    except (TypeError, ValueError, AttributeError):
        return None
    return VariantDecision(entry["variant"], REMEMBERED, candidates, cpu, ms, batch_size)


def remember(key: tuple, decision: VariantDecision) -> None:
    """Keep a timed decision for later processes; never fails a training."""
    path, temporary = memory_file(), None
    try:
        entries = _read(path)
        entries[_fingerprint(key)] = {
            "variant": decision.variant,
            "ms_per_batch": decision.ms_per_batch,
            "batch_size": decision.batch_size,
            "cpu": decision.cpu.describe(),
            "when": datetime.date.today().isoformat(),
        }
        kept = dict(list(entries.items())[-KEPT:])
        path.parent.mkdir(parents=True, exist_ok=True)
        # Written whole, then renamed: a process reading at the same moment sees one or the other.
        handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=".variants-", text=True)
        with os.fdopen(handle, "w") as out:
            json.dump(kept, out, indent=1)
        os.replace(temporary, path)
    except OSError as error:
        LOG.info("training variant not kept on disk (%s): the next process times again", error)
        if temporary is not None:
            with contextlib.suppress(OSError):
                os.unlink(temporary)
