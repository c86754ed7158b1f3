"""Trained models for the page fuzz tests, and no teacher's model from the environment."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="module")
def iris_result():
    """A one-epoch Iris network, enough for the 'Measure a flower' part to render."""
    from core.iris.config import IrisConfig
    from core.iris.model import train_iris

    return train_iris(IrisConfig(epochs=1, steps_per_epoch=20))


@pytest.fixture(scope="module")
def mnist_run():
    """A CNN trained on 500 digits for one epoch, evaluated so the results part renders."""
    from core.mnist.config import MnistConfig
    from core.mnist.data import MnistData, load_mnist
    from core.mnist.evaluation import evaluate_mnist
    from core.mnist.training import train_mnist

    run = train_mnist(MnistConfig(train_size=500), evaluate=False)
    full = load_mnist()  # Evaluated on 500 test digits only: the page just has to render it.
    small = MnistData(full.x_train[:1], full.y_train[:1], full.x_test[:500], full.y_test[:500], "")
    run.evaluation = evaluate_mnist(run.network.keras_model, small)
    return run


@pytest.fixture(autouse=True)
def no_class_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """A teacher's model named in the environment would change what the pages offer."""
    monkeypatch.delenv("WORKSHOP_MNIST_MODEL", raising=False)


@pytest.fixture(scope="module")
def digit_model():
    """An untrained MNIST CNN: the shapes matter here, not the answers."""
    from core.mnist.model import build_mnist_model

    return build_mnist_model()
