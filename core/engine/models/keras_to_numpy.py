"""A Keras model's NumPy copy (core.engine.models.numpy_network), made when Keras is loaded.

Answers then run in NumPy on the caller's thread, never queued behind a training on
TensorFlow's threads (docs/performance.md, "Answers never wait for a training"). A model
with a layer whose maths NumPy does not have gets None: callers use TensorFlow.
"""

from __future__ import annotations

import numpy as np

from core.engine.models.numpy_network import ACTIVATIONS, LayerSpec, NumpyNetwork

__all__ = ["numpy_copy"]


def _activation(layer) -> str | None:
    name = getattr(layer.activation, "__name__", "")
    return name if name in ACTIVATIONS else None


def _weights(layer) -> tuple[np.ndarray, ...]:
    """Kernel, then bias if the layer has one: copies, so later training changes nothing."""
    kernel = np.array(layer.kernel, dtype=np.float32)
    if not layer.use_bias:
        return (kernel,)
    return kernel, np.array(layer.bias, dtype=np.float32)


def _layer_spec(layer) -> LayerSpec | None:
    """The layer as data with its current weights, or None if its maths is not written out."""
    import keras

    shape = tuple(int(d) for d in layer.output.shape[1:])
    if isinstance(layer, keras.layers.Dropout):
        return LayerSpec("dropout", layer.name, shape)
    if isinstance(layer, keras.layers.Flatten):
        return LayerSpec("flatten", layer.name, shape)
    if isinstance(layer, keras.layers.Dense):
        act = _activation(layer)
        if act is None:
            return None
        return LayerSpec("dense", layer.name, shape, act, weights=_weights(layer))
    if isinstance(layer, keras.layers.Conv2D):
        act = _activation(layer)
        supported = (
            act is not None
            and layer.data_format == "channels_last"
            and tuple(layer.strides) == (1, 1)
            and tuple(layer.dilation_rate) == (1, 1)
            and layer.groups == 1
            and (layer.padding == "valid" or all(k % 2 for k in layer.kernel_size))
        )
        if not supported:
            return None
        return LayerSpec("conv2d", layer.name, shape, act, layer.padding, weights=_weights(layer))
    if isinstance(layer, keras.layers.MaxPool2D):
        size = tuple(layer.pool_size)
        if (
            size[0] != size[1]
            or tuple(layer.strides) != size
            or layer.padding != "valid"
            or layer.data_format != "channels_last"
        ):
            return None
        return LayerSpec("max_pool", layer.name, shape, pool_size=int(size[0]))
    return None


def numpy_copy(model) -> NumpyNetwork | None:
    """The model as data, with its weights as they are now; None if NumPy cannot run it.

    Weights are copied when this is called: call it again after the model has trained.
    """
    import keras

    if not isinstance(model, keras.Sequential):
        return None
    try:
        input_shape = tuple(int(d) for d in model.inputs[0].shape[1:])
    except (AttributeError, IndexError, TypeError, ValueError):
        return None
    specs = []
    for layer in model.layers:
        spec = _layer_spec(layer)
        if spec is None:
            return None
        specs.append(spec)
    return NumpyNetwork(model.name, input_shape, tuple(specs))
