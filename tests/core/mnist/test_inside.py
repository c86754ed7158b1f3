"""Filters and feature maps of the workshop's MNIST network, fresh and after a save/load trip."""

from __future__ import annotations

import keras
import numpy as np
import pytest
from keras import layers

from core.kernels.sample_images import sample_digit
from core.mnist import inside

SHAPES = {"conv1": (28, 28, 16), "pool1": (14, 14, 16), "conv2": (14, 14, 32), "pool2": (7, 7, 32)}


def build_mnist_model() -> keras.Model:
    """The lead engineer's architecture, untrained (the shapes are all we test)."""
    keras.utils.set_random_seed(0)
    return keras.Sequential(
        [
            keras.Input((28, 28, 1)),
            layers.Conv2D(16, 5, padding="same", activation="relu", name="conv1"),
            layers.MaxPool2D(2, name="pool1"),
            layers.Conv2D(32, 5, padding="same", activation="relu", name="conv2"),
            layers.MaxPool2D(2, name="pool2"),
            layers.Flatten(name="flatten"),
            layers.Dense(128, activation="relu", name="dense"),
            layers.Dropout(0.4, name="dropout"),
            layers.Dense(10, activation="softmax", name="digits"),
        ]
    )


@pytest.fixture(scope="module")
def fresh() -> keras.Model:
    return build_mnist_model()


@pytest.fixture(scope="module")
def reloaded(fresh, tmp_path_factory) -> keras.Model:
    path = tmp_path_factory.mktemp("model") / "mnist.keras"
    fresh.save(path)
    return keras.models.load_model(path)


@pytest.fixture
def digit() -> np.ndarray:
    return sample_digit(3).astype(np.float32) / 255.0


def test_conv_filters_shapes_and_values(fresh):
    filters = inside.conv_filters(fresh, "conv1")
    assert filters.shape == (16, 1, 5, 5)
    kernel = fresh.get_layer("conv1").get_weights()[0]  # (5, 5, 1, 16) in Keras.
    np.testing.assert_array_equal(filters[7, 0], kernel[:, :, 0, 7])
    assert inside.conv_filters(fresh, "conv2").shape == (32, 16, 5, 5)


def test_conv_filters_refuses_other_layers(fresh):
    with pytest.raises(ValueError, match="convolution"):
        inside.conv_filters(fresh, "dense")


@pytest.mark.parametrize("which", ["fresh", "reloaded"])
def test_feature_map_shapes(request, which, digit):
    model = request.getfixturevalue(which)
    maps = inside.feature_maps(model, digit)
    assert {name: m.shape for name, m in maps.items()} == SHAPES
    assert all(m.min() >= 0 for m in maps.values())  # ReLU, then max pooling.
    assert inside.layer_shapes(model) == SHAPES


def test_reloaded_model_gives_the_same_maps(fresh, reloaded, digit):
    a, b = inside.feature_maps(fresh, digit), inside.feature_maps(reloaded, digit)
    for name in SHAPES:
        np.testing.assert_allclose(a[name], b[name], atol=1e-5)


def test_feature_maps_agree_with_the_layers_applied_by_hand(fresh, digit):
    x = digit.reshape(1, 28, 28, 1)
    conv1 = keras.ops.convert_to_numpy(fresh.get_layer("conv1")(x))[0]
    maps = inside.feature_maps(fresh, digit, layers=("conv1",))
    np.testing.assert_allclose(maps["conv1"], conv1, atol=1e-5)
    pooled = conv1.reshape(14, 2, 14, 2, 16).max(axis=(1, 3))
    np.testing.assert_allclose(inside.feature_maps(fresh, digit)["pool1"], pooled, atol=1e-5)


def test_feature_maps_refuse_unscaled_images(fresh):
    with pytest.raises(ValueError, match="between 0 and 1"):
        inside.feature_maps(fresh, sample_digit(1).astype(np.float32))


def test_drawing_to_input_is_28x28_in_0_1():
    drawing = np.zeros((280, 280, 4), dtype=np.uint8)
    drawing[60:220, 130:150, 3] = 255  # A black stroke on a transparent canvas.
    image = inside.drawing_to_input(drawing)
    assert image.shape == (28, 28)
    assert 0 <= image.min() < image.max() <= 1


def test_a_shared_locked_model_works_too(fresh, digit):
    from core.engine.models.locked_keras import LockedModel

    shared = LockedModel(fresh)
    maps = inside.feature_maps(shared, digit)
    assert {name: m.shape for name, m in maps.items()} == SHAPES
    assert inside.conv_filters(shared).shape == (16, 1, 5, 5)
