"""A run's public facts: counted from the run, kept as JSON, and any damaged text skipped."""

from __future__ import annotations

import json
from dataclasses import asdict, replace

import pytest

from core.class_board.summary import (
    RunSummary,
    from_json,
    settings_columns,
    shared_entries,
    summary_of_iris,
    summary_of_mnist,
    to_json,
    weight_count,
)
from core.iris.config import IrisConfig
from core.mnist.config import MnistConfig
from tests.core.class_board.boards import (
    dense_network,
    iris_result,
    mnist_run,
    row_of,
    small_cnn,
)

SMALL = {"filters": (4, 8), "kernel_size": 3, "dense_units": 16}
# By hand: conv1 3*3*1*4 + 4 = 40, conv2 3*3*4*8 + 8 = 296, dense 392*16 + 16 = 6,288,
# digits 16*10 + 10 = 170.
SMALL_WEIGHTS = 40 + 296 + 6_288 + 170


def test_an_mnist_run_at_other_settings_gives_its_own_facts():
    run = mnist_run(
        0.9712,
        0.9634,
        seconds=31.25,
        label="Run 3: 3 epochs",
        epochs=3,
        invert=True,
        train_size=5_000,
        batch_size=64,
        dropout=0.25,
        learning_rate=0.005,
        **SMALL,
    )
    assert summary_of_mnist(run) == RunSummary(
        chapter="mnist",
        test_accuracy=0.9712,
        inverted_accuracy=0.9634,
        weights=SMALL_WEIGHTS,
        seconds=31.25,
        epochs=3,
        examples=5_000,
        invert=True,
        batch_size=64,
        shape="conv 4-8, kernel 3, dense 16, dropout 0.25",
        label="Run 3: 3 epochs",
        learning_rate=0.005,
        stopped=False,
    )


def test_the_workshop_cnn_is_described_and_counted_from_its_settings():
    summary = summary_of_mnist(mnist_run())
    assert summary.shape == "conv 16-32, kernel 5, dense 128, dropout 0.4"
    # conv1 5*5*16 + 16, conv2 5*5*16*32 + 32, dense 7*7*32*128 + 128, digits 128*10 + 10.
    assert summary.weights == 416 + 12_832 + 200_832 + 1_290 == 215_370
    assert summary.examples == 60_000 and summary.invert is False


def test_weights_are_counted_in_the_network_when_there_is_one():
    config = MnistConfig(**SMALL)
    assert weight_count(small_cnn(config), config) == SMALL_WEIGHTS
    assert weight_count(None, config) == SMALL_WEIGHTS
    # Another design than the settings say: the network's own count wins.
    assert weight_count(dense_network(784, 10), config) == 784 * 10 + 10
    run = mnist_run(network=small_cnn(config), **SMALL)
    assert summary_of_mnist(run).weights == SMALL_WEIGHTS


def test_weights_of_an_iris_network_from_keras_numpy_or_settings():
    from core.engine.models.trained_network import TrainedNetwork
    from core.iris.model import build_iris_model  # Built, never trained.

    config = IrisConfig(hidden=(5,))
    expected = 4 * 5 + 5 + 5 * 3 + 3
    keras_only = TrainedNetwork(None, build_iris_model(config))
    assert weight_count(keras_only, config) == expected
    assert weight_count(TrainedNetwork.from_keras(keras_only.keras_model), config) == expected
    assert weight_count(None, config) == expected
    assert weight_count(None, IrisConfig()) == 4 * 10 + 10 + 10 * 10 + 10 + 10 * 3 + 3


def test_a_stopped_run_says_so():
    run = mnist_run()
    run.stopped = True
    assert summary_of_mnist(run).stopped is True
    assert settings_columns(summary_of_mnist(run))["Stopped early"] == "yes"


def test_an_untested_mnist_run_has_no_summary():
    run = mnist_run()
    run.evaluation = None
    with pytest.raises(ValueError, match="not been tested"):
        summary_of_mnist(run)


def test_an_iris_run_counts_the_flowers_it_trained_on_as_the_split_does():
    from core.iris.data import split_iris

    settings = {"test_fraction": 0.27, "hidden": (7,), "epochs": 40, "batch_size": 8}
    result = iris_result(0.9268, network=dense_network(4, 7, 3), learning_rate=0.01, **settings)
    summary = summary_of_iris(result)
    # 27% of 150 is 40.5: the split keeps 41 flowers to test, so 109 (not 110) to train.
    assert summary.examples == len(split_iris(0.27).y_train) == 109
    assert summary == RunSummary(
        chapter="iris",
        test_accuracy=0.9268,
        inverted_accuracy=None,
        weights=4 * 7 + 7 + 7 * 3 + 3,
        seconds=1.5,
        epochs=40,
        examples=109,
        invert=None,
        batch_size=8,
        shape="hidden 7",
        label="Run 1: iris",
        learning_rate=0.01,
        stopped=False,
    )
    assert summary_of_iris(iris_result(hidden=(10, 10))).shape == "hidden 10-10"


