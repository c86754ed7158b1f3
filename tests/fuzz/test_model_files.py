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
    padded_zip,
    small_model,
    two_input_model,
)

NAME = "student's model.keras"


def assert_model_error(data: bytes, *words: str) -> str:
    """`data` is refused with a one-sentence ModelFileError that names the student's file,
    quotes no Keras class path and cuts no word; it contains `words`. Returns it."""
    from core.engine.models.files import ModelFileError, load_checked_model

    with pytest.raises(ModelFileError) as caught:
        load_checked_model(data, INPUT_SHAPE, CLASSES, NAME)
    message = str(caught.value)
    assert message and "\n" not in message, message
    assert message.startswith(NAME) and message.endswith("."), message
    assert ". " not in message.removeprefix(NAME), message  # One sentence.
    for leak in ("keras.src", "<class", "upload.keras", "model.keras'", "Traceback", "Errno"):
        assert leak not in message, message
    for word in words:
        assert word in message, message
    return message


@pytest.mark.timeout(60)
@settings(FUZZ, max_examples=30)
@given(data=st.binary(max_size=1024))
def test_random_bytes_are_no_model(data: bytes) -> None:
    """Random bytes as a .keras upload: a ModelFileError, nothing else."""
    assert_model_error(data)


def _keras_files(**changes: bytes | None) -> dict[str, bytes]:
    """The members of a real .keras file, some replaced (None: removed)."""
    import io
    import zipfile

    with zipfile.ZipFile(io.BytesIO(good_model_file())) as archive:
        files = {name: archive.read(name) for name in archive.namelist()}
    files.update(changes)
    return {name: data for name, data in files.items() if data is not None}


def _config(edit) -> bytes:
    import json

    config = json.loads(_keras_files()["config.json"])
    return json.dumps(edit(config)).encode()


def _set_units(config: dict, units: int) -> dict:
    config["config"]["layers"][-1]["config"]["units"] = units
    return config


def _rename_layer(config: dict, name: str, module: str | None = None) -> dict:
    layer = config["config"]["layers"][-1]
    layer["class_name"] = name
    if module:
        layer["module"] = module
    return config


CRAFTED = {
    "empty-zip": (lambda: junk_zip({}), "has no config.json"),
    "text": (lambda: junk_zip({"junk.txt": b"hello"}), "has no config.json"),
    "bad-json": (lambda: junk_zip(_keras_files(**{"config.json": b"{not json"})), "valid JSON"),
    "list-json": (lambda: junk_zip(_keras_files(**{"config.json": b"[]"})), "does not describe"),
    "no-weights": (
        lambda: junk_zip(_keras_files(**{"model.weights.h5": None})),
        "has no weights",
    ),
    "odd-class": (
        lambda: junk_zip(
            _keras_files(**{"config.json": b'{"class_name": "os.system", "config": {}}'})
        ),
        "does not know",
    ),
    "os-module": (
        lambda: junk_zip(
            _keras_files(
                **{"config.json": b'{"module": "os", "class_name": "system", "config": "ls"}'}
            )
        ),
        "does not know",
    ),
    "unknown-layer": (
        lambda: junk_zip(
            _keras_files(**{"config.json": _config(lambda c: _rename_layer(c, "FancyDense"))})
        ),
        "does not know",
    ),
    "custom-module": (
        lambda: junk_zip(
            _keras_files(
                **{"config.json": _config(lambda c: _rename_layer(c, "Dense", "mypkg.layers"))}
            )
        ),
        "does not know",
    ),
    "other-weights": (
        lambda: junk_zip(
            _keras_files(
                **{"config.json": _config(lambda c: _set_units(c, 9)), "model.weights.h5": None}
            )
            | {"model.weights.h5": _keras_files()["model.weights.h5"]}
        ),
        "weights that do not fit",
    ),
    "garbage-weights": (
        lambda: junk_zip(_keras_files(**{"model.weights.h5": b"garbage"})),
        "damaged weights file",
    ),
    "300-GB-layer": (
        lambda: junk_zip(
            _keras_files(**{"config.json": _config(lambda c: _set_units(c, 100_000_000))})
        ),
        "MB of weights, more than the 64 MB",
    ),
    "many-files": (
        lambda: junk_zip({f"f{i}": b"" for i in range(1000)} | _keras_files()),
        "holds 1,003 files",
    ),
    "zip-bomb": (
        lambda: padded_zip(_keras_files(), 200),
        "unpacks to 200 MB",
    ),
    "hdf5": (lambda: b"\x89HDF\r\n\x1a\n" + bytes(100), "old Keras .h5 file"),
}


@pytest.mark.timeout(120)
@pytest.mark.parametrize("case", list(CRAFTED))
def test_crafted_files_are_refused_in_one_plain_sentence(case: str) -> None:
    """Junk archives, crafted configs, bombs: each refused, naming the file, saying why."""
    build, words = CRAFTED[case]
    assert_model_error(build(), words)


@pytest.mark.timeout(60)
@settings(FUZZ, max_examples=15)
@given(fraction=st.floats(0.0, 0.99))
def test_truncated_model_file(fraction: float) -> None:
    """A real .keras file cut short is refused cleanly."""
    data = good_model_file()
    assert_model_error(data[: int(len(data) * fraction)])


def test_a_good_model_file_loads() -> None:
    """The check itself lets a proper 28x28x1 -> 10 model through."""
    from core.engine.models.files import load_checked_model

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
    """core.engine.models.files always passes safe_mode=True (and compile=False) to keras."""
    import keras

    from core.engine.models import files as model_io

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
