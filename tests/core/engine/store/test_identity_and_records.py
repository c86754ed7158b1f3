"""Student ids have one shape, and run records survive the trip to bytes and back."""

from __future__ import annotations

import dataclasses
import os
import pickle
import random

import numpy as np
import pytest

from core.engine.store import decode, encode, is_student_id, new_student_id


def test_new_ids_are_random_and_have_the_shape_is_student_id_accepts() -> None:
    ids = {new_student_id() for _ in range(200)}
    assert len(ids) == 200
    assert all(len(i) == 32 and is_student_id(i) for i in ids)


@pytest.mark.parametrize(
    "text",
    ["", "abc", "x" * 31, "x" * 33, "a" * 31 + "!", "a" * 31 + "é", " " + "a" * 31, None, 42],
)
def test_anything_else_is_no_id(text: object) -> None:
    assert not is_student_id(text)


@dataclasses.dataclass
class Record:  # A run record's parts: arrays, bytes, numbers, text.
    weights: np.ndarray
    keras_file: bytes
    history: dict[str, list[float]]
    label: str


def test_a_record_with_arrays_and_bytes_comes_back_equal() -> None:
    record = Record(
        np.arange(12, dtype=np.float32).reshape(3, 4),
        os.urandom(500),
        {"loss": [0.5, 0.25]},
        "Run 1",
    )
    back = decode(encode(record))
    assert isinstance(back, Record)
    assert np.array_equal(back.weights, record.weights) and back.weights.dtype == np.float32
    assert back.keras_file == record.keras_file and back.history == record.history


def test_compression_is_used_only_when_it_pays() -> None:
    zeros = np.zeros(100_000, dtype=np.float32)
    noise = os.urandom(1_000_000)  # Large: decided on samples.
    assert len(encode(zeros)) < len(pickle.dumps(zeros, protocol=5)) / 10
    assert len(encode(noise)) <= len(pickle.dumps(noise, protocol=5)) + 1
    assert decode(encode(zeros)).sum() == 0 and decode(encode(noise)) == noise


_NOISE = random.Random(0)  # Seeded: every pytest-xdist worker must collect the same tests.


@pytest.mark.parametrize(
    "payload",
    [
        b"",
        b"garbage",
        b"Z" + _NOISE.randbytes(100),
        b"P" + _NOISE.randbytes(100),
        _NOISE.randbytes(1000),
    ],
    ids=["empty", "text", "zlib-marker", "pickle-marker", "noise"],
)
def test_garbage_decodes_to_none(payload: bytes) -> None:
    assert decode(payload) is None


def test_a_truncated_payload_and_a_vanished_class_decode_to_none() -> None:
    payload = encode({"weights": np.ones(1000)})
    assert decode(payload[: len(payload) // 2]) is None
    renamed = pickle.dumps(Record(np.ones(2), b"", {}, ""), protocol=5).replace(
        b"Record", b"Gone00"
    )
    assert decode(b"P" + renamed) is None
