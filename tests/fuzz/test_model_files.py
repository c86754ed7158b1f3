"""Fuzzing `.keras` model uploads: every bad file is a one-line ModelFileError.

Random bytes, junk archives, truncated files, the wrong input shape or number of classes,
a Lambda layer (loaded only with safe_mode=True, and refused), a second input.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.fuzz.files import (
    CLASSES,
    FUZZ,
    INPUT_SHAPE,
    good_model_file,
    junk_zip,
    model_bytes,
    small_model,
    two_input_model,
)


def assert_model_error(data: bytes, *words: str) -> str:
    """`data` is refused with a one-line ModelFileError containing `words`; return it."""
    from core.engine.model_io import ModelFileError, load_checked_model

    with pytest.raises(ModelFileError) as caught:
        load_checked_model(data, INPUT_SHAPE, CLASSES)
    message = str(caught.value)
    assert message and "\n" not in message, message
    for word in words:
        assert word in message, message
    return message


@pytest.mark.timeout(60)
@settings(FUZZ, max_examples=30)
@given(data=st.binary(max_size=1024))
def test_random_bytes_are_no_model(data: bytes) -> None:
    """Random bytes as a .keras upload: a ModelFileError, nothing else."""
    assert_model_error(data)


@pytest.mark.timeout(60)
@pytest.mark.parametrize(
    "files",
    [
        {},
        {"junk.txt": b"hello"},
        {"config.json": b"{not json"},
        {"config.json": b"[]"},
        {"config.json": b'{"class_name": "Sequential"}', "metadata.json": b"{}"},
        {"config.json": b'{"class_name": "os.system", "config": {}}'},
        {"config.json": b'{"module": "os", "class_name": "system", "config": "ls"}'},
    ],
    ids=["empty-zip", "text", "bad-json", "list-json", "no-weights", "odd-class", "os-module"],
)
def test_zip_with_junk_is_no_model(files: dict[str, bytes]) -> None:
    """A zip archive that is not a Keras model is refused with a one-line message."""
    assert_model_error(junk_zip(files), "could not be loaded")


@pytest.mark.timeout(60)
@settings(FUZZ, max_examples=15)
@given(fraction=st.floats(0.0, 0.99))
def test_truncated_model_file(fraction: float) -> None:
    """A real .keras file cut short is refused cleanly."""
    data = good_model_file()
    assert_model_error(data[: int(len(data) * fraction)])


def test_a_good_model_file_loads() -> None:
    """The check itself lets a proper 28x28x1 -> 10 model through."""
    from core.engine.model_io import load_checked_model

    model = load_checked_model(good_model_file(), INPUT_SHAPE, CLASSES)
    assert tuple(model.outputs[0].shape[1:]) == (CLASSES,)


def test_wrong_input_shape() -> None:
    assert_model_error(model_bytes(small_model(input_shape=(32, 32, 3))), "expects inputs")


def test_wrong_number_of_classes() -> None:
    assert_model_error(model_bytes(small_model(classes=5)), "outputs of shape (5,)", "10 classes")


def test_lambda_layer_is_refused_with_a_message() -> None:
    """A model with a Lambda layer (saved Python code) is refused, naming the Lambda layer."""
    assert_model_error(model_bytes(small_model(lambda_layer=True)), "Lambda")


def test_models_are_loaded_in_safe_mode(monkeypatch: pytest.MonkeyPatch) -> None:
    """core.engine.model_io always passes safe_mode=True (and compile=False) to keras."""
    import keras

    from core.engine import model_io

    seen = []
    real = keras.models.load_model

    def spy(*args, **kwargs):
        seen.append(kwargs)
        return real(*args, **kwargs)

    monkeypatch.setattr(model_io.keras.models, "load_model", spy)
    model_io.load_checked_model(good_model_file(), INPUT_SHAPE, CLASSES)
    assert seen and all(k.get("safe_mode") is True for k in seen), seen


def test_a_model_with_two_inputs_is_refused() -> None:
    assert_model_error(model_bytes(two_input_model()))
