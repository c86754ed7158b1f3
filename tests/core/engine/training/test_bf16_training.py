"""The bfloat16 variant learns real digits as well as float32 does, and leaves a float32 model.

It runs on every CPU: where bfloat16 is not native it is emulated (this test then takes many
times longer: docs/performance.md, "Training variants"), so an AVX2-only machine checks the
maths too, though `auto` never picks the variant there
(tests/core/engine/training/test_variant_trial.py).
"""

from __future__ import annotations

import keras
import numpy as np
import pytest

from core.engine.models.files import save_model
from core.engine.training.loop import fit
from core.mnist.batches import batches
from core.mnist.config import MnistConfig
from core.mnist.data import load_mnist
from core.mnist.evaluation import predict_digits
from core.mnist.model import build_mnist_model

pytestmark = pytest.mark.slow


def _train(variant: str) -> tuple[keras.Model, float]:
    """2,000 training digits, 2 epochs of 32 (125 steps); accuracy on 2,000 test digits."""
    data = load_mnist()
    model = build_mnist_model(MnistConfig(seed=1, learning_rate=0.003))
    fit(
        model,
        batches(data.x_train[:2000], data.y_train[:2000], 32, "normal", 1),
        2,
        variant=variant,
    )
    guesses = predict_digits(model, data.x_test[:2000]).argmax(axis=1)
    return model, float((guesses == data.y_test[:2000]).mean())


def test_bf16_training_reaches_float32s_accuracy_and_keeps_a_float32_model(tmp_path) -> None:
    model, accuracy = _train("keras-bf16")
    _, float32_accuracy = _train("keras")
    # Both above 90% and within a few tenths of a point of each other, natively and with
    # oneDNN off (docs/performance.md, "Training variants", has the runs).
    assert accuracy > 0.9
    assert accuracy == pytest.approx(float32_accuracy, abs=0.015)
    # bfloat16 lived inside the training step only: the model is float32 throughout, and
    # its file loads back to the same predictions.
    assert model.dtype_policy.name == "float32"
    assert all(w.dtype == "float32" for w in model.weights)
    save_model(model, tmp_path / "bf16.keras")
    reloaded = keras.saving.load_model(tmp_path / "bf16.keras")
    x = load_mnist().x_test[:50]
    np.testing.assert_allclose(predict_digits(reloaded, x), predict_digits(model, x), atol=1e-6)
