"""The forward pass of a small Sequential Keras model in NumPy, for answering one drawing at once.

A drawing is one 28x28 image: the CNN's forward pass is ~6 MFLOP, little work for NumPy on
the calling thread. Through TensorFlow it runs on TensorFlow's thread pool, which a training
in another session keeps busy: with two trainings running, one TensorFlow forward pass
queued behind their work (docs/performance.md, "Answers never wait for a
training"), and with the pool at low priority (core.engine.runtime.tf_threads) it would wait
longer still. So the answer to a stroke never queues behind anyone's training.

The maths lives in core.engine.models.numpy_copy, which needs no TensorFlow; this module
turns a Keras model into that portable form (and so needs Keras, imported when first called).
Only layers whose maths is written out are supported (what the workshop's networks use);
`portable_from_keras` and `numpy_forward` return None for any other model, and callers use
TensorFlow.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from core.engine.models.numpy_copy import (
    ACTIVATIONS,
    LayerSpec,
    PortableModel,
    conv2d,
    max_pool,
)

__all__ = ["ACTIVATIONS", "Forward", "conv2d", "max_pool", "numpy_forward", "portable_from_keras"]

Forward = Callable[[np.ndarray], np.ndarray]


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


def portable_from_keras(model) -> PortableModel | None:
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
    return PortableModel(model.name, input_shape, tuple(specs))


def numpy_forward(model) -> Forward | None:
    """model(x, training=False) in NumPy with the weights as they are now, or None.

    Weights are read when this is called: call it again after the model has trained.
    """
    return portable_from_keras(model)
