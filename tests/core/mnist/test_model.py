"""The MNIST CNN: the workshop's layer table, seeds, and safe `.keras` save/load."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from core.engine.models.files import ModelFileError, load_checked_model, model_to_bytes, save_model
from core.mnist.config import MnistConfig
from core.mnist.model import CLASSES, INPUT_SHAPE, build_mnist_model, layer_table
from core.mnist.shapes import layer_rows


@pytest.fixture(scope="module")
def model() -> keras.Model:
    return build_mnist_model(MnistConfig())


@pytest.fixture(scope="module")
def images() -> np.ndarray:
    """Eight fixed inputs in [0, 1], shaped as the network expects."""
    return np.random.default_rng(0).random((8, *INPUT_SHAPE), dtype=np.float32)


def test_layer_shapes_and_sizes_match_the_workshop(model):
    """28x28x16 = 12,544 after conv1, 14x14x16 = 3,136, 14x14x32, 7x7x32 = 1,568, then 10."""
    rows = {row.name: row for row in layer_table(model)}
    expected = {
        "conv1": ("28x28x16", 12_544),
        "pool1": ("14x14x16", 3_136),
        "conv2": ("14x14x32", 6_272),
        "pool2": ("7x7x32", 1_568),
        "flatten": ("1568", 1_568),
        "dense": ("128", 128),
        "dropout": ("128", 128),
        "digits": ("10", 10),
    }
    assert list(rows) == list(expected)
    assert {name: (r.output_shape, r.output_size) for name, r in rows.items()} == expected


def test_parameters_per_layer(model):
    """conv1 5*5*16+16 = 416, conv2 5*5*16*32+32 = 12,832, dense 200,832, digits 1,290."""
    params = {row.name: row.parameters for row in layer_table(model)}
    assert params == {
        "conv1": 416,
        "pool1": 0,
        "conv2": 12_832,
        "pool2": 0,
        "flatten": 0,
        "dense": 200_832,
        "dropout": 0,
        "digits": 1_290,
    }
    assert sum(params.values()) == model.count_params() == 215_370


def test_two_separate_pooling_layers(model):
    """The notebook's reused pooling object is gone: two distinct MaxPool2D layers."""
    pools = [layer for layer in model.layers if isinstance(layer, keras.layers.MaxPooling2D)]
    assert len(pools) == 2 and pools[0] is not pools[1]


@pytest.mark.parametrize(
    "config",
    [
        MnistConfig(),
        MnistConfig(filters=(8, 64), kernel_size=3, dense_units=32),
        MnistConfig(filters=(4, 128), kernel_size=7, dense_units=512, dropout=0.0),
        MnistConfig(filters=(1, 1), kernel_size=5, dense_units=8),
    ],
    ids=["workshop", "small-kernel", "large-kernel", "tiny"],
)
def test_arithmetic_table_equals_keras_table(config):
    """The page's TensorFlow-free table agrees row for row with the real Keras model."""
    assert layer_rows(config) == layer_table(build_mnist_model(config))
    # Biases counted apart (one per filter or neuron), as the Neurons page counts them.
    biases = sum(row.biases for row in layer_rows(config))
    assert biases == sum(config.filters) + config.dense_units + 10


def test_outputs_are_probabilities(model, images):
    """Ten non-negative outputs per image that sum to one (softmax)."""
    out = np.asarray(model(images, training=False))
    assert out.shape == (8, CLASSES)
    assert (out >= 0).all()
    np.testing.assert_allclose(out.sum(axis=1), 1.0, atol=1e-5)


def test_same_seed_same_initial_weights():
    """Two builds with one seed are identical; another seed gives other weights."""
    a = build_mnist_model(MnistConfig(seed=3)).get_weights()
    b = build_mnist_model(MnistConfig(seed=3)).get_weights()
    c = build_mnist_model(MnistConfig(seed=4)).get_weights()
    for left, right in zip(a, b, strict=True):
        np.testing.assert_array_equal(left, right)
    assert not np.array_equal(a[0], c[0])


