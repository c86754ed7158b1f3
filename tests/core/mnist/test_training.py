"""Training the MNIST CNN: inverted batches, accuracy on both test sets, seeds, callbacks.

Real training on small subsets of real MNIST (3,000 digits, one epoch) keeps this quick; the
trainings here are tested on the first 2,000 test digits, which is plenty to tell 95% from 20%.
"""

from __future__ import annotations

import numpy as np
import pytest

from core.mnist.batches import batches, training_subset
from core.mnist.config import MnistConfig
from core.mnist.data import MnistData, load_mnist
from core.mnist.evaluation import GALLERY_SIZE, evaluate_mnist, predict_digits
from core.mnist.training import describe, steps_per_epoch, train_mnist

pytestmark = pytest.mark.slow

TRAIN_SIZE = 3_000
TEST_SIZE = 2_000


@pytest.fixture(scope="module")
def data() -> MnistData:
    """All of MNIST for training, the first 2,000 test digits (read-only views) for testing."""
    full = load_mnist()
    return MnistData(
        x_train=full.x_train,
        y_train=full.y_train,
        x_test=full.x_test[:TEST_SIZE],
        y_test=full.y_test[:TEST_SIZE],
        source=full.source,
    )


@pytest.fixture(scope="module")
def snapshot(data):
    """Copies of the shared uint8 arrays, to prove later that training never changed them."""
    return {name: getattr(data, name).copy() for name in ("x_train", "y_train", "x_test", "y_test")}


@pytest.fixture(scope="module")
def plain(data, snapshot):
    """One epoch on 3,000 normal digits, counting the batch-end calls."""
    calls = []
    config = MnistConfig(train_size=TRAIN_SIZE, seed=1)
    run = train_mnist(config, data=data, on_batch_end=lambda batch, logs: calls.append(batch))
    return run, calls


@pytest.fixture(scope="module")
def inverted(data, snapshot):
    """The same 3,000 digits plus their inverted copies."""
    calls = []
    config = MnistConfig(train_size=TRAIN_SIZE, seed=1, invert=True)
    run = train_mnist(config, data=data, on_batch_end=lambda batch, logs: calls.append(batch))
    return run, calls


def collect(dataset) -> tuple[np.ndarray, np.ndarray]:
    xs, ys = zip(*((x.numpy(), y.numpy()) for x, y in dataset), strict=True)
    return np.concatenate(xs), np.concatenate(ys)


# --- batches() -----------------------------------------------------------------------------------


def test_normal_batches_are_scaled_images(data):
    """Normal copies: x / 255 as float32 in [0, 1], shape (b, 28, 28, 1), labels alongside."""
    x, y = data.x_train[:50], data.y_train[:50]
    shapes = [tuple(images.shape) for images, _ in batches(x, y, 16)]
    assert shapes == [(16, 28, 28, 1)] * 3 + [(2, 28, 28, 1)]
    images, labels = collect(batches(x, y, 16))
    assert images.dtype == np.float32
    assert images.min() == 0.0 and images.max() == 1.0
    np.testing.assert_allclose(images[..., 0], x.astype(np.float32) / 255, atol=1e-7)
    np.testing.assert_array_equal(labels, y)


def test_both_doubles_with_inverted_second_half(data):
    """ "both" yields 2N examples: the N originals, then exactly 1 - x/255 of each, same labels."""
    x, y = data.x_train[:40], data.y_train[:40]
    images, labels = collect(batches(x, y, 32, "both"))
    assert images.shape == (80, 28, 28, 1)
    assert images.dtype == np.float32
    assert images.min() >= 0.0 and images.max() <= 1.0
    scaled = x.astype(np.float32) / 255
    np.testing.assert_allclose(images[:40, ..., 0], scaled, atol=1e-7)
    np.testing.assert_allclose(images[40:, ..., 0], 1.0 - scaled, atol=1e-6)
    np.testing.assert_array_equal(labels, np.concatenate([y, y]))
    # The inverted digits are dark on light paper: a corner pixel is 1.
    assert images[40:, 0, 0, 0].min() == pytest.approx(1.0)


