"""How much memory libjpeg needs for a JPEG, read from its markers before decoding.

A progressive JPEG, or one whose colours come in several scans, makes libjpeg keep every DCT
coefficient of the full-size image (2 bytes each) whatever the output scale; a baseline JPEG
needs next to nothing. `jpeg_buffer_bytes` predicts that cost (docs/reliability.md,
"Uploaded images").
"""

from __future__ import annotations

import math
import re

# An 0xFF byte that starts a marker: not a stuffed 0xFF 0x00, a restart marker or a fill byte.
_MARKER = re.compile(rb"\xff(?=[^\x00\xd0-\xd7\xff])")
_PROGRESSIVE = (0xC2, 0xC6, 0xCA, 0xCE)  # SOF2, SOF6, SOF10, SOF14.
MAX_SEGMENTS = 20_000  # Real files have a few dozen; more is a file built to waste time.


class JpegScanError(ValueError):
    """The JPEG's marker structure is broken."""


def jpeg_scans(data: bytes, max_scans: int = 10_000) -> tuple[bool, int]:
    """(progressive?, number of scans) of a JPEG; counting stops past `max_scans`.

    Walks the marker segments and jumps over each scan's entropy-coded data with one
    regular-expression search, so a 5 MB file is read in milliseconds.
    """
    if data[:2] != b"\xff\xd8":
        raise JpegScanError("no JPEG start marker")
    progressive, scans, pos, size = False, 0, 2, len(data)
    for _ in range(MAX_SEGMENTS):
        while pos < size and data[pos] == 0xFF:  # Markers may be padded with 0xFF bytes.
            pos += 1
        if pos >= size:
            return progressive, scans
        marker = data[pos]
        pos += 1
        if marker == 0xD9:  # End of image.
            return progressive, scans
        if 0xD0 <= marker <= 0xD7 or marker == 0x01:  # Markers without a length.
            continue
        if pos + 2 > size:
            return progressive, scans  # Cut short: the decoder will say so.
        length = int.from_bytes(data[pos : pos + 2], "big")
        if length < 2:
            raise JpegScanError(f"segment length {length}")
        progressive |= marker in _PROGRESSIVE
        pos += length
        if marker == 0xDA:  # Start of scan: its entropy-coded data follows the header.
            scans += 1
            if scans > max_scans:
                return progressive, scans
            found = _MARKER.search(data, pos)
            if found is None:
                return progressive, scans
            pos = found.start()
        elif pos < size and data[pos] != 0xFF:  # Stray bytes, which libjpeg skips too.
            pos = data.find(b"\xff", pos)
            if pos < 0:
                return progressive, scans
    raise JpegScanError(f"more than {MAX_SEGMENTS:,} segments")


def coefficient_bytes(width: int, height: int, layer: list[tuple[int, int, int, int]]) -> int:
    """Bytes libjpeg needs to keep every DCT coefficient of the image (jdcoefct.c).

    `layer` is PIL's list of components: (id, horizontal sampling, vertical sampling,
    quantisation table). Each component is stored in 8x8 blocks of 64 two-byte
    coefficients, padded to whole MCUs.
    """
    if not layer:
        return 0
    h_max = max(max(1, h) for _, h, _, _ in layer)
    v_max = max(max(1, v) for _, _, v, _ in layer)
    total = 0
    for _, h, v, _ in layer:
        h, v = max(1, h), max(1, v)
        blocks_wide = math.ceil(math.ceil(width * h / h_max) / 8)
        blocks_high = math.ceil(math.ceil(height * v / v_max) / 8)
        total += math.ceil(blocks_wide / h) * h * math.ceil(blocks_high / v) * v * 128
    return total


def jpeg_buffer_bytes(
    data: bytes, width: int, height: int, layer: list, max_scans: int = 10_000
) -> tuple[int, int]:
    """(bytes libjpeg must hold for the full-size image, number of scans).

    0 bytes for a single-scan baseline JPEG, which is decoded a few rows at a time.
    """
    progressive, scans = jpeg_scans(data, max_scans)
    buffered = progressive or scans > 1
    return (coefficient_bytes(width, height, layer) if buffered else 0), scans
