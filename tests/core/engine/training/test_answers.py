"""A whole test set's answers, along the variant that trains: Keras's numbers, in the variant's
precision, for any number of examples."""

from __future__ import annotations

import numpy as np
import pytest

from core.engine.training import answers
from core.engine.training.answers import BATCH, CHUNK, make_answer
from core.engine.training.variant_choice import answering_variant, choose_step, force_train_variant
from core.mnist.config import MnistConfig
from core.mnist.model import build_mnist_model
from tests.core.engine.training.variant_helpers import AVX2, BF16, cpu, small_cnn, timed_steps
from tests.core.engine.training.variant_helpers import BATCH as TRIAL_BATCH

IMAGES = np.random.default_rng(3).random((BATCH * CHUNK + BATCH + 5, 28, 28, 1), np.float32)


@pytest.fixture(scope="module")
def model():
    return build_mnist_model(MnistConfig(seed=2))


@pytest.mark.parametrize("count", [0, 1, BATCH - 1, BATCH, BATCH * CHUNK + BATCH + 5])
@pytest.mark.parametrize("variant", ["keras", "blocks"])
def test_float32_variants_answer_as_model_predict_for_any_count(model, variant, count) -> None:
    """Whole chunks, a short chunk and a last partial batch: every example once, in order."""
    x = IMAGES[:count]
    expected = model.predict(x, verbose=0) if count else np.zeros((0, 10), np.float32)
    got = make_answer(model, variant)(x)
    assert got.shape == (count, 10) and got.dtype == np.float32
    np.testing.assert_allclose(got, expected, atol=2e-6)


def test_dropout_is_off_when_answering(model) -> None:
    answer = make_answer(model, "keras")
    np.testing.assert_array_equal(answer(IMAGES[:300]), answer(IMAGES[:300]))


def test_bfloat16_answers_are_kerass_within_its_precision(model) -> None:
    """Emulated where bfloat16 is not native: slower there, the same numbers."""
    x = IMAGES[: BATCH + 3]
    got = make_answer(model, "keras-bf16")(x)
    assert got.dtype == np.float32
    np.testing.assert_allclose(got.sum(axis=1), 1.0, atol=1e-5)
    np.testing.assert_allclose(got, model.predict(x, verbose=0), atol=0.01)


def test_the_answering_variant_is_the_one_that_trains() -> None:
    """Forced, then `auto`'s decision; before any decision, the likely fastest for the CPU."""
    avx2, bf16 = cpu(AVX2, onednn=False), cpu(BF16)  # oneDNN off: as on the AVX2 machines.
    assert answering_variant(small_cnn(), avx2) == "blocks"
    assert answering_variant(small_cnn(), bf16) == "keras-bf16"
    # Where the trial finds keras the fastest, the answers follow it.
    seconds = {"keras": 0.001, "blocks": 0.02, "keras-bf16": 0.02}
    choose_step(small_cnn(), timed_steps(seconds, []), bf16)(*TRIAL_BATCH)
    assert answering_variant(small_cnn(), bf16) == "keras"
    force_train_variant("blocks", bf16)
    try:
        assert answering_variant(small_cnn(), bf16) == "blocks"
    finally:
        force_train_variant("auto", bf16)


def test_chunks_cover_every_example_once() -> None:
    x = np.arange(BATCH * CHUNK * 2 + 7, dtype=np.float32)[:, None]
    parts = list(answers._chunks(x))
    assert [p.shape[:2] for p in parts] == [(CHUNK, BATCH), (CHUNK, BATCH), (1, 7)]
    np.testing.assert_array_equal(np.concatenate([p.reshape(-1, 1) for p in parts]), x)
