"""A Sequential model's layers for training with its convolutions in bfloat16.

Mixed precision inside the training step, for CPUs that compute bfloat16 natively; the model
and its float32 weights are unchanged (docs/architecture.md, "Convolutions in bfloat16").
"""

from __future__ import annotations

from collections.abc import Callable

import keras
import tensorflow as tf

import core.engine.runtime.tf_threads  # noqa: F401  (before any TensorFlow operation: see its docstring)

Layer = Callable[[tf.Tensor], tf.Tensor]
BF16 = tf.bfloat16


def computes_in_bf16(layer: keras.layers.Layer) -> bool:
    """A Conv2D this module computes in bfloat16 (others are left to Keras, in float32)."""
    if not isinstance(layer, keras.layers.Conv2D):
        return False
    strided = tuple(layer.strides) != (1, 1)
    dilated = tuple(layer.dilation_rate) != (1, 1)
    return (
        layer.data_format == "channels_last"
        and layer.groups == 1
        and layer.padding in ("same", "valid")
        and not (strided and dilated)  # tf.nn.conv2d takes one or the other.
        and layer.activity_regularizer is None  # Only a Keras call would record it.
        and not layer.dtype_policy.quantization_mode
    )


def _conv(layer: keras.layers.Conv2D) -> Layer:
    def call(h: tf.Tensor) -> tf.Tensor:
        y = tf.nn.conv2d(
            tf.cast(h, BF16),
            tf.cast(layer.kernel, BF16),
            strides=tuple(layer.strides),
            padding=layer.padding.upper(),
            dilations=tuple(layer.dilation_rate),
        )
        if layer.use_bias:
            y = tf.nn.bias_add(y, tf.cast(layer.bias, BF16))
        return layer.activation(y)

    return call


def _pool(layer: keras.layers.Layer) -> Layer | None:
    """A max or average pool on bfloat16 values, as Keras computes it; None for others."""
    pools = {
        keras.layers.MaxPool2D: tf.nn.max_pool2d,
        keras.layers.AveragePooling2D: tf.nn.avg_pool2d,
    }
    pool = pools.get(type(layer))
    if pool is None or layer.data_format != "channels_last":
        return None
    size, strides, padding = tuple(layer.pool_size), tuple(layer.strides), layer.padding.upper()
    return lambda h: pool(h, size, strides, padding)


def _flattens_channels_last(layer: keras.layers.Layer) -> bool:
    return type(layer) is keras.layers.Flatten and layer.data_format == "channels_last"


def _float32(layer: keras.layers.Layer, training: bool) -> Layer:
    return lambda h: layer(tf.cast(h, tf.float32), training=training)


def bf16_applies(model: keras.Model) -> bool:
    """The model is a Sequential with at least one convolution to compute in bfloat16."""
    return isinstance(model, keras.Sequential) and any(map(computes_in_bf16, model.layers))


def bf16_training_layers(model: keras.Sequential, training: bool = True) -> list[Layer]:
    """The model's layers as functions for training (or, `training=False`, for answering),
    convolutions and their pools in bfloat16.

    A pool or a Flatten right after a bfloat16 value keeps it in bfloat16; every other
    layer gets float32, so the model's output (the softmax) is float32 as in Keras.
    """
    steps: list[Layer] = []
    in_bf16 = False  # Whether the value flowing between layers is bfloat16 at this point.
    for layer in model.layers:
        pool = _pool(layer) if in_bf16 else None
        if computes_in_bf16(layer):
            steps.append(_conv(layer))
            in_bf16 = True
        elif pool is not None:
            steps.append(pool)
        elif in_bf16 and _flattens_channels_last(layer):
            steps.append(lambda h: tf.reshape(h, (tf.shape(h)[0], -1)))
        else:
            steps.append(_float32(layer, training))
            in_bf16 = False
    if in_bf16:  # The model ends in a convolution or a pool: hand back float32 all the same.
        steps.append(lambda h: tf.cast(h, tf.float32))
    return steps
