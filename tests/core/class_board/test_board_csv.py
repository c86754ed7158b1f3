"""The board as CSV: read back with the csv module, and no nickname runs as a formula."""

from __future__ import annotations

import csv
import io
from datetime import UTC, datetime

import pytest

from core.class_board.board_csv import board_csv
from core.class_board.summary import summary_of_iris, summary_of_mnist
from tests.core.class_board.boards import entry, iris_result, mnist_run


def read(data: bytes) -> list[dict[str, str]]:
    assert data.startswith(b"\xef\xbb\xbf")  # The byte-order mark Excel looks for.
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"), newline="")))


def test_every_column_of_each_entry_reads_back():
    created = datetime(2025, 12, 7, 9, 30, 5, tzinfo=UTC).timestamp()
    mnist = summary_of_mnist(
        mnist_run(0.9876, 0.9712, seconds=23.46, invert=True, train_size=5_000, epochs=2)
    )
    iris = summary_of_iris(iris_result(0.9474, hidden=(8, 4), batch_size=16))
    data = board_csv([entry(mnist, nickname="Zoë 🦊", created=created), entry(iris, 2, "Bo")])
    header = next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header == [
        "Nickname",
        "Chapter",
        "Shared at (UTC)",
        "Network",
        "Epochs",
        "Examples",
        "Batch",
        "Invert",
        "Learning rate",
        "Stopped early",
        "Test accuracy %",
        "Inverted accuracy %",
        "Weights",
        "Training seconds",
    ]
    first, second = read(data)
    assert first == {
        "Nickname": "Zoë 🦊",
        "Chapter": "MNIST",
        "Shared at (UTC)": "2025-12-07T09:30:05+00:00",
        "Network": "conv 16-32, kernel 5, dense 128, dropout 0.4",
        "Epochs": "2",
        "Examples": "5000",
        "Batch": "128",
        "Invert": "yes",
        "Learning rate": "0.001",
        "Stopped early": "no",
        "Test accuracy %": "98.76",
        "Inverted accuracy %": "97.12",
        "Weights": "215370",
        "Training seconds": "23.5",
    }
    assert datetime.fromisoformat(first["Shared at (UTC)"]).timestamp() == created
    assert second["Chapter"] == "Iris" and second["Network"] == "hidden 8-4"
    assert second["Invert"] == "" and second["Inverted accuracy %"] == ""  # Not Iris's.
    assert second["Test accuracy %"] == "94.74" and second["Batch"] == "16"
    assert second["Weights"] == str(4 * 8 + 8 + 8 * 4 + 4 + 4 * 3 + 3)


def test_an_iris_only_board_has_no_invert_column():
    data = board_csv([entry(summary_of_iris(iris_result()))])
    assert "Invert" not in next(csv.reader(io.StringIO(data.decode("utf-8-sig"))))


def test_an_empty_board_is_a_header_alone():
    data = board_csv([])
    rows = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert rows == [
        [
            "Nickname",
            "Chapter",
            "Shared at (UTC)",
            "Test accuracy %",
            "Inverted accuracy %",
            "Weights",
            "Training seconds",
        ]
    ]


@pytest.mark.parametrize(
    "nickname", ["=1+1", "+41", "-2", "@SUM(A1)", "\tx", "\rx", '=HYPERLINK("http://x")']
)
def test_a_nickname_a_spreadsheet_would_run_is_quoted(nickname):
    (row,) = read(board_csv([entry(summary_of_iris(iris_result()), nickname=nickname)]))
    assert row["Nickname"] == "'" + nickname


@pytest.mark.parametrize("nickname", ["a=b", "Ada, L", 'say "hi"', "<b>hi</b>", "1+1"])
def test_other_nicknames_read_back_exactly(nickname):
    (row,) = read(board_csv([entry(summary_of_iris(iris_result()), nickname=nickname)]))
    assert row["Nickname"] == nickname
