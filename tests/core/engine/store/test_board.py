"""The class board's storage, on a real SQLite file and a real PostgreSQL (marker `postgres`):
what a student shares every classmate reads back without learning who shared it; the bounds
per student and per board leave notes; the teacher hides, removes and starts a new board."""

from __future__ import annotations

import dataclasses
import time
from pathlib import Path

from core.engine.store import BoardView, new_student_id, open_store
from core.engine.store.board_ops import TEACHER, NewBoard
from core.engine.store.config import read_config


def test_an_empty_store_shows_an_empty_shown_board(make_store, student) -> None:
    store = make_store()
    assert store.board(student) == BoardView(board_id=0, hidden=False, entries=(), ok=True)
    assert store.past_boards() == [] and store.board_entries(1) == ()
    assert store.shared_payload(1) is None


def test_a_shared_run_is_read_by_everyone_newest_first(make_store, student, clock) -> None:
    store = make_store()
    other = new_student_id()
    store.share(student, "Blue Otter", "mnist", '{"accuracy": 0.91}', b"network")
    clock.advance(seconds=60)
    store.share(other, "Red Fox", "iris", '{"accuracy": 0.97}', b"")
    assert store.flush()
    view = store.board(student)
    assert view.ok and view.board_id == 1 and not view.hidden
    fox, otter = view.entries
    assert (fox.nickname, fox.chapter, fox.summary) == ("Red Fox", "iris", '{"accuracy": 0.97}')
    assert (fox.mine, fox.has_model) == (False, False)
    assert (otter.mine, otter.has_model) == (True, True)
    assert otter.created == clock.now - 60 and fox.entry_id > otter.entry_id
    assert [e.mine for e in store.board(other).entries] == [True, False]
    assert [e.mine for e in store.board(new_student_id()).entries] == [False, False]
    assert [e.mine for e in store.board("").entries] == [False, False]  # No student: reads.
    for row in view.entries:  # Nothing in a row names a student.
        assert [f.name for f in dataclasses.fields(row)] == [
            "entry_id", "nickname", "chapter", "created", "summary", "mine", "has_model",
        ]  # fmt: skip
        assert student not in repr(row) and other not in repr(row)


def test_a_students_own_entries_are_named_on_the_current_board_only(make_store, student) -> None:
    store = make_store()
    store.share(student, "Owl", "mnist", "{}", b"")
    store.share(new_student_id(), "Lynx", "mnist", "{}", b"")
    assert store.flush()
    mine = [e.entry_id for e in store.board(student).entries if e.mine]
    assert store.shared_by(student) == frozenset(mine) and len(mine) == 1
    assert store.shared_by("") == frozenset() and store.shared_by(new_student_id()) == frozenset()
    store.new_board()
    assert store.flush()
    assert store.shared_by(student) == frozenset()


def test_a_payload_comes_back_only_from_the_current_board(make_store, student) -> None:
    store = make_store()
    store.share(student, "Owl", "mnist", "{}", b"\x00weights\xff" * 1000)
    store.share(student, "Owl", "iris", "{}", b"")
    assert store.flush()
    iris, mnist = store.board(student).entries
    assert store.shared_payload(mnist.entry_id) == b"\x00weights\xff" * 1000
    assert store.shared_payload(iris.entry_id) is None  # Shared without a payload.
    assert store.shared_payload(mnist.entry_id + 100) is None
    store.new_board()
    assert store.flush()
    assert store.shared_payload(mnist.entry_id) is None


def test_a_student_withdraws_only_their_own_entries(make_store, student) -> None:
    store = make_store()
    other = new_student_id()
    store.share(student, "Owl", "mnist", "{}", b"mine")
    store.share(other, "Lynx", "mnist", "{}", b"theirs")
    assert store.flush()
    theirs, mine = store.board(student).entries
    store.withdraw(student, theirs.entry_id)  # Someone else's id: nothing happens.
    assert store.flush()
    assert len(store.board(student).entries) == 2
    store.withdraw(student, mine.entry_id)
    assert store.flush()
    assert [e.nickname for e in store.board(student).entries] == ["Lynx"]


def test_the_teacher_removes_any_entry(make_store, student) -> None:
    store = make_store()
    store.share(student, "Owl", "mnist", "{}", b"x")
    store.share(student, "Owl", "iris", "{}", b"y")
    assert store.flush()
    newest, oldest = store.board(student).entries
    store.remove_entry(oldest.entry_id)
    assert store.flush()
    assert store.board(student).entries == (newest,)
    assert store.take_notes(student) == []  # Nothing of the teacher's became a student.


