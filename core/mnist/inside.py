"""Looking inside a trained MNIST network: its learned filters and the feature maps they make.

The MNIST model is the workshop's Sequential network whose layers are named conv1, pool1,
conv2, pool2, flatten, dense, dropout, digits. Everything here works on its NumPy copy
(core.engine.models.numpy_network), so the page needs no TensorFlow for a network trained
elsewhere; a Keras model is copied first (which loads Keras, as that model already has).
Nothing here trains or changes the model.
"""

from __future__ import annotations

import contextlib
from typing import Any

import numpy as np

from core.engine.models.numpy_network import NumpyNetwork
from core.engine.models.trained_network import TrainedNetwork

FEATURE_LAYERS = ("conv1", "pool1", "conv2", "pool2")


def _network(model: Any) -> TrainedNetwork:
    """What a page holds (a TrainedNetwork), or a bare network made into one: a Keras model is
    copied to NumPy (a shared class model, LockedModel, under its lock)."""
    if isinstance(model, TrainedNetwork):
        return model
    if isinstance(model, NumpyNetwork):
        return TrainedNetwork(model)
    from core.engine.models.keras_to_numpy import numpy_copy
    from core.engine.models.locked_keras import LockedModel

    inner = model.model if isinstance(model, LockedModel) else model
    lock = model._lock if isinstance(model, LockedModel) else contextlib.nullcontext()
    with lock:
        return TrainedNetwork(numpy_copy(inner))


def can_inspect(model: Any) -> bool:
    """True for the workshop's CNN (layers conv1, pool1, conv2, pool2, conv1 a convolution).

    An uploaded model of another design still draws digits fine, but has no such layers
    to look into.
    """
    copy = _network(model).numpy_copy
    if copy is None or not set(FEATURE_LAYERS) <= set(copy.layer_names):
        return False
    return copy.get_layer("conv1").kind == "conv2d"


def _numpy_copy(model: Any) -> NumpyNetwork:
    copy = _network(model).numpy_copy
    if copy is None:
        raise ValueError("this network has layers the app cannot look into")
    return copy


def conv_filters(model: Any, layer: str = "conv1") -> np.ndarray:
    """The learned kernels of a Conv2D layer, shape (filters, input channels, height, width).

    Keras stores them as (height, width, in, out); we put the filter first so that
    `conv_filters(m)[k, 0]` is the k-th 5x5 kernel of the first layer, ready to show.
    """
    spec = _numpy_copy(model).get_layer(layer)
    if spec.kind != "conv2d":
        raise ValueError(f"layer {layer!r} is not a 2-D convolution")
    return np.transpose(spec.kernel, (3, 2, 0, 1))


def feature_maps(
    model: Any, image28: np.ndarray, layers: tuple[str, ...] = FEATURE_LAYERS
) -> dict[str, np.ndarray]:
    """What each named layer outputs for one 28x28 image: {name: (height, width, channels)}.

    `image28` holds values in [0, 1], as in training.
    """
    image = np.asarray(image28, dtype=np.float32).reshape(1, 28, 28, 1)
    if image.min() < 0 or image.max() > 1:
        raise ValueError("image28 must hold values between 0 and 1, as the model was trained on")
    outputs = _network(model).layer_outputs(image, layers)
    return {name: outputs[name][0] for name in layers}


def layer_shapes(model: Any, layers: tuple[str, ...] = FEATURE_LAYERS) -> dict[str, tuple]:
    """Each named layer's output size without the batch axis, e.g. {"pool1": (14, 14, 16)}."""
    copy = _numpy_copy(model)
    return {name: copy.get_layer(name).output_shape for name in layers}


def drawing_to_input(rgba: np.ndarray) -> np.ndarray:
    """The user's drawing as the 28x28 float image in [0, 1] the network reads (ink as drawn)."""
    from core.digits.preprocess import preprocess_drawing

    return preprocess_drawing(rgba, paper="auto").input
