"""The public facts of a shared run: what the class board shows, as JSON text and back.

A shared run keeps its network apart (a student may download it); the board itself reads
only these few numbers and words, so the store keeps them as one JSON string per entry.
Text that does not load (damaged, or written by another version) is skipped, never fatal.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable
from dataclasses import asdict, dataclass, fields
from typing import Any

from core.basics.network_shape import weight_count as dense_weight_count
from core.engine.models.trained_network import TrainedNetwork
from core.iris.config import IrisConfig
from core.iris.data import FEATURES, SPECIES, split_counts
from core.iris.result import IrisResult
from core.mnist.config import MnistConfig
from core.mnist.run import MnistRun
from core.mnist.shapes import learned_split

CHAPTERS = ("mnist", "iris")


@dataclass(frozen=True)
class RunSummary:
    """One run as the class sees it. Accuracies are fractions (0-1); `inverted_accuracy`
    and `invert` are None for Iris, which has no inverted test set."""

    chapter: str
    test_accuracy: float
    inverted_accuracy: float | None
    weights: int
    seconds: float
    epochs: int
    examples: int
    invert: bool | None
    batch_size: int
    shape: str
    label: str
    learning_rate: float | None = None
    stopped: bool = False


@dataclass(frozen=True)
class SharedEntry:
    """A row of the board: who shared it, when, and the run's facts."""

    entry_id: int
    nickname: str
    created: float
    mine: bool
    has_model: bool
    summary: RunSummary


def weight_count(network: TrainedNetwork | None, config: MnistConfig | IrisConfig) -> int:
    """Trainable weights and biases: counted in the network itself when it is at hand (its
    NumPy copy, else its Keras model), else from the settings, which fix the count."""
    if network is not None and network.numpy_copy is not None:
        return sum(int(w.size) for layer in network.numpy_copy.layers for w in layer.weights)
    if network is not None and network.keras_model is not None:
        return sum(_size(w.shape) for w in network.keras_model.trainable_weights)
    if isinstance(config, MnistConfig):
        return sum(learned_split(config))
    return sum(dense_weight_count([len(FEATURES), *config.hidden, len(SPECIES)]))


def _size(shape: Iterable[int]) -> int:
    size = 1
    for dim in shape:
        size *= int(dim)
    return size


def mnist_shape(config: MnistConfig) -> str:
    """'conv 16-32, kernel 5, dense 128, dropout 0.4': the CNN's settings in one line."""
    f1, f2 = config.filters
    return (
        f"conv {f1}-{f2}, kernel {config.kernel_size}, dense {config.dense_units}, "
        f"dropout {config.dropout:g}"
    )


def iris_shape(config: IrisConfig) -> str:
    """'hidden 10-10': the neurons of each hidden layer."""
    return "hidden " + "-".join(str(n) for n in config.hidden)


def summary_of_mnist(run: MnistRun) -> RunSummary:
    """The facts of a tested MNIST run; ValueError for a run not tested yet (no accuracy)."""
    if run.evaluation is None:
        raise ValueError("this MNIST run has not been tested yet, so it has no accuracy")
    config = run.config
    return RunSummary(
        chapter="mnist",
        test_accuracy=float(run.evaluation.test_accuracy),
        inverted_accuracy=float(run.evaluation.test_accuracy_inverted),
        weights=weight_count(run.network, config),
        seconds=float(run.seconds),
        epochs=config.epochs,
        examples=config.train_size,
        invert=config.invert,
        batch_size=config.batch_size,
        shape=mnist_shape(config),
        label=run.label,
        learning_rate=config.learning_rate,
        stopped=run.stopped,
    )


def summary_of_iris(result: IrisResult) -> RunSummary:
    """The facts of an Iris run. Its examples are the training flowers, counted as the
    split counts them (the test set takes the fraction rounded up: 112 of 150 at 25%)."""
    config = result.config
    return RunSummary(
        chapter="iris",
        test_accuracy=float(result.test_accuracy),
        inverted_accuracy=None,
        weights=weight_count(result.network, config),
        seconds=float(result.seconds),
        epochs=config.epochs,
        examples=split_counts(config.test_fraction)[0],
        invert=None,
        batch_size=config.batch_size,
        shape=iris_shape(config),
        label=result.label,
        learning_rate=config.learning_rate,
        stopped=result.stopped,
    )