def test_the_teacher_hides_and_shows_the_board(make_store, student) -> None:
    store = make_store()
    store.set_board_hidden(True)  # Before anyone shared: board 1 is made, hidden.
    assert store.flush()
    assert store.board(student) == BoardView(board_id=1, hidden=True, entries=())
    store.share(student, "Owl", "mnist", "{}", b"x")
    assert store.flush()
    view = store.board(student)
    assert view.board_id == 1 and view.hidden and len(view.entries) == 1
    store.set_board_hidden(False)
    assert store.flush()
    assert not store.board(student).hidden and store.board(student).board_id == 1


def test_a_new_board_keeps_the_old_summaries_without_payloads(make_store, student, clock) -> None:
    store = make_store()
    store.share(student, "Owl", "mnist", '{"accuracy": 0.9}', b"a" * 5_000)
    store.set_board_hidden(True)
    assert store.flush()
    (old,) = store.board(student).entries
    assert store.size_of(student) == 5_000
    clock.advance(seconds=600)
    store.new_board()
    assert store.flush()
    assert store.board(student) == BoardView(board_id=2, hidden=False, entries=())
    start = clock.now - 600
    assert store.past_boards() == [(2, clock.now, None, 0), (1, start, clock.now, 1)]
    (kept,) = store.board_entries(1)
    assert kept == dataclasses.replace(old, mine=False, has_model=False)
    assert kept.summary == '{"accuracy": 0.9}'
    assert store.size_of(student) == 0  # The old board's payloads are gone.
    store.share(student, "Owl", "iris", "{}", b"b")
    assert store.flush()
    assert [e.chapter for e in store.board(student).entries] == ["iris"]
    assert store.past_boards()[0] == (2, clock.now, None, 1)


def test_a_student_keeps_the_set_number_of_shares(make_store, student, clock) -> None:
    store = make_store(WORKSHOP_SHARES_PER_STUDENT="2")
    other = new_student_id()
    store.share(other, "Lynx", "iris", "{}", b"o")
    for i in range(4):
        store.share(student, "Owl", "mnist", f'{{"run": {i}}}', b"m")
        clock.advance(seconds=60)
    assert store.flush()
    entries = store.board(student).entries
    assert [e.summary for e in entries] == ['{"run": 3}', '{"run": 2}', "{}"]
    assert store.take_notes(student) == [
        "Your oldest shared run (shared 12:00) left the class board: "
        "the class board keeps 2 shared runs per student.",
        "Your oldest shared run (shared 12:01) left the class board: "
        "the class board keeps 2 shared runs per student.",
    ]
    assert store.take_notes(other) == []


def test_the_board_keeps_the_set_number_of_entries(make_store, clock) -> None:
    store = make_store(WORKSHOP_BOARD_ENTRIES="1")
    first, second = new_student_id(), new_student_id()
    store.share(first, "Owl", "mnist", "{}", b"1")
    clock.advance(seconds=120)
    store.share(second, "Lynx", "mnist", "{}", b"2")
    assert store.flush()
    assert [e.nickname for e in store.board(first).entries] == ["Lynx"]
    assert store.take_notes(first) == [
        "Your oldest shared run (shared 12:00) left the class board: "
        "the class board keeps 1 shared run."
    ]
    assert store.take_notes(second) == []


def test_a_payload_over_a_students_share_goes_without_it(make_store, student) -> None:
    store = make_store(WORKSHOP_STUDENT_MB="0.01")  # 10,000 bytes.
    store.share(student, "Owl", "mnist", '{"accuracy": 0.9}', b"x" * 20_000)
    assert store.flush()
    (entry,) = store.board(student).entries
    assert entry.summary == '{"accuracy": 0.9}' and not entry.has_model
    assert store.shared_payload(entry.entry_id) is None and store.size_of(student) == 0
    (note,) = store.take_notes(student)
    assert note == (
        "Your shared run (shared 12:00) is on the class board without its network: it is "
        "larger than the 0.01 MB the server keeps per student."
    )


def test_shared_payloads_count_and_the_oldest_runs_go_first(make_store, student) -> None:
    store = make_store(WORKSHOP_STUDENT_MB="0.01")
    store.add_run(student, "mnist", b"r" * 4_000)
    store.share(student, "Owl", "mnist", "{}", b"s" * 4_000)
    assert store.flush()
    assert store.size_of(student) == 8_000
    store.share(student, "Owl", "mnist", "{}", b"t" * 4_000)  # 12,000: the run goes.
    assert store.flush()
    assert store.runs(student, "mnist") == [] and len(store.board(student).entries) == 2
    assert store.size_of(student) == 8_000
    (note,) = store.take_notes(student)
    assert note.endswith("was dropped: the server keeps 0.01 MB per student.")


