"""The MNIST sentences say the numbers of the network on screen, whatever its settings."""

from __future__ import annotations

import itertools

import pytest

from core.mnist.config import MnistConfig
from core.mnist.sentences import (
    epoch_sentence,
    feature_layer_names,
    filters_caption,
    filters_heading,
    layer_table_caption,
    layers_explained,
    train_prompt,
    weights_sentence,
)
from core.mnist.shapes import layer_rows

# Every choice the MNIST page offers (its select sliders).
FILTERS1, FILTERS2, KERNELS, DENSE = [4, 8, 16, 32, 64], [8, 16, 32, 64, 128], [3, 5, 7], [32, 512]


def test_the_workshops_network_is_described_with_the_workshops_numbers():
    caption = layer_table_caption(MnistConfig())
    assert "7x7x32 = 1,568 values" in caption
    assert caption.startswith("215,370 = 215,184 weights + 186 biases, counted apart as on")
    assert "Most of the weights and biases sit in the dense layer: 200,832 of 215,370" in caption
    assert "each of its 128 neurons reads all 1,568 values; conv2 has 12,832." in caption


def test_wide_convolutions_put_most_weights_in_conv2():
    """The issue's example: 64/128 filters, 7x7 kernels, 32 dense units."""
    config = MnistConfig(filters=(64, 128), kernel_size=7, dense_units=32)
    caption = layer_table_caption(config)
    assert "7x7x128 = 6,272 values" in caption
    assert "Most of the weights and biases sit in conv2: 401,536 of 605,802" in caption
    # 64 + 128 + 32 + 10 biases, one per filter or neuron; the rest are weights.
    assert caption.startswith("605,802 = 605,568 weights + 234 biases")
    assert "each of its 128 filters is 7x7x64 weights" in caption
    assert caption.endswith("the dense layer has 200,736.")
    assert "1,568" not in caption and "7x7x32" not in caption


@pytest.mark.parametrize(
    ("f1", "f2", "kernel", "dense"), list(itertools.product(FILTERS1, FILTERS2, KERNELS, DENSE))
)
def test_caption_names_the_largest_layer_of_every_network_the_page_offers(f1, f2, kernel, dense):
    config = MnistConfig(filters=(f1, f2), kernel_size=kernel, dense_units=dense)
    rows = layer_rows(config)
    biggest = max(rows, key=lambda row: row.parameters)
    total = sum(row.parameters for row in rows)
    caption = layer_table_caption(config)
    assert f"{biggest.parameters:,} of {total:,}" in caption
    assert f"7x7x{f2} = {7 * 7 * f2:,} values" in caption
    explained = layers_explained(config)
    assert f"{f1} learned {kernel}x{kernel} kernels slide over the image" in explained
    assert f"{f2} kernels, each {kernel}x{kernel}x{f1}" in explained
    assert f"over pool1's {f1} pooled maps (14x14x{f1}), not over the image" in explained
    assert f"instead of shrinking to {29 - kernel}x{29 - kernel}" in explained
    assert f"one line of {7 * 7 * f2:,} numbers" in explained


def test_layers_explained_has_dropout_scaling_and_dense_units():
    text = layers_explained(MnistConfig(dense_units=64, dropout=0.25))
    assert "ignores a random 25% of the dense layer's outputs" in text
    assert "each of its 64 neurons" in text
    assert "0 (black) to 255 (white)" in text and "0.0 to 1.0" in text
    assert "your drawing" in text  # The same scaling for a drawing as for training.


def test_filter_heading_and_caption_follow_the_numbers():
    assert filters_heading(16) == "The 16 learned filters of the first layer"
    assert filters_heading(1) == "The 1 learned filter of the first layer"
    assert filters_caption(7, 7).startswith("Each 7x7 square is one kernel.")


def test_layer_names_come_from_the_shapes():
    names = feature_layer_names(
        {"conv1": (28, 28, 64), "pool1": (14, 14, 64), "conv2": (14, 14, 128), "pool2": (7, 7, 128)}
    )
    assert names == {
        "conv1": "conv1: 64 feature maps of the first convolution",
        "pool1": "pool1: the same 64 maps after 2x2 max pooling",
        "conv2": "conv2: 128 feature maps of the second convolution",
        "pool2": "pool2: after the second pooling, 7x7x128 values the dense layers read",
    }


def test_layer_names_of_a_real_keras_model():
    """The Inside-the-CNN page reads the shapes from the trained model itself."""
    from core.mnist import inside
    from core.mnist.model import build_mnist_model

    model = build_mnist_model(MnistConfig(filters=(8, 16), kernel_size=7, dense_units=32))
    names = feature_layer_names(inside.layer_shapes(model))
    assert names["conv2"] == "conv2: 16 feature maps of the second convolution"
    filters = inside.conv_filters(model)[:, 0]
    assert filters_heading(len(filters)).startswith("The 8 learned filters")
    assert filters_caption(*filters.shape[1:]).startswith("Each 7x7 square")
    # conv2's kernels are what the sentence says: 7x7 over all of conv1's 8 maps, 16 of them.
    conv2 = next(layer for layer in model.layers if layer.name == "conv2")
    assert tuple(conv2.kernel.shape) == (7, 7, 8, 16)
    explained = layers_explained(MnistConfig(filters=(8, 16), kernel_size=7, dense_units=32))
    assert "16 kernels, each 7x7x8" in explained
    assert conv2.padding == "same" and 'padding="same"' in explained


def test_an_epoch_is_defined_with_the_numbers_on_screen():
    assert epoch_sentence(MnistConfig()) == (
        "An **epoch** is one pass over your training data: 60,000 digits, shuffled, in 469 "
        "**batches** of 128 (the last one smaller). Keras's epoch is a set number of batches; "
        "here, as usual, the number one pass takes (the Iris notebook's is not: the *Iris "
        "flowers* page). After each batch the weights take one **step** downhill, so 1 epoch "
        "makes 469 steps."
    )
    inverted = epoch_sentence(MnistConfig(invert=True, train_size=5_000, batch_size=50, epochs=3))
    assert "5,000 digits and their 5,000 inverted copies (10,000 in all)" in inverted
    assert "200 **batches** of 50." in inverted  # 10,000 / 50: no smaller last batch.
    assert "3 epochs make 600 steps" in inverted


def test_the_train_prompt_counts_batches_and_promises_no_time():
    prompt = train_prompt(MnistConfig(epochs=2, train_size=10_000, batch_size=256))
    assert prompt.startswith("Press **Train the network**: 80 batches of 256 digits.")
    assert "minute" not in prompt and "second" not in prompt


def test_the_weight_count_is_the_networks_own():
    config = MnistConfig(filters=(8, 16), dense_units=32)
    rows = layer_rows(config)
    total = sum(row.parameters for row in rows)
    dense = next(row.parameters for row in rows if row.name == "dense")
    assert weights_sentence(config, "Your CNN") == (
        f"Your CNN learns {total:,} weights and biases, {dense:,} of them in its dense layer alone."
    )
    # conv1 5*5*1*8+8, conv2 5*5*8*16+16, dense 7*7*16*32+32, digits 32*10+10.
    assert total == 208 + 3_216 + 25_120 + 330 and "millions" not in weights_sentence(config, "x")
