"""The Iris flowers: 150 measurements, three species, as the workshop uses them."""

from __future__ import annotations

import importlib.util
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np

FEATURES: tuple[str, ...] = (
    "sepal length (cm)",
    "sepal width (cm)",
    "petal length (cm)",
    "petal width (cm)",
)
SPECIES: tuple[str, ...] = ("setosa", "versicolor", "virginica")

# The workshop checks a trained network on these three flowers, one of each species.
CHECK_FLOWERS: tuple[tuple[tuple[float, float, float, float], str], ...] = (
    ((5.1, 3.3, 1.7, 0.5), "setosa"),
    ((5.9, 3.0, 4.2, 1.5), "versicolor"),
    ((6.9, 3.1, 5.4, 2.1), "virginica"),
)


@dataclass(frozen=True)
class IrisSplit:
    """Training and test data, disjoint, as float32 features and integer labels 0/1/2."""

    x_train: np.ndarray
    y_train: np.ndarray
    x_test: np.ndarray
    y_test: np.ndarray


@lru_cache(maxsize=1)
def load_iris_arrays() -> tuple[np.ndarray, np.ndarray]:
    """All 150 flowers: features (150, 4) float32 and species codes (150,) int64.

    scikit-learn ships the data, so this never touches the network. Its CSV is read straight
    from scikit-learn's folder: importing `sklearn.datasets` takes over a second, and a class
    opening the Iris page at once would all wait for it (docs/load-test.md). The arrays are
    read-only because every session of the server shares them.
    """
    spec = importlib.util.find_spec("sklearn")
    path = Path(spec.origin).parent / "datasets" / "data" / "iris.csv" if spec else None
    if path is not None and path.is_file():
        table = np.loadtxt(path, delimiter=",", skiprows=1)  # Its header: 150,4,names.
        x, y = table[:, :4].astype(np.float32), table[:, 4].astype(np.int64)
    else:  # pragma: no cover - an unusual installation of scikit-learn.
        from sklearn.datasets import load_iris

        bunch = load_iris()
        x = np.asarray(bunch.data, dtype=np.float32)
        y = np.asarray(bunch.target, dtype=np.int64)
    x.setflags(write=False)
    y.setflags(write=False)
    return x, y


def iris_table():
    """The flowers as a pandas DataFrame, with the species name and its code side by side."""
    import pandas as pd

    x, y = load_iris_arrays()
    frame = pd.DataFrame(x, columns=list(FEATURES))
    frame["species"] = [SPECIES[i] for i in y]
    frame["code"] = y
    return frame


def split_counts(test_fraction: float, total: int = 150) -> tuple[int, int]:
    """(training, test) flower counts of a split, rounded as scikit-learn rounds them.

    `train_test_split` keeps ceil(fraction x total) examples for testing: the notebook's
    default of 25% of 150 flowers is 38 to test and 112 to train.
    """
    test = math.ceil(test_fraction * total)
    return total - test, test


def split_iris(test_fraction: float = 0.25, seed: int = 42) -> IrisSplit:
    """Split the flowers into disjoint training and test sets, as the workshop's notebook does.

    The notebook calls `train_test_split(X, y)`: a random shuffle, then 25% kept apart,
    with no stratification, so a species' share of the test set varies from split to split.
    We do the same and only add the seed, so the same seed always gives the same split.
    The shuffle is scikit-learn's own, drawn here (its ShuffleSplit: one permutation from
    `RandomState(seed)`, the test flowers first): importing scikit-learn takes a second and
    70 MB, in every new training worker's first Iris training (docs/performance.md, "A
    lighter TensorFlow import"). tests/core/iris/test_iris.py holds it to scikit-learn's.
    """
    if not 0.05 <= test_fraction <= 0.9:
        raise ValueError(f"test fraction must lie between 0.05 and 0.9, got {test_fraction}")
    x, y = load_iris_arrays()
    n_train, n_test = split_counts(test_fraction, len(x))
    order = np.random.RandomState(seed).permutation(len(x))
    test, train = order[:n_test], order[n_test : n_test + n_train]
    return IrisSplit(x[train], y[train], x[test], y[test])


def feature_ranges() -> dict[str, tuple[float, float]]:
    """The smallest and largest value of each feature among the 150 flowers."""
    x, _ = load_iris_arrays()
    return {name: (float(x[:, i].min()), float(x[:, i].max())) for i, name in enumerate(FEATURES)}


def out_of_range(measurement: tuple[float, ...] | list[float]) -> list[str]:
    """One note per feature whose value lies outside what the network saw in training.

    A network extrapolates poorly: outside this range its answer is a guess, and the page
    says so; far outside (more than the data's own spread beyond it) no iris measures that,
    and the note says the answer means nothing. Each note is a clause naming the feature.
    """
    ranges = feature_ranges()
    notes = []
    for name, value in zip(FEATURES, measurement, strict=True):
        low, high = ranges[name]
        if low <= value <= high:
            continue
        spread = high - low
        far = not low - spread <= value <= high + spread
        notes.append(
            f"{name} = {value:g} is {'far ' if far else ''}outside the training data "
            f"({low:g} to {high:g}): "
            + (
                "no iris measures that, so the answer means nothing"
                if far
                else "the network never saw such a flower, so its answer is a guess"
            )
        )
    return notes


# What a measurement may be at all, on the page and the command line: a length in cm, 0 or
# more (a part too small to measure) and at most 30 (no iris is a foot wide; the largest
# measurement among the 150 flowers is 7.9 cm). NaN, infinities and 1e308 are refused.
MEASURE_MIN_CM = 0.0
MEASURE_MAX_CM = 30.0


def check_measurement(measurement: tuple[float, ...] | list[float]) -> list[float]:
    """The four measurements as floats, or a ValueError naming the first impossible one."""
    if len(measurement) != len(FEATURES):
        raise ValueError(f"a flower needs {len(FEATURES)} measurements, got {len(measurement)}")
    values = []
    for name, value in zip(FEATURES, measurement, strict=True):
        number = float(value)
        if not (math.isfinite(number) and MEASURE_MIN_CM <= number <= MEASURE_MAX_CM):
            raise ValueError(
                f"{name} must be a number from {MEASURE_MIN_CM:g} to {MEASURE_MAX_CM:g}, "
                f"got {value}"
            )
        values.append(number)
    return values
