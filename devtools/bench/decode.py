"""What an uploaded image costs to decode: peak memory and time, each in a fresh process.

    python -m devtools.bench.decode                 # the table
    python -m devtools.bench.decode --code ../old   # the same files against another checkout

How the peak is read: docs/architecture.md, "Timing a decode".
"""

from __future__ import annotations

import argparse
import io
import itertools
import json
import os
import re
import struct
import subprocess
import sys
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw
from PIL.PngImagePlugin import PngInfo

ROOT = Path(__file__).resolve().parents[2]
ROUTES = ("draw", "kernel", "cli")  # The Draw page, the Kernel page, `predict mnist`.
SEVEN = [(0.24, 0.2), (0.76, 0.2), (0.44, 0.84)]  # A "7" in fractions of the picture.


def _encode(image: Image.Image, fmt: str, **params) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, fmt, **params)
    return buffer.getvalue()


def _seven(image: Image.Image, ink, width_fraction: float = 0.08) -> Image.Image:
    w, h = image.size
    ImageDraw.Draw(image).line(
        [(x * w, y * h) for x, y in SEVEN], fill=ink, width=int(w * width_fraction)
    )
    return image


def _blotches(size: tuple[int, int], cells: int, seed: int, mode: str = "RGB") -> Image.Image:
    """A smooth random picture: compresses like a photo, not like noise."""
    rng = np.random.default_rng(seed)
    channels = {"RGB": 3, "L": 1}[mode]
    small = rng.integers(0, 256, (cells, cells * size[0] // size[1], channels), np.uint8)
    base = Image.fromarray(small[..., 0] if channels == 1 else small, mode)
    return base.resize(size, Image.Resampling.BILINEAR)


def _phone_photo() -> bytes:
    photo = _seven(_blotches((4000, 3000), 120, 1), (20, 20, 20), 0.05)
    grain = np.random.default_rng(2).integers(-4, 5, (3000, 4000, 1), dtype=np.int16)
    pixels = np.clip(np.asarray(photo, np.int16) + grain, 0, 255).astype(np.uint8)
    exif = Image.Exif()
    exif[0x0112] = 6  # Held upright: stored on its side, as phones do.
    return _encode(Image.fromarray(pixels), "JPEG", quality=80, exif=exif)


def _many_scans(count: int) -> bytes:
    """A progressive JPEG with its smallest scan repeated `count` times: libjpeg decodes
    every repeat (a warning, not an error), so a small file takes seconds."""
    picture = _seven(_blotches((3000, 3000), 160, 9), (0, 0, 0))
    jpeg = _encode(picture, "JPEG", quality=30, progressive=True)
    starts = [m.start() for m in re.finditer(rb"\xff\xda", jpeg)] + [len(jpeg) - 2]
    smallest = min((jpeg[a:b] for a, b in itertools.pairwise(starts)), key=len)
    return jpeg[:-2] + smallest * count + b"\xff\xd9"


def _png_header(width: int, height: int) -> bytes:
    import zlib

    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
        )

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    idat = zlib.compress(b"\0" * 4096)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", idat) + chunk(b"IEND", b"")


def _text_bomb() -> bytes:
    """A PNG whose 64 text chunks each unpack to 1 MB (PIL keeps up to 64 MB of text)."""
    info = PngInfo()
    for i in range(64):
        info.add_text(f"k{i}", "x" * 2**20, zip=True)
    return _encode(_seven(Image.new("L", (400, 400), 255), 0), "PNG", pnginfo=info)


# name -> (builder, accepted?). The first three are the files.
FILES = {
    "one-bit PNG 4999x5000": (
        lambda: _encode(_seven(Image.new("1", (4999, 5000), 1), 0), "PNG"),
        True,
    ),
    "JPEG quality 10, 4999x5000": (
        lambda: _encode(_seven(_blotches((4999, 5000), 160, 0), (0, 0, 0)), "JPEG", quality=10),
        True,
    ),
    "phone photo JPEG 4000x3000": (_phone_photo, True),
    "colour PNG 4096x4096 (largest)": (
        lambda: _encode(_seven(_blotches((4096, 4096), 8, 3), (0, 0, 0)), "PNG"),
        True,
    ),
    "16-bit grey PNG 4999x5000": (
        lambda: _encode(
            Image.fromarray(
                np.asarray(_seven(_blotches((4999, 5000), 8, 4, "L"), 0)).astype(np.uint16) * 257
            ),
            "PNG",
        ),
        True,
    ),
    "palette PNG with transparency 4999x5000": (
        lambda: _encode(
            _seven(_blotches((4999, 5000), 8, 5), (0, 0, 0)).quantize(16), "PNG", transparency=0
        ),
        True,
    ),
    "progressive JPEG 4600x4600 (largest)": (
        lambda: _encode(
            _seven(_blotches((4600, 4600), 160, 6), (0, 0, 0)), "JPEG", quality=30, progressive=True
        ),
        True,
    ),
    "PNG with 64 MB of zipped text": (_text_bomb, False),
    "colour PNG 5000x5000": (
        lambda: _encode(_seven(_blotches((5000, 5000), 8, 7), (0, 0, 0)), "PNG"),
        False,
    ),
    "progressive JPEG 4:4:4 4999x5000": (
        lambda: _encode(
            _blotches((4999, 5000), 160, 8), "JPEG", quality=10, progressive=True, subsampling=0
        ),
        False,
    ),
    "one-bit PNG 6000x5000": (
        lambda: _encode(_seven(Image.new("1", (6000, 5000), 1), 0), "PNG"),
        False,
    ),
    "PNG header claiming 30000x30000": (lambda: _png_header(30_000, 30_000), False),
    "progressive JPEG with 2000 scans": (lambda: _many_scans(2000), False),
}


def build_files(folder: Path, names: list[str] | None = None) -> dict[str, Path]:
    """Write the files (all, or `names`) into `folder`; {name: path}."""
    folder.mkdir(parents=True, exist_ok=True)
    paths = {}
    for i, name in enumerate(names or FILES):
        path = folder / f"{i:02d}.{'png' if 'PNG' in name else 'jpg'}"
        if not path.exists():
            path.write_bytes(FILES[name][0]())
        paths[name] = path
    return paths


CHILD = r"""
import json, sys, threading, time
sys.path.insert(0, sys.argv[1])
from core.digits.image_files import ImageFileError, decode_image, load_image_file
from core.digits.preprocess import preprocess_drawing
try:
    from core.kernels.sample_images import uploaded_image
except ImportError:  # An older checkout: what its Kernel page did.
    from core.kernels.sample_images import fit_within
    def uploaded_image(data):
        return fit_within(decode_image(data, mode="L"))
route, paths = sys.argv[2], sys.argv[3:]

def status(key):
    with open("/proc/self/status") as f:
        return next(int(line.split()[1]) // 1024 for line in f if line.startswith(key))

def run(path, out):
    try:
        if route == "draw":
            preprocess_drawing(decode_image(open(path, "rb").read()), "auto")
        elif route == "kernel":
            uploaded_image(open(path, "rb").read())
        else:
            preprocess_drawing(load_image_file(path), "auto")
    except ImageFileError as error:
        out.append(str(error))
    else:
        out.append("")

# Warm up: the plugins and code paths load once, outside the measurement.
for name in ("tiny.png", "tiny.jpg"):
    import io
    from PIL import Image
    b = io.BytesIO(); Image.new("RGB", (40, 30), 9).save(b, name[-3:].replace("jpg", "jpeg"))
    decode_image(b.getvalue()); uploaded_image(b.getvalue())
    preprocess_drawing(decode_image(b.getvalue()), "auto")
try:
    with open("/proc/self/clear_refs", "w") as f:
        f.write("5")  # Peak RSS := current RSS (Linux >= 4.0); else the growth is overstated.
except OSError:
    pass
base = status("VmRSS")
messages = [[] for _ in paths]
threads = [threading.Thread(target=run, args=(p, m)) for p, m in zip(paths, messages)]
started = time.perf_counter()
for t in threads: t.start()
for t in threads: t.join()
print(json.dumps({"growth_mb": status("VmHWM") - base, "seconds": time.perf_counter() - started,
                  "errors": [m[0] for m in messages]}))
"""


def measure(paths: list[Path], route: str, code: Path = ROOT) -> dict:
    """Decode `paths` at once (one thread each) in a fresh process, as `route` does.

    Returns {"growth_mb": peak RSS above the baseline, "seconds", "errors": [message or ""]}.
    """
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(code), route, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=120,
        env={**os.environ, "PYTHONDONTWRITEBYTECODE": "1"},
    )
    if done.returncode != 0:
        raise RuntimeError(done.stderr.strip().splitlines()[-1] if done.stderr else "no output")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _best(paths: list[Path], route: str, code: Path, repeat: int) -> dict:
    """The fastest of `repeat` runs (time is noisy on shared cores) with the largest growth."""
    runs = [measure(paths, route, code) for _ in range(max(1, repeat))]
    return {
        "growth_mb": max(run["growth_mb"] for run in runs),
        "seconds": min(run["seconds"] for run in runs),
        "errors": runs[0]["errors"],
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--code", type=Path, default=ROOT, help="checkout whose decoder to use")
    parser.add_argument("--folder", type=Path, default=Path("/tmp/workshop-decode-files"))
    parser.add_argument("--routes", default=",".join(ROUTES))
    parser.add_argument("--repeat", type=int, default=1, help="runs per cell (shared CPUs)")
    args = parser.parse_args(argv)
    paths = build_files(args.folder)
    print("| file | size | route | peak RSS growth | decode s | result |")
    print("| --- | --- | --- | --- | --- | --- |")
    for name, path in paths.items():
        for route in args.routes.split(","):
            try:
                got = _best([path], route, args.code, args.repeat)
            except (RuntimeError, subprocess.TimeoutExpired) as error:
                print(f"| {name} | | {route} | | | failed: {error} |")
                continue
            result = got["errors"][0] or "decoded"
            size = f"{path.stat().st_size / 1024:,.0f} KB"
            print(
                f"| {name} | {size} | {route} | +{got['growth_mb']} MB | "
                f"{got['seconds']:.2f} | {result} |",
                flush=True,
            )
    first, second = paths["one-bit PNG 4999x5000"], paths["colour PNG 4096x4096 (largest)"]
    for route in ("draw", "kernel"):
        got = _best([first, second], route, args.code, args.repeat)
        print(
            f"| two at once: one-bit PNG + colour PNG | | {route} | +{got['growth_mb']} MB | "
            f"{got['seconds']:.2f} | {got['errors']} |"
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