def test_inverted_alone(data):
    """ "inverted" yields only the N flipped copies, in order, with their labels."""
    x, y = data.x_test[:30], data.y_test[:30]
    images, labels = collect(batches(x, y, 8, "inverted"))
    assert images.shape == (30, 28, 28, 1)
    np.testing.assert_allclose(images[..., 0], 1.0 - x.astype(np.float32) / 255, atol=1e-6)
    np.testing.assert_array_equal(labels, y)


def test_shuffled_batches_are_a_seeded_permutation(data):
    """Shuffling keeps every (image, label) pair, and one seed gives one order."""
    x, y = data.x_train[:64], data.y_train[:64]
    first, labels = collect(batches(x, y, 16, "both", shuffle_seed=7))
    again, _ = collect(batches(x, y, 16, "both", shuffle_seed=7))
    ordered, ordered_labels = collect(batches(x, y, 16, "both"))
    np.testing.assert_array_equal(first, again)
    assert not np.array_equal(first, ordered)

    def keyed(images, labels):
        return sorted(zip((im.tobytes() for im in images), labels.tolist(), strict=True))

    assert keyed(first, labels) == keyed(ordered, ordered_labels)


def test_unknown_copies_value_is_refused(data):
    """A typo in `copies` is an error, not silently the normal digits."""
    with pytest.raises((KeyError, ValueError)):
        batches(data.x_train[:4], data.y_train[:4], 2, "invert")


def test_steps_per_epoch_counts_inverted_copies():
    """Inverted copies double the examples and so the batches; a partial batch counts."""
    assert steps_per_epoch(MnistConfig()) == 469
    assert steps_per_epoch(MnistConfig(invert=True)) == 938
    assert steps_per_epoch(MnistConfig(train_size=3000, batch_size=128)) == 24
    assert describe(MnistConfig(train_size=3000, invert=True, epochs=2)) == (
        "3,000 examples, 2 epochs, invert on"
    )


def test_training_subset_is_seeded_and_sorted(data):
    """A subset is a reproducible choice of real training pairs, the whole set by default."""
    x, y = training_subset(data, MnistConfig(train_size=500, seed=3))
    x2, _ = training_subset(data, MnistConfig(train_size=500, seed=3))
    x3, _ = training_subset(data, MnistConfig(train_size=500, seed=4))
    assert x.shape == (500, 28, 28) and y.shape == (500,)
    np.testing.assert_array_equal(x, x2)
    assert not np.array_equal(x, x3)
    full_x, _ = training_subset(data, MnistConfig())
    assert full_x is data.x_train


# --- Training and evaluation ---------------------------------------------------------------------


def test_short_training_learns(plain):
    """3,000 digits, one epoch: far above the 10% of guessing on the normal test set."""
    run, _ = plain
    assert run.evaluation.test_accuracy > 0.7
    assert run.seconds > 0
    assert set(run.history) >= {"loss", "accuracy"} and len(run.history["loss"]) == 1
    assert run.label == "3,000 examples, 1 epoch, invert off"


def test_without_invert_it_fails_on_inverted_digits(plain):
    """The workshop's lesson: trained on white-on-black only, black-on-white digits fail."""
    evaluation = plain[0].evaluation
    assert evaluation.test_accuracy_inverted < 0.5
    assert evaluation.test_accuracy - evaluation.test_accuracy_inverted > 0.3


def test_with_invert_it_reads_inverted_digits(plain, inverted):
    """Trained with inverted copies of the same 3,000 digits, it reads both polarities."""
    with_invert = inverted[0].evaluation
    assert with_invert.test_accuracy_inverted > 0.6
    assert with_invert.test_accuracy > 0.6
    gain = with_invert.test_accuracy_inverted - plain[0].evaluation.test_accuracy_inverted
    assert gain > 0.2


def test_batch_callback_is_called_once_per_step(plain, inverted):
    """on_batch_end fires steps_per_epoch(config) times, counted 1, 2, ... as students count."""
    for run, calls in (plain, inverted):
        steps = steps_per_epoch(run.config)
        assert calls == list(range(1, steps + 1))
    assert len(inverted[1]) == 2 * len(plain[1]) - 1  # 47 batches of 6,000 vs 24 of 3,000.


