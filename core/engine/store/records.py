"""Run records as bytes, and a stored run as the store hands it back.

A run record (an Iris result, an MNIST run: dataclasses holding NumPy arrays and the `.keras`
file's bytes) is pickled with protocol 5, which copies NumPy buffers without detours, and
compressed with zlib only when that saves at least a tenth (the `.keras` file inside is a
zip already). The first byte says which, so a later version can add another form.

Only the server writes these bytes and only the server reads them: never decode bytes that
came from a browser (unpickling runs code).
"""

from __future__ import annotations

import logging
import pickle
import zlib
from dataclasses import dataclass

_PLAIN = b"P"
_ZLIB = b"Z"
_ZLIB_LEVEL = 1  # The fastest level: encode() runs on the page's thread, when a run ends.
_SAMPLES, _SAMPLE = 16, 8_192  # Samples, spread over a large record, that decide.

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class StoredRun:
    """One kept run: its id in the store (grows with each run), chapter, when it was saved
    (unix time) and the bytes encode() made."""

    run_id: int
    chapter: str
    created: float
    payload: bytes


def encode(obj: object) -> bytes:
    """The bytes to store for `obj`: pickle protocol 5, zlib-compressed if that pays.

    A large record is compressed only when samples spread over it shrink well: an MNIST run is
    mostly float32 weights and a zip, which zlib hardly shrinks, at a cost the page would wait
    for (docs/store.md, "What a student's work weighs").
    """
    raw = pickle.dumps(obj, protocol=5)
    if len(raw) > 8 * _SAMPLES * _SAMPLE:
        step = len(raw) // _SAMPLES
        sample = b"".join(raw[i * step : i * step + _SAMPLE] for i in range(_SAMPLES))
        if len(zlib.compress(sample, _ZLIB_LEVEL)) > 0.8 * len(sample):
            return _PLAIN + raw
    packed = zlib.compress(raw, _ZLIB_LEVEL)
    if len(packed) <= 0.9 * len(raw):
        return _ZLIB + packed
    return _PLAIN + raw


def decode(payload: bytes) -> object | None:
    """The object encode() stored, or None when the bytes are damaged or no longer load
    (a class renamed since, a truncated payload): a lost run, never a broken page."""
    try:
        kind, body = bytes(payload[:1]), memoryview(payload)[1:]
        if kind == _ZLIB:
            body = memoryview(zlib.decompress(body))
        elif kind != _PLAIN:
            return None
        return pickle.loads(body)
    except Exception as error:  # Anything at all: unpickling can raise whatever a class does.
        log.warning("a stored run no longer loads: %s: %s", type(error).__name__, error)
        return None