@pytest.mark.parametrize("chapter", ["mnist", "iris"])
def test_json_round_trips(chapter):
    if chapter == "mnist":
        summary = summary_of_mnist(mnist_run(0.9911, 0.9789, invert=True, train_size=777))
    else:
        summary = summary_of_iris(iris_result(0.9, hidden=(3, 2, 1)))
    text = to_json(summary)
    assert isinstance(json.loads(text), dict)
    assert from_json(text) == summary


def test_text_written_by_students_round_trips_unchanged():
    summary = replace(summary_of_iris(iris_result()), label='Run 9: "quoted" 🦊 \\ ')
    assert from_json(to_json(summary)) == summary


GOOD = asdict(summary_of_mnist(mnist_run(0.97, 0.5, invert=True)))


def damaged(**changes) -> str:
    return json.dumps({**GOOD, **changes})


def without(key: str) -> str:
    return json.dumps({k: v for k, v in GOOD.items() if k != key})


@pytest.mark.parametrize(
    "text",
    [
        "",
        "{",
        "null",
        "[]",
        '"a summary"',
        "12",
        "[" * 100_000,
        b"\xff\xfe",
        None,
        damaged(chapter="cifar"),
        damaged(test_accuracy=1.5),
        damaged(test_accuracy=-0.1),
        damaged(test_accuracy="0.9"),
        damaged(test_accuracy=True),
        damaged(inverted_accuracy=2),
        damaged(weights="12"),
        damaged(weights=12.5),
        damaged(epochs=-1),
        damaged(examples=None),
        damaged(invert="yes"),
        damaged(seconds=-3),
        damaged(label=7),
        damaged(learning_rate=0),
        damaged(stopped="no"),
        json.dumps(GOOD).replace("0.97", "NaN"),
        json.dumps(GOOD).replace("0.97", "Infinity"),
        without("test_accuracy"),
        without("chapter"),
        without("weights"),
        without("invert"),  # An MNIST summary says whether the run inverted.
        without("inverted_accuracy"),
    ],
)
def test_damaged_or_foreign_text_gives_none_and_never_raises(text):
    assert from_json(text) is None


def test_missing_optional_keys_take_defaults_and_unknown_keys_are_ignored():
    text = json.dumps(
        {
            "chapter": "iris",
            "test_accuracy": 1,
            "weights": 43,
            "epochs": 5,
            "examples": 112,
            "batch_size": 16,
            "invert": True,  # Meaningless for Iris: dropped.
            "from_a_newer_app": [1, 2],
        }
    )
    summary = from_json(text)
    assert summary == RunSummary("iris", 1.0, None, 43, 0.0, 5, 112, None, 16, "", "")
    assert isinstance(summary.test_accuracy, float)


def test_settings_columns_in_the_table_order():
    mnist = summary_of_mnist(
        mnist_run(epochs=2, invert=True, train_size=2_000, batch_size=32, learning_rate=0.002)
    )
    assert list(settings_columns(mnist).items()) == [
        ("Network", "conv 16-32, kernel 5, dense 128, dropout 0.4"),
        ("Epochs", 2),
        ("Examples", 2_000),
        ("Batch", 32),
        ("Invert", "yes"),
        ("Learning rate", 0.002),
        ("Stopped early", "no"),
    ]
    iris = summary_of_iris(iris_result(hidden=(6, 4), epochs=20, batch_size=4))
    assert list(settings_columns(iris).items()) == [
        ("Network", "hidden 6-4"),
        ("Epochs", 20),
        ("Examples", 112),
        ("Batch", 4),
        ("Learning rate", 0.001),
        ("Stopped early", "no"),
    ]


def test_shared_entries_keep_the_rows_order_and_skip_rows_that_do_not_load():
    mnist = summary_of_mnist(mnist_run(0.9, 0.3))
    iris = summary_of_iris(iris_result(0.8))
    wrong_chapter = row_of(mnist, entry_id=3)
    wrong_chapter.chapter = "iris"
    broken = row_of(iris, entry_id=4)
    broken.summary = broken.summary[:-5]
    rows = [
        row_of(iris, entry_id=7, mine=True),
        broken,
        wrong_chapter,
        row_of(mnist, entry_id=2, has_model=True),
    ]
    entries = shared_entries(rows)
    assert [e.entry_id for e in entries] == [7, 2]
    assert [e.summary for e in entries] == [iris, mnist]
    assert [(e.mine, e.has_model) for e in entries] == [(True, False), (False, True)]
    assert entries[0].nickname == "Ada" and entries[0].created == 1_765_000_000.0
    assert shared_entries([]) == []
