"""Latency of one prediction for a drawing: what a student waits for after lifting the pen.

The drawings are pre-rendered 280x280 canvas images (core.digits.strokes), so rendering is not
timed. The model is built by `build_mnist_model` and left untrained: a forward pass costs
the same whatever the weights are. For comparison, the same input through `model.predict`,
the notebook's habit, which sets up a whole prediction loop for one image.
"""

from __future__ import annotations

import argparse
import time

import numpy as np

from devtools.bench.child import child_main

PAPERS = ("transparent", "black", "white")  # The canvas's default first.
WARM_UP = 10
PREDICT_CALLS = 30  # model.predict is slow enough that fewer calls give a stable median.


def _stats(samples: list[float]) -> dict:
    """Median and 95th percentile, in milliseconds."""
    ms = np.asarray(samples) * 1000
    return {"median_ms": float(np.median(ms)), "p95_ms": float(np.percentile(ms, 95))}


def measure(args: argparse.Namespace) -> dict:
    from core.digits.predict import predict_drawing
    from core.digits.preprocess import preprocess_drawing, to_model_batch
    from core.digits.strokes import render_digit
    from core.mnist.model import build_mnist_model

    rng = np.random.default_rng(0)
    drawings = [
        render_digit(i % 10, rng, paper=PAPERS[i % len(PAPERS)], size=280)
        for i in range(args.drawings)
    ]
    model = build_mnist_model()
    for image in drawings[:WARM_UP]:  # Traces the call and fills caches.
        predict_drawing(model, image)
    for image in drawings[:3]:
        model.predict(to_model_batch(preprocess_drawing(image)), verbose=0)

    full, pre, keras_predict = [], [], []
    for image in drawings:
        started = time.perf_counter()
        predict_drawing(model, image)
        full.append(time.perf_counter() - started)
    for image in drawings:
        started = time.perf_counter()
        batch = to_model_batch(preprocess_drawing(image))
        pre.append(time.perf_counter() - started)
    for image in drawings[:PREDICT_CALLS]:
        batch = to_model_batch(preprocess_drawing(image))
        started = time.perf_counter()
        model.predict(batch, verbose=0)
        keras_predict.append(time.perf_counter() - started)
    return {
        "drawings": len(drawings),
        "predict": _stats(full),
        "preprocess": _stats(pre),
        "model_predict": _stats(keras_predict),
    }


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(description=__doc__)
    p.add_argument("--drawings", type=int, default=200, help="how many drawings to time")
    return p


if __name__ == "__main__":
    child_main(measure, parser())