def test_evaluation_matches_predictions(plain, data):
    """Both accuracies and the confusion matrix agree with predict_digits."""
    run, _ = plain
    evaluation = run.evaluation
    normal = predict_digits(run.network.keras_model, data.x_test).argmax(axis=1)
    flipped = predict_digits(run.network.keras_model, data.x_test, invert=True).argmax(axis=1)
    assert evaluation.test_accuracy == pytest.approx((normal == data.y_test).mean())
    assert evaluation.test_accuracy_inverted == pytest.approx((flipped == data.y_test).mean())
    assert evaluation.confusion.shape == (10, 10)
    assert evaluation.confusion.sum() == TEST_SIZE
    np.testing.assert_array_equal(evaluation.confusion.sum(axis=1), np.bincount(data.y_test))
    assert np.trace(evaluation.confusion) / TEST_SIZE == pytest.approx(evaluation.test_accuracy)
    # evaluate_mnist on its own gives the same numbers as the evaluation done by train_mnist.
    again = evaluate_mnist(run.network.keras_model, data)
    assert again.test_accuracy == evaluation.test_accuracy
    assert again.test_accuracy_inverted == evaluation.test_accuracy_inverted


def test_predict_digits_flips_like_inverting_the_images(plain, data):
    """Asking for inverted copies equals passing 255 - x: the page and training agree."""
    model = plain[0].network.keras_model
    x = data.x_test[:20]
    np.testing.assert_allclose(
        predict_digits(model, x, invert=True), predict_digits(model, 255 - x), atol=1e-5
    )


def test_misclassified_entries_are_consistent(plain, inverted, data):
    """Each gallery entry is a real mistake: truth from the labels, another prediction,
    confidence in (0, 1]; the most confident mistakes come first."""
    for run, _ in (plain, inverted):
        mistakes = run.evaluation.misclassified
        assert mistakes
        normal = [m for m in mistakes if not m.inverted]
        flipped = [m for m in mistakes if m.inverted]
        assert len(normal) <= GALLERY_SIZE and len(flipped) <= GALLERY_SIZE
        assert mistakes == normal + flipped
        for group in (normal, flipped):
            confidences = [m.confidence for m in group]
            assert confidences == sorted(confidences, reverse=True)
        for m in mistakes:
            assert m.truth == data.y_test[m.index]
            assert m.truth != m.predicted
            assert 0 < m.confidence <= 1
        # Asking the model again about just these digits gives the recorded answers.
        for is_inverted, group in ((False, normal), (True, flipped)):
            if not group:
                continue
            indices = [m.index for m in group]
            said = predict_digits(run.network.keras_model, data.x_test[indices], invert=is_inverted)
            np.testing.assert_array_equal(said.argmax(axis=1), [m.predicted for m in group])
            np.testing.assert_allclose(
                said.max(axis=1), [m.confidence for m in group], rtol=1e-4, atol=1e-5
            )


def test_training_never_modifies_the_shared_data(plain, inverted, data, snapshot):
    """The uint8 arrays shared by all sessions are unchanged and still read-only."""
    for name, before in snapshot.items():
        array = getattr(data, name)
        assert array.dtype == np.uint8
        assert not array.flags.writeable
        np.testing.assert_array_equal(array, before)


def test_same_seed_same_weights_after_training(data):
    """Two seeded trainings end with the same weights (a small subset keeps it quick); a model
    handed in is the one trained, so a stopped training keeps its progress.

    Compared with a tolerance: multithreaded CPU kernels may sum in a different order.
    """
    from core.mnist.model import build_mnist_model

    config = MnistConfig(train_size=500, batch_size=64, seed=5, filters=(8, 16), dense_units=32)
    model = build_mnist_model(config)
    initial = [w.copy() for w in model.get_weights()]
    first = train_mnist(config, data=data, model=model, evaluate=False)
    second = train_mnist(config, data=data, evaluate=False)
    assert first.network.keras_model is model and first.evaluation is None
    assert not np.array_equal(initial[0], model.get_weights()[0])
    for a, b in zip(
        first.network.keras_model.get_weights(),
        second.network.keras_model.get_weights(),
        strict=True,
    ):
        np.testing.assert_allclose(a, b, rtol=1e-4, atol=1e-5)
    assert first.history["loss"] == pytest.approx(second.history["loss"], rel=1e-4)
