"""A trained network as NumPy data, and its forward pass, with no TensorFlow in sight.

A web server that answers drawings need not import TensorFlow (much memory and time):
a `NumpyNetwork` is the layers' kinds and weights; it pickles to a few hundred kB and
answers one drawing on the caller's thread. Only the layers the workshop uses are written
out. core.engine.models.keras_to_numpy makes one from a Keras model.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

import numpy as np

KINDS = ("conv2d", "max_pool", "dense", "flatten", "dropout")


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


@dataclass(frozen=True, eq=False)
class LayerSpec:
    """One layer: what it computes, and its weights as Keras holds them (kernel, then bias)."""

    kind: str
    name: str
    output_shape: tuple[int, ...]
    activation: str = "linear"
    padding: str = "valid"
    pool_size: int = 0
    weights: tuple[np.ndarray, ...] = field(default=(), repr=False)

    def __post_init__(self) -> None:
        if self.kind not in KINDS:
            raise ValueError(f"layer {self.name!r}: unknown kind {self.kind!r}")
        if self.activation not in ACTIVATIONS:
            raise ValueError(f"layer {self.name!r}: unknown activation {self.activation!r}")
        for array in self.weights:
            array.setflags(write=False)  # Shared by every session that draws with it.

    @property
    def kernel(self) -> np.ndarray:
        if not self.weights:
            raise ValueError(f"layer {self.name!r} has no weights")
        return self.weights[0]

    def apply(self, x: np.ndarray) -> np.ndarray:
        """The layer's inference maths (dropout passes everything through)."""
        if self.kind == "flatten":
            return x.reshape(len(x), -1)
        if self.kind == "dropout":
            return x
        if self.kind == "max_pool":
            return max_pool(x, self.pool_size)
        bias = self.weights[1] if len(self.weights) > 1 else 0.0
        if self.kind == "dense":
            return ACTIVATIONS[self.activation](x @ self.kernel + bias)
        return ACTIVATIONS[self.activation](conv2d(x, self.kernel, self.padding) + bias)


@dataclass(frozen=True, eq=False)
class NumpyNetwork:
    """A Sequential network as data: call it like the Keras model, `model(x)`, in NumPy."""

    name: str
    input_shape: tuple[int, ...]
    layers: tuple[LayerSpec, ...]

    def __call__(self, x: np.ndarray) -> np.ndarray:
        h = np.asarray(x, dtype=np.float32)
        for layer in self.layers:
            h = layer.apply(h)
        return h.astype(np.float32, copy=False)

    def get_layer(self, name: str) -> LayerSpec:
        for layer in self.layers:
            if layer.name == name:
                return layer
        raise ValueError(f"no layer named {name!r} in {self.name}")

    @property
    def layer_names(self) -> tuple[str, ...]:
        return tuple(layer.name for layer in self.layers)

    def outputs(self, x: np.ndarray, names: Iterable[str]) -> dict[str, np.ndarray]:
        """What each named layer outputs for the batch `x`: {name: array}, in one pass."""
        wanted = set(names)
        unknown = wanted - set(self.layer_names)
        if unknown:
            raise ValueError(f"no layer named {sorted(unknown)[0]!r} in {self.name}")
        found: dict[str, np.ndarray] = {}
        h = np.asarray(x, dtype=np.float32)
        for layer in self.layers:
            if len(found) == len(wanted):
                break  # The layers after the last one asked for are not needed.
            h = layer.apply(h)
            if layer.name in wanted:
                found[layer.name] = h.astype(np.float32, copy=False)
        return found

    @property
    def nbytes(self) -> int:
        return sum(w.nbytes for layer in self.layers for w in layer.weights)
