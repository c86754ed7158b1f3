"""The forward pass of a small Sequential model in NumPy, for answering one drawing at once.

A drawing is one 28x28 image: the CNN's forward pass is ~6 MFLOP, a millisecond or two in
NumPy on the calling thread. Through TensorFlow it runs on TensorFlow's thread pool, which
a training in another session keeps busy: measured on two cores with two trainings
running, one TensorFlow forward pass took 44 ms (median) and up to 100 ms instead of 3 ms,
and with the pool at low priority (core.engine.tf_threads) it would wait longer still. So the
answer to a stroke never queues behind anyone's training.

Only layers whose maths is written out here are supported (what the workshop's networks
use); `numpy_forward` returns None for any other model, and callers use TensorFlow.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Forward = Callable[[np.ndarray], np.ndarray]


def _softmax(x: np.ndarray) -> np.ndarray:
    e = np.exp(x - x.max(axis=-1, keepdims=True))
    return e / e.sum(axis=-1, keepdims=True)


ACTIVATIONS: dict[str, Callable[[np.ndarray], np.ndarray]] = {
    "linear": lambda x: x,
    "relu": lambda x: np.maximum(x, 0),
    "sigmoid": lambda x: 1 / (1 + np.exp(-x)),
    "tanh": np.tanh,
    "softmax": _softmax,
}


def conv2d(x: np.ndarray, kernel: np.ndarray, padding: str) -> np.ndarray:
    """Stride-1 convolution (N, H, W, C) * (kh, kw, C, F), "same" (odd kernels) or "valid"."""
    kh, kw = kernel.shape[:2]
    if padding == "same":
        x = np.pad(x, ((0, 0), (kh // 2, kh // 2), (kw // 2, kw // 2), (0, 0)))
    windows = np.lib.stride_tricks.sliding_window_view(x, (kh, kw), axis=(1, 2))
    # windows: (N, H', W', C, kh, kw); contract C, kh, kw against the kernel.
    return np.tensordot(windows, kernel.transpose(2, 0, 1, 3), axes=3)


def max_pool(x: np.ndarray, size: int) -> np.ndarray:
    """Non-overlapping max-pooling ("valid": a last row or column that does not fit is cut)."""
    n, h, w, c = x.shape
    h, w = h // size * size, w // size * size
    blocks = x[:, :h, :w].reshape(n, h // size, size, w // size, size, c)
    return blocks.max(axis=(2, 4))


def _activation(layer) -> Callable[[np.ndarray], np.ndarray] | None:
    name = getattr(layer.activation, "__name__", "")
    return ACTIVATIONS.get(name)


def _layer_function(layer) -> Callable[[np.ndarray], np.ndarray] | None:
    """The layer's inference maths with its current weights, or None if not written out."""
    import keras

    if isinstance(layer, keras.layers.Dropout):
        return lambda x: x
    if isinstance(layer, keras.layers.Flatten):
        return lambda x: x.reshape(len(x), -1)
    if isinstance(layer, keras.layers.Dense):
        act = _activation(layer)
        if act is None:
            return None
        kernel = np.asarray(layer.kernel)
        bias = np.asarray(layer.bias) if layer.use_bias else 0.0
        return lambda x: act(x @ kernel + bias)
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
        kernel = np.asarray(layer.kernel)
        bias = np.asarray(layer.bias) if layer.use_bias else 0.0
        return lambda x: act(conv2d(x, kernel, layer.padding) + bias)
    if isinstance(layer, keras.layers.MaxPool2D):
        size = tuple(layer.pool_size)
        if (
            size[0] != size[1]
            or tuple(layer.strides) != size
            or layer.padding != "valid"
            or layer.data_format != "channels_last"
        ):
            return None
        return lambda x: max_pool(x, size[0])
    return None


def numpy_forward(model) -> Forward | None:
    """model(x, training=False) in NumPy with the weights as they are now, or None.

    Weights are read when this is called: call it again after the model has trained.
    """
    import keras

    if not isinstance(model, keras.Sequential):
        return None
    steps = [_layer_function(layer) for layer in model.layers]
    if any(step is None for step in steps):
        return None

    def forward(x: np.ndarray) -> np.ndarray:
        h = np.asarray(x, dtype=np.float32)
        for step in steps:
            h = step(h)
        return h.astype(np.float32, copy=False)

    return forward
