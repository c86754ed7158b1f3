"""The workshop CNN's conv+ReLU+pool blocks for training: Keras's numbers, less CPU time.

On AVX2 cores most of an epoch goes to work that can be rearranged without changing a number
the network computes; the model itself is untouched. How: docs/architecture.md, "The
rearranged conv blocks".
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

import keras
import tensorflow as tf

import core.engine.runtime.tf_threads  # noqa: F401  (before any TensorFlow operation: see its docstring)

Layer = Callable[[tf.Tensor], tf.Tensor]


def _filter_gradient(x: tf.Tensor, dy: tf.Tensor) -> tf.Tensor:
    """dLoss/dkernel of a VALID convolution, as one forward convolution.

    Batch and channels swap roles: the input's channels become a batch, the examples become
    input channels, and the output's gradient is the (large) kernel.
    """
    xt = tf.transpose(x, (3, 1, 2, 0))
    dyt = tf.transpose(dy, (1, 2, 0, 3))
    return tf.transpose(tf.nn.conv2d(xt, dyt, 1, "VALID"), (1, 2, 0, 3))


def _input_gradient(dy: tf.Tensor, kernel: tf.Tensor) -> tf.Tensor:
    """dLoss/dinput of a VALID convolution: the full convolution with the flipped kernel."""
    kh, kw = int(kernel.shape[0]), int(kernel.shape[1])
    flipped = tf.transpose(tf.reverse(kernel, [0, 1]), (0, 1, 3, 2))
    padded = tf.pad(dy, [[0, 0], [kh - 1, kh - 1], [kw - 1, kw - 1], [0, 0]])
    return tf.nn.conv2d(padded, flipped, 1, "VALID")


def valid_conv(x: tf.Tensor, kernel: tf.Tensor, input_gradient: bool = True) -> tf.Tensor:
    """A stride-1 VALID convolution whose gradients are computed as forward convolutions.

    `input_gradient=False` skips the gradient for `x` (the images themselves need none).
    """

    @tf.custom_gradient
    def conv(x: tf.Tensor, kernel: tf.Tensor):
        def grad(dy: tf.Tensor):
            dx = _input_gradient(dy, kernel) if input_gradient else None
            return dx, _filter_gradient(x, dy)

        return tf.nn.conv2d(x, kernel, 1, "VALID"), grad

    return conv(x, kernel)


def _same_padding(x: tf.Tensor, kh: int, kw: int) -> tf.Tensor:
    """Keras's padding="same" for an odd kernel: (k - 1) / 2 zeros on each side."""
    return tf.pad(x, [[0, 0], [kh // 2, kh // 2], [kw // 2, kw // 2], [0, 0]])


def space_to_depth_kernel(kernel: tf.Tensor) -> tf.Tensor:
    """The kernel that computes all four positions of each 2x2 pooling window at once.

    For a (kh, kw, c, f) kernel, returns (bh, bw, 4c, 4f) acting on the space-to-depth image:
    output channel group g = 2s + t holds the convolution at offset (s, t) in the window.
    """
    kh, kw, c, f = (int(d) for d in kernel.shape)
    bh, bw = (kh + 2) // 2, (kw + 2) // 2  # Blocks of 2 covering kernel + one-pixel shift.
    groups = []
    for s in (0, 1):
        for t in (0, 1):
            shifted = tf.pad(kernel, [[s, 2 * bh - kh - s], [t, 2 * bw - kw - t], [0, 0], [0, 0]])
            blocks = tf.reshape(shifted, (bh, 2, bw, 2, c, f))
            blocks = tf.transpose(blocks, (0, 2, 1, 3, 4, 5))
            groups.append(tf.reshape(blocks, (bh, bw, 4 * c, f)))
    return tf.concat(groups, axis=-1)


def conv_relu_pool(x: tf.Tensor, conv: keras.layers.Conv2D, first: bool) -> tf.Tensor:
    """maxpool2x2(relu(conv(x) + bias)), computed as relu(max(conv(x)) + bias).

    `first`: x is the input image (no gradient needed); with one channel it goes through
    space-to-depth, which needs even height and width.
    """
    kernel = tf.convert_to_tensor(conv.kernel)
    kh, kw, channels, filters = (int(d) for d in kernel.shape)
    padded = _same_padding(x, kh, kw)
    if first and channels == 1:
        blocks = tf.nn.space_to_depth(padded, 2)
        y = valid_conv(blocks, space_to_depth_kernel(kernel), input_gradient=False)
        shape = tf.shape(y)
        y = tf.reshape(y, (shape[0], shape[1], shape[2], 4, filters))
        pooled = tf.reduce_max(y, axis=3)
    else:
        y = valid_conv(padded, kernel, input_gradient=not first)
        pooled = tf.nn.max_pool2d(y, 2, 2, "VALID")
    return tf.nn.relu(pooled + conv.bias)


def _fusable(conv: keras.layers.Layer, pool: keras.layers.Layer) -> bool:
    """Conv2D (odd square-or-not kernel, stride 1, same padding, ReLU) then a 2x2 max-pool."""
    if not isinstance(conv, keras.layers.Conv2D) or not isinstance(pool, keras.layers.MaxPool2D):
        return False
    kh, kw = conv.kernel_size
    in_h, in_w = conv.input.shape[1:3]
    return (
        conv.activation is keras.activations.relu
        and conv.use_bias
        and conv.activity_regularizer is None  # Only a Keras call of the layer records it.
        and conv.padding == "same"
        and tuple(conv.strides) == (1, 1)
        and tuple(conv.dilation_rate) == (1, 1)
        and conv.groups == 1
        and conv.data_format == "channels_last"
        and kh % 2 == 1
        and kw % 2 == 1
        and tuple(pool.pool_size) == (2, 2)
        and tuple(pool.strides) == (2, 2)
        and pool.padding == "valid"
        and pool.data_format == "channels_last"
        and in_h is not None
        and in_w is not None
        and in_h % 2 == 0
        and in_w % 2 == 0
    )


def blocks_apply(model: keras.Model) -> bool:
    """The model is a Sequential with at least one conv+pool pair to rearrange."""
    if not isinstance(model, keras.Sequential):
        return False
    layers = list(model.layers)
    return any(_fusable(a, b) for a, b in itertools.pairwise(layers))


def training_layers(model: keras.Model, training: bool = True) -> list[Layer]:
    """The model's layers as functions for training (or, `training=False`, for answering),
    conv+pool pairs rearranged."""
    layers = list(model.layers)
    steps: list[Layer] = []
    i = 0
    while i < len(layers):
        layer = layers[i]
        if i + 1 < len(layers) and _fusable(layer, layers[i + 1]):
            first = i == 0
            steps.append(lambda h, conv=layer, first=first: conv_relu_pool(h, conv, first))
            i += 2
        else:
            steps.append(lambda h, layer=layer: layer(h, training=training))
            i += 1
    return steps