def to_json(summary: RunSummary) -> str:
    """The summary as the store keeps it."""
    return json.dumps(asdict(summary), ensure_ascii=False, sort_keys=True, allow_nan=False)


# Keys every stored summary must have, and those a summary may lack (older or foreign
# writers): the default stands in for a missing optional key.
_REQUIRED = ("chapter", "test_accuracy", "weights", "epochs", "examples", "batch_size")
_OPTIONAL: dict[str, Any] = {
    "inverted_accuracy": None,
    "invert": None,
    "seconds": 0.0,
    "shape": "",
    "label": "",
    "learning_rate": None,
    "stopped": False,
}


def _is_number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool) and math.isfinite(value)


def _is_whole(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool) and value >= 0


def _valid(data: dict[str, Any]) -> bool:
    """Every value of the kind and range the board relies on."""
    inverted, invert, rate = data["inverted_accuracy"], data["invert"], data["learning_rate"]
    return (
        data["chapter"] in CHAPTERS
        and _is_number(data["test_accuracy"])
        and 0 <= data["test_accuracy"] <= 1
        and (inverted is None or (_is_number(inverted) and 0 <= inverted <= 1))
        and (invert is None or isinstance(invert, bool))
        and all(_is_whole(data[key]) for key in ("weights", "epochs", "examples", "batch_size"))
        and _is_number(data["seconds"])
        and data["seconds"] >= 0
        and isinstance(data["shape"], str)
        and isinstance(data["label"], str)
        and (rate is None or (_is_number(rate) and rate > 0))
        and isinstance(data["stopped"], bool)
    )


def from_json(text: str) -> RunSummary | None:
    """The summary the text holds, or None for text that is damaged or not a summary.

    Keys this version does not know are ignored, so a newer app's summaries still load.
    """
    if not isinstance(text, str | bytes | bytearray):
        return None
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):  # JSONDecodeError and bad UTF-8 are ValueErrors.
        return None
    if not isinstance(data, dict) or any(key not in data for key in _REQUIRED):
        return None
    known = {f.name for f in fields(RunSummary)}
    values = {**_OPTIONAL, **{key: data[key] for key in known if key in data}}
    if values["chapter"] == "iris":
        values["inverted_accuracy"] = values["invert"] = None  # Iris has no inverted flowers.
    elif values["inverted_accuracy"] is None or values["invert"] is None:
        return None  # An MNIST run's finding is about inverted digits: it needs both.
    if not _valid(values):
        return None
    for key in ("test_accuracy", "seconds", "inverted_accuracy", "learning_rate"):
        if values[key] is not None:
            values[key] = float(values[key])
    return RunSummary(**values)


def settings_columns(summary: RunSummary) -> dict[str, object]:
    """The run's settings as the board's table shows them, in the table's column order.

    Iris has no Invert column: it has no inverted flowers to train on.
    """
    columns: dict[str, object] = {
        "Network": summary.shape,
        "Epochs": summary.epochs,
        "Examples": summary.examples,
        "Batch": summary.batch_size,
    }
    if summary.chapter == "mnist":
        columns["Invert"] = "yes" if summary.invert else "no"  # Never None once loaded.
    columns["Learning rate"] = summary.learning_rate
    columns["Stopped early"] = "yes" if summary.stopped else "no"
    return columns


def shared_entries(rows: Iterable[Any]) -> list[SharedEntry]:
    """The board's entries from the store's rows, in the rows' order.

    A row's summary that does not load, or that names another chapter than the row, is left
    out: one damaged entry must not take the whole board down.
    """
    entries = []
    for row in rows:
        summary = from_json(row.summary)
        if summary is None or summary.chapter != row.chapter:
            continue
        entries.append(
            SharedEntry(
                entry_id=int(row.entry_id),
                nickname=str(row.nickname),
                created=float(row.created),
                mine=bool(row.mine),
                has_model=bool(row.has_model),
                summary=summary,
            )
        )
    return entries
