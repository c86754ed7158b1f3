"""A training process imports TensorFlow without the libraries it never uses, and can still
use them itself afterwards."""

from __future__ import annotations

import json
import subprocess
import sys

from core.engine.runtime.lean_import import OPTIONAL
from tests.conftest import ROOT

LEAN = """
import json, sys
from core.engine.runtime.lean_import import import_tensorflow_lean
hidden = import_tensorflow_lean()
left_out = [name for name in hidden if name not in sys.modules]
again = import_tensorflow_lean()
# A small Keras training on NumPy arrays, the app's kind of training data.
import numpy as np
from core.iris.model import build_iris_model
from core.iris.config import IrisConfig
from core.iris.data import split_iris
split = split_iris()
model = build_iris_model(IrisConfig(epochs=1))
model.fit(split.x_train, split.y_train, epochs=1, verbose=0)
import pandas, scipy.ndimage, sklearn.model_selection  # As usual, after TensorFlow.
print(json.dumps({"hidden": hidden, "left_out": left_out, "again": again,
                  "pandas": pandas.DataFrame({"a": [1]}).shape[0]}))
"""

AFTER_PANDAS = """
import json, pandas
from core.engine.runtime.lean_import import import_tensorflow_lean
print(json.dumps(import_tensorflow_lean()))
"""


def _run(code: str) -> object:
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=300
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_tensorflow_comes_in_without_the_optional_libraries_which_import_afterwards() -> None:
    report = _run(LEAN)
    assert report["hidden"] == list(OPTIONAL)
    assert report["left_out"] == list(OPTIONAL)  # Not imported by TensorFlow or Keras.
    assert report["again"] == []  # TensorFlow was in: nothing hidden the second time.
    assert report["pandas"] == 1


def test_a_library_already_imported_is_never_hidden() -> None:
    assert "pandas" not in _run(AFTER_PANDAS)
