"""The MNIST and Inside-the-CNN quick questions, against real Keras models' own counts."""

from __future__ import annotations

import dataclasses

from core.mnist.config import MnistConfig, steps_per_epoch
from core.mnist.questions import inside_questions, mnist_questions


def test_a_wider_dense_layer_counted_by_keras() -> None:
    from core.mnist.model import build_mnist_model

    config = MnistConfig(filters=(8, 16), kernel_size=3, dense_units=64, batch_size=64)
    wider, batches = mnist_questions(config)
    doubled = build_mnist_model(dataclasses.replace(config, dense_units=128))
    assert wider.answer == doubled.count_params()
    now = build_mnist_model(config).count_params()
    assert f"learns {now:,} weights and biases" in wider.text
    assert batches.answer == steps_per_epoch(dataclasses.replace(config, batch_size=32))


def test_halved_batches_with_invert_count_both_copies() -> None:
    config = MnistConfig(train_size=5_000, invert=True, batch_size=256)
    _, batches = mnist_questions(config)
    assert batches.answer == 79  # 10,000 examples / 128, rounded up.
    assert "10,000 examples in 40 steps of 256" in batches.text


def test_conv1_and_flatten_counted_by_keras() -> None:
    from core.mnist.model import build_mnist_model

    model = build_mnist_model(MnistConfig(filters=(8, 24), kernel_size=7))
    kernel = model.get_layer("conv1").kernel.shape  # (height, width, channels, filters)
    pooled = tuple(model.get_layer("pool2").output.shape[1:])
    learned, flat = inside_questions(kernel[-1], tuple(kernel[:2]), pooled)
    assert learned.answer == model.get_layer("conv1").count_params() == 8 * 49 + 8
    assert flat.answer == model.get_layer("flatten").output.shape[-1] == 7 * 7 * 24
