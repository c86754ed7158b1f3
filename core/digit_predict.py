"""One drawing or photo in, ten digit probabilities out: the same path for page and CLI."""

from __future__ import annotations

from dataclasses import dataclass

import keras
import numpy as np

from core.digit_preprocess import Preprocessed, preprocess_drawing, to_model_batch

UNSURE_BELOW = 0.6  # Below this confidence the page says the network is unsure.


@dataclass(frozen=True)
class DigitPrediction:
    """What the network saw (`pre`) and what it answered (`probabilities`, None if empty)."""

    pre: Preprocessed
    probabilities: np.ndarray | None

    @property
    def digit(self) -> int | None:
        return None if self.probabilities is None else int(self.probabilities.argmax())

    @property
    def confidence(self) -> float:
        return 0.0 if self.probabilities is None else float(self.probabilities.max())

    @property
    def unsure(self) -> bool:
        return self.probabilities is not None and self.confidence < UNSURE_BELOW


def predict_drawing(
    model: keras.Model, image: np.ndarray, paper: str = "auto", centre: bool = True
) -> DigitPrediction:
    """Preprocess like MNIST, then one forward pass.

    Calling the model directly (not `model.predict`) keeps one image at a few milliseconds.
    An empty drawing gets no prediction at all rather than a confident guess.
    """
    pre = preprocess_drawing(image, paper=paper, centre=centre)
    if pre.empty:
        return DigitPrediction(pre, None)
    probabilities = np.asarray(model(to_model_batch(pre), training=False))[0]
    return DigitPrediction(pre, probabilities)
