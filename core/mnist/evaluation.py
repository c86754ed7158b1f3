"""Testing a trained MNIST CNN on the 10,000 test digits, as they are and inverted.

The records it fills (`MnistEvaluation`, `Misclassified`) live in core.mnist.run, which
needs no TensorFlow: a page can show them without loading it.
"""

from __future__ import annotations

import dataclasses

import keras
import numpy as np

import core.engine.runtime.tf_threads  # noqa: F401  (before any TensorFlow operation: see its docstring)
from core.engine.runtime.memory import release_memory
from core.engine.training.answers import Answer, make_answer
from core.mnist.data import MnistData, load_mnist
from core.mnist.run import Misclassified, MnistEvaluation

__all__ = ["Misclassified", "MnistEvaluation", "evaluate_mnist", "predict_digits"]

GALLERY_SIZE = 24
SCALE_AT_ONCE = 2048  # Test digits scaled to float32 at a time: 6 MB, not 31 MB for all.


def predict_digits(
    model: keras.Model, x: np.ndarray, invert: bool = False, answer: Answer | None = None
) -> np.ndarray:
    """Probabilities (N, 10) for uint8 images (N, 28, 28), scaled exactly as in training
    (`core.mnist.batches`), computed along the variant that trains the network here."""
    answer = answer or make_answer(model)
    parts = []
    for start in range(0, len(x), SCALE_AT_ONCE):
        pixels = x[start : start + SCALE_AT_ONCE, :, :, None].astype(np.float32) / np.float32(255)
        if invert:  # The same float32 arithmetic as the training's batches.
            pixels = pixels + (np.float32(1) - np.float32(2) * pixels)
        parts.append(answer(pixels))
    return np.concatenate(parts) if parts else np.zeros((0, 10), np.float32)


def evaluate_mnist(model: keras.Model, data: MnistData | None = None) -> MnistEvaluation:
    """Accuracy on the 10,000 test digits as they are, and on their inverted copies.

    The gap between the two numbers is the workshop's lesson on inversion.
    """
    data = data or load_mnist()
    truth = data.y_test.astype(np.int64)
    answer = make_answer(model)  # Compiled once for both test sets.
    normal = predict_digits(model, data.x_test, answer=answer)
    inverted = predict_digits(model, data.x_test, invert=True, answer=answer)
    predicted = normal.argmax(axis=1)
    predicted_inv = inverted.argmax(axis=1)
    confusion = np.zeros((10, 10), dtype=np.int64)
    np.add.at(confusion, (truth, predicted), 1)

    wrong = []
    results = ((normal, predicted, False), (inverted, predicted_inv, True))
    for probabilities, guesses, is_inverted in results:
        for index in np.flatnonzero(guesses != truth):
            wrong.append(
                Misclassified(
                    index=int(index),
                    inverted=is_inverted,
                    truth=int(truth[index]),
                    predicted=int(guesses[index]),
                    confidence=float(probabilities[index].max()),
                )
            )
    # The most confident mistakes teach the most; show those first.
    wrong.sort(key=lambda item: (item.inverted, -item.confidence))
    gallery = [w for w in wrong if not w.inverted][:GALLERY_SIZE]
    gallery += [w for w in wrong if w.inverted][:GALLERY_SIZE]
    # The pictures travel with the run, so a page shows them without loading MNIST.
    gallery = [
        dataclasses.replace(w, image=_picture(data.x_test[w.index], w.inverted)) for w in gallery
    ]
    release_memory()
    return MnistEvaluation(
        test_accuracy=float((predicted == truth).mean()),
        test_accuracy_inverted=float((predicted_inv == truth).mean()),
        confusion=confusion,
        misclassified=gallery,
    )


def _picture(image: np.ndarray, inverted: bool) -> np.ndarray:
    """A test digit as the network saw it: a 28x28 uint8 copy, inverted for that test set."""
    return (255 - image) if inverted else image.copy()