def test_start_afresh_takes_a_students_shares_off_the_board(make_store, student) -> None:
    store = make_store()
    other = new_student_id()
    store.share(student, "Owl", "mnist", "{}", b"x")
    store.share(other, "Lynx", "mnist", "{}", b"y")
    store.new_board()
    store.share(student, "Owl", "iris", "{}", b"z")
    store.forget(student)
    assert store.flush()
    assert [e.nickname for e in store.board(other).entries] == []
    assert [e.nickname for e in store.board_entries(1)] == ["Lynx"]  # Old boards too.
    assert [(b[0], b[3]) for b in store.past_boards()] == [(2, 0), (1, 1)]


def test_expiry_deletes_absent_students_shares_and_old_boards(make_store, clock) -> None:
    store = make_store(WORKSHOP_KEEP_DAYS="2")
    gone, stays = new_student_id(), new_student_id()
    store.share(gone, "Owl", "mnist", "{}", b"x")
    store.share(stays, "Lynx", "mnist", "{}", b"y")
    assert store.flush()
    clock.advance(days=1)
    store.new_board()  # Board 1 ends a day in.
    store.share(stays, "Lynx", "iris", "{}", b"z")
    store.share(gone, "Owl", "iris", "{}", b"w")
    assert store.flush()
    clock.advance(days=1, seconds=120)  # Board 1 ended 1 day ago: kept.
    store.share(stays, "Lynx", "mnist", "{}", b"v")
    assert store.flush()
    assert [b[0] for b in store.past_boards()] == [2, 1]
    clock.advance(days=1, seconds=3_600)  # `gone` last seen 2 days and an hour ago.
    store.share(stays, "Lynx", "iris", "{}", b"u")
    assert store.flush()
    assert [b[0] for b in store.past_boards()] == [2]  # Board 1 ended over 2 days ago.
    assert store.board_entries(1) == ()
    assert {e.nickname for e in store.board(stays).entries} == {"Lynx"}
    assert len(store.board(stays).entries) == 3


def test_two_replicas_share_one_board(make_store, student) -> None:
    first, second = make_store(), make_store()
    first.share(student, "Owl", "mnist", "{}", b"from the first")
    assert first.flush()
    second.share(new_student_id(), "Lynx", "iris", "{}", b"")
    second.new_board()
    assert second.flush()
    first.share(student, "Owl", "iris", "{}", b"after")
    assert first.flush()
    assert [e.chapter for e in second.board(student).entries] == ["iris"]
    assert [b[3] for b in first.past_boards()] == [1, 2]


def test_a_share_waits_for_a_new_board_being_made_and_lands_on_it(make_store, student) -> None:
    """Another replica ends board 1 while this one shares: the share goes to board 2."""
    store = make_store()
    store.share(student, "Owl", "mnist", "{}", b"first")
    assert store.flush()
    with store._db.writing_engine.begin() as conn:  # The other replica's transaction.
        NewBoard(TEACHER).apply(conn, store.config, 0.0)
        store.share(student, "Owl", "iris", "{}", b"second")
        time.sleep(0.3)  # The share now waits for this transaction's lock.
    assert store.flush()
    assert [e.chapter for e in store.board(student).entries] == ["iris"]
    assert store.board(student).board_id == 2
    assert [e.chapter for e in store.board_entries(1)] == ["mnist"]


def test_long_names_are_cut_and_no_student_is_ignored(make_store, student) -> None:
    store = make_store()
    store.share(student, "N" * 300, "c" * 80, "{}", b"")
    store.share("", "Nobody", "mnist", "{}", b"x")
    store.withdraw("", 1)
    assert store.flush() and store.problem is None
    (entry,) = store.board(student).entries
    assert entry.nickname == "N" * 100 and entry.chapter == "c" * 40


def test_a_store_that_is_down_says_so_at_once(tmp_path: Path) -> None:
    (tmp_path / "a-file").write_text("not a folder")
    store = open_store({"WORKSHOP_DATA_DIR": str(tmp_path / "a-file" / "data")}, retry_s=0.2)
    student = new_student_id()
    start = time.monotonic()
    store.share(student, "Owl", "mnist", "{}", b"x")
    store.new_board()
    view = store.board(student)
    assert view == BoardView(board_id=0, hidden=False, entries=(), ok=False)
    assert store.past_boards() == [] and store.board_entries(1) == ()
    assert store.shared_payload(1) is None
    assert time.monotonic() - start < 3.0
    assert store.problem is not None
    store.close()


def test_the_board_settings_are_read() -> None:
    config = read_config({"WORKSHOP_SHARES_PER_STUDENT": "7", "WORKSHOP_BOARD_ENTRIES": "40"})
    assert (config.shares_per_student, config.board_entries) == (7, 40)
    wrong = read_config({"WORKSHOP_SHARES_PER_STUDENT": "51", "WORKSHOP_BOARD_ENTRIES": "0"})
    assert (wrong.shares_per_student, wrong.board_entries) == (5, 200)
