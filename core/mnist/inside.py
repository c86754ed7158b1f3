"""Looking inside a trained MNIST network: its learned filters and the feature maps they make.

The MNIST model is the workshop's `keras.Sequential` whose layers are named conv1, pool1,
conv2, pool2, flatten, dense, dropout, digits. Nothing here trains or changes the model.
"""

from __future__ import annotations

import contextlib

import keras
import numpy as np

import core.engine.tf_threads  # noqa: F401  (before any TensorFlow operation: see its docstring)
from core.engine.shared_model import LockedModel

FEATURE_LAYERS = ("conv1", "pool1", "conv2", "pool2")


def can_inspect(model: keras.Model) -> bool:
    """True for the workshop's CNN (layers conv1, pool1, conv2, pool2, conv1 a Conv2D).

    An uploaded model of another design still draws digits fine, but has no such layers
    to look into.
    """
    inner = model.model if isinstance(model, LockedModel) else model
    names = {layer.name for layer in getattr(inner, "layers", [])}
    if not set(FEATURE_LAYERS) <= names:
        return False
    return isinstance(inner.get_layer("conv1"), keras.layers.Conv2D)


def conv_filters(model: keras.Model, layer: str = "conv1") -> np.ndarray:
    """The learned kernels of a Conv2D layer, shape (filters, input channels, height, width).

    Keras stores them as (height, width, in, out); we put the filter first so that
    `conv_filters(m)[k, 0]` is the k-th 5x5 kernel of the first layer, ready to show.
    """
    kernel = model.get_layer(layer).get_weights()[0]
    if kernel.ndim != 4:
        raise ValueError(f"layer {layer!r} is not a 2-D convolution")
    return np.transpose(kernel, (3, 2, 0, 1))


def _input_tensor(model: keras.Model):
    """The model's symbolic input; a Sequential reloaded from a file may only expose it here."""
    try:
        return model.inputs[0]
    except (AttributeError, IndexError, TypeError, ValueError):
        return model.layers[0].input


def feature_maps(
    model: keras.Model, image28: np.ndarray, layers: tuple[str, ...] = FEATURE_LAYERS
) -> dict[str, np.ndarray]:
    """What each named layer outputs for one 28x28 image: {name: (height, width, channels)}.

    `image28` holds values in [0, 1], as in training. The model is called directly rather
    than through `predict`, which is far slower for one image.
    """
    image = np.asarray(image28, dtype=np.float32).reshape(1, 28, 28, 1)
    if image.min() < 0 or image.max() > 1:
        raise ValueError("image28 must hold values between 0 and 1, as the model was trained on")
    # A class model shared by many sessions comes wrapped in core.engine.shared_model.LockedModel:
    # the probe shares its layers, so it takes the same lock while it runs.
    inner = model.model if isinstance(model, LockedModel) else model
    outputs = [inner.get_layer(name).output for name in layers]
    probe = keras.Model(inputs=_input_tensor(inner), outputs=outputs)
    lock = model._lock if isinstance(model, LockedModel) else contextlib.nullcontext()
    with lock:
        values = probe(image, training=False)
    if len(layers) == 1:
        values = [values]
    return {name: keras.ops.convert_to_numpy(v)[0] for name, v in zip(layers, values, strict=True)}


def layer_shapes(model: keras.Model, layers: tuple[str, ...] = FEATURE_LAYERS) -> dict[str, tuple]:
    """Each named layer's output size without the batch axis, e.g. {"pool1": (14, 14, 16)}."""
    return {name: tuple(model.get_layer(name).output.shape[1:]) for name in layers}


def drawing_to_input(rgba: np.ndarray) -> np.ndarray:
    """The user's drawing as the 28x28 float image in [0, 1] the network reads (ink as drawn)."""
    from core.digits.preprocess import preprocess_drawing

    return preprocess_drawing(rgba, paper="auto").input
