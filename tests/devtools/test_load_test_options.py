"""The load test's options: the comparisons each take two replicas, and the Class pages
left open are bounded and go to the first replica."""

from __future__ import annotations

import pytest

from devtools.load_test import parse


def test_compare_board_runs_two_replicas_with_class_pages_open_on_the_first() -> None:
    args = parse(["--compare-board", "--sessions", "4"])
    assert (args.replicas, args.board_tabs) == (2, 20)
    assert parse(["--compare-board", "--board-tabs", "60"]).board_tabs == 60
    assert parse([]).board_tabs == 0


@pytest.mark.parametrize(
    "argv",
    [
        ["--compare-board", "--compare-store"],
        ["--compare-clients", "--compare-board"],
        ["--board-tabs", "201"],
        ["--board-tabs", "-1"],
        ["--sessions", "41"],  # A browser each: 40 fill these machines.
        ["--clients", "protocol", "--sessions", "301"],
        ["--clients", "carrier-pigeon"],
    ],
)
def test_wrong_combinations_are_refused(argv: list[str]) -> None:
    with pytest.raises(SystemExit):
        parse(argv)


def test_protocol_students_reach_a_department_sized_class() -> None:
    args = parse(["--clients", "protocol", "--sessions", "300"])
    assert (args.clients, args.sessions) == ("protocol", 300)
    assert parse([]).clients == "browser"


def test_compare_clients_runs_browsers_and_protocol_students_on_two_replicas() -> None:
    args = parse(["--compare-clients", "--sessions", "10"])
    assert (args.replicas, args.sessions, args.compare_clients) == (2, 10, True)
