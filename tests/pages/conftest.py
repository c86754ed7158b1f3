"""What every page test shares: no teacher's model from the environment, cheap real networks."""

from __future__ import annotations

import pytest

from core.engine.models.trained_network import TrainedNetwork
from core.mnist.config import MnistConfig
from core.mnist.training import MnistRun


@pytest.fixture(autouse=True)
def no_class_model(monkeypatch: pytest.MonkeyPatch) -> None:
    """A teacher's model named in the environment (WORKSHOP_MNIST_MODEL) would count as a
    model and answer for the student: keep it out of every page test."""
    monkeypatch.delenv("WORKSHOP_MNIST_MODEL", raising=False)


@pytest.fixture(scope="session")
def untrained_runs() -> list[MnistRun]:
    """Three real (untrained) CNNs with their real evaluations: cheap, and enough for pages
    that need a network (Draw, Inside the CNN, the MNIST page's results)."""
    from core.mnist.evaluation import evaluate_mnist
    from core.mnist.model import build_mnist_model

    runs = []
    for number in (1, 2, 3):
        model = build_mnist_model()
        evaluation = evaluate_mnist(model)
        label = f"Run {number}: untrained"
        network = TrainedNetwork.from_keras(model)
        runs.append(MnistRun(MnistConfig(), network, evaluation=evaluation, label=label))
    return runs


@pytest.fixture(scope="session")
def small_runs() -> dict[bool, MnistRun]:
    """One network trained without and one with invert, on 2,000 digits each: real training,
    a few seconds, for the Draw page's example table (shared by its two test modules)."""
    from core.mnist.training import train_mnist

    runs = {}
    for invert in (False, True):
        run = train_mnist(MnistConfig(train_size=2000, invert=invert, seed=1), evaluate=False)
        runs[invert] = MnistRun(
            config=run.config,
            network=run.network,
            label=f"Run {1 + invert}: small, invert {invert}",
        )
    return runs