def test_save_and_load_give_identical_predictions(model, images, tmp_path):
    """save_model + load_checked_model round trip: same layers, same answers to the bit.

    The notebook's single reused pooling layer broke exactly this.
    """
    path = tmp_path / "sub" / "mnist.keras"
    save_model(model, path)
    assert path.is_file()
    assert not list(path.parent.glob("*.partial*"))  # The atomic save leaves nothing behind.
    loaded = load_checked_model(path, INPUT_SHAPE, CLASSES)
    assert [layer.name for layer in loaded.layers] == [layer.name for layer in model.layers]
    np.testing.assert_array_equal(
        np.asarray(loaded(images, training=False)), np.asarray(model(images, training=False))
    )


def test_model_bytes_load_back(model, images):
    """The download button's bytes load as the same model."""
    loaded = load_checked_model(model_to_bytes(model), INPUT_SHAPE, CLASSES)
    np.testing.assert_array_equal(
        np.asarray(loaded(images, training=False)), np.asarray(model(images, training=False))
    )


def test_save_model_refuses_other_suffixes(model, tmp_path):
    """Only .keras files are written."""
    with pytest.raises(ModelFileError, match=r"must end in \.keras"):
        save_model(model, tmp_path / "model.h5")
    assert not list(tmp_path.iterdir())


def _tiny(input_shape: tuple[int, ...], classes: int) -> keras.Model:
    return keras.Sequential(
        [
            keras.Input(shape=input_shape),
            keras.layers.Flatten(),
            keras.layers.Dense(classes, activation="softmax"),
        ]
    )


def test_wrong_input_shape_is_rejected(tmp_path):
    """A 32x32x3 model is refused with both shapes in the message."""
    path = tmp_path / "cifar.keras"
    _tiny((32, 32, 3), 10).save(path)
    with pytest.raises(ModelFileError, match=r"cifar\.keras expects inputs of shape") as caught:
        load_checked_model(path, INPUT_SHAPE, CLASSES)
    assert "(32, 32, 3)" in str(caught.value) and "(28, 28, 1)" in str(caught.value)


def test_wrong_number_of_classes_is_rejected(tmp_path):
    """A model with three outputs (say, the Iris one) is refused: ten classes are needed."""
    path = tmp_path / "three.keras"
    _tiny(INPUT_SHAPE, 3).save(path)
    with pytest.raises(ModelFileError, match=r"outputs of shape \(3,\), but 10 classes"):
        load_checked_model(path, INPUT_SHAPE, CLASSES)


def test_lambda_layer_is_refused(tmp_path):
    """A .keras with a Lambda layer (saved Python code) is rejected, and the message says so."""
    model = keras.Sequential(
        [
            keras.Input(shape=INPUT_SHAPE),
            keras.layers.Lambda(lambda x: x * 2.0),
            keras.layers.Flatten(),
            keras.layers.Dense(CLASSES, activation="softmax"),
        ]
    )
    path = tmp_path / "lambda.keras"
    model.save(path)
    with pytest.raises(ModelFileError, match="Lambda") as caught:
        load_checked_model(path, INPUT_SHAPE, CLASSES)
    assert "lambda.keras" in str(caught.value)
    assert "\n" not in str(caught.value)


def test_files_that_are_not_models(tmp_path):
    """A missing file, a non-zip file and random upload bytes each get a one-line reason."""
    with pytest.raises(ModelFileError, match="model file not found"):
        load_checked_model(tmp_path / "absent.keras", INPUT_SHAPE, CLASSES)
    text = tmp_path / "notes.keras"
    text.write_text("not a model")
    with pytest.raises(ModelFileError, match=r"notes\.keras is not a \.keras model file"):
        load_checked_model(text, INPUT_SHAPE, CLASSES)
    with pytest.raises(ModelFileError, match=r"the upload is not a \.keras model file"):
        load_checked_model(b"\x00\x01garbage", INPUT_SHAPE, CLASSES)
