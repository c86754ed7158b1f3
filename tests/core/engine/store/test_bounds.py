"""The bounds: runs per chapter, bytes per student and for the whole store, and the expiry,
each at settings other than the defaults; every dropped run leaves its student one note."""

from __future__ import annotations

from core.engine.store import decode, encode, new_student_id


def test_only_the_newest_runs_of_a_chapter_are_kept(make_store, student, clock) -> None:
    store = make_store(WORKSHOP_KEEP_RUNS="3")
    for i in range(5):
        store.add_run(student, "mnist", encode(i))
        clock.advance(seconds=90)
    store.add_run(student, "iris", encode("iris"))  # Another chapter counts on its own.
    assert store.flush()
    assert [decode(r.payload) for r in store.runs(student, "mnist")] == [2, 3, 4]
    assert len(store.runs(student, "iris")) == 1
    notes = store.take_notes(student)
    assert len(notes) == 2
    assert notes == [
        "Your oldest MNIST run (saved 12:00) was dropped: "
        "the server keeps 3 MNIST runs per student.",
        "Your oldest MNIST run (saved 12:01) was dropped: "
        "the server keeps 3 MNIST runs per student.",
    ]
    assert store.flush()
    assert store.take_notes(student) == []  # Each note is shown once.


def test_one_run_per_chapter_is_said_in_the_singular(make_store, student) -> None:
    store = make_store(WORKSHOP_KEEP_RUNS="1")
    store.add_run(student, "iris", encode(1))
    store.add_run(student, "iris", encode(2))
    assert store.flush()
    assert store.take_notes(student)[0].endswith("the server keeps 1 Iris run per student.")


def test_a_student_over_their_size_loses_their_oldest_runs_first(make_store, student) -> None:
    store = make_store(WORKSHOP_STUDENT_MB="0.01")  # 10,000 bytes.
    store.put(student, "settings", b"s" * 1_000)
    store.add_run(student, "mnist", b"a" * 4_000)
    store.add_run(student, "iris", b"b" * 4_000)
    store.add_run(student, "mnist", b"c" * 4_000)  # 13,000 bytes: the oldest run goes.
    assert store.flush()
    assert [r.payload[:1] for r in store.runs(student, "mnist")] == [b"c"]
    assert len(store.runs(student, "iris")) == 1
    assert store.size_of(student) == 9_000
    (note,) = store.take_notes(student)
    assert note.startswith("Your oldest MNIST run (saved ")
    assert note.endswith("was dropped: the server keeps 0.01 MB per student.")


def test_a_run_larger_than_a_students_share_is_not_kept(make_store, student) -> None:
    store = make_store(WORKSHOP_STUDENT_MB="0.01")
    store.add_run(student, "mnist", b"a" * 3_000)
    store.add_run(student, "mnist", b"x" * 20_000)
    assert store.flush()
    assert [r.payload[:1] for r in store.runs(student, "mnist")] == [b"a"]  # Nothing lost.
    (note,) = store.take_notes(student)
    assert "was not kept: it is larger than the 0.01 MB the server keeps per student." in note


def test_a_full_store_drops_the_oldest_runs_of_anyone(make_store, clock) -> None:
    store = make_store(WORKSHOP_STORE_MB="0.02")  # 20,000 bytes for the whole class.
    early, late = new_student_id(), new_student_id()
    store.add_run(early, "mnist", b"e" * 8_000)
    clock.advance(seconds=10)
    store.add_run(late, "mnist", b"l" * 8_000)
    clock.advance(seconds=10)
    store.add_run(late, "iris", b"i" * 8_000)  # 24,000: the earliest run of all goes.
    assert store.flush()
    assert store.runs(early, "mnist") == []
    assert len(store.runs(late, "mnist")) == 1 and len(store.runs(late, "iris")) == 1
    (note,) = store.take_notes(early)
    assert note.endswith("the server's store for the whole class is full (0.02 MB).")
    assert store.take_notes(late) == []


def test_students_not_seen_for_the_days_set_are_deleted(make_store, clock) -> None:
    store = make_store(WORKSHOP_KEEP_DAYS="2")
    gone, stays = new_student_id(), new_student_id()
    store.put(gone, "settings", b"x")
    store.add_run(gone, "iris", encode(1))
    store.put(stays, "settings", b"y")
    assert store.flush()  # The writer checks now; nobody is old yet.
    clock.advance(days=1)
    store.put(stays, "settings", b"z")  # Seen again after a day.
    assert store.flush()
    clock.advance(days=1, seconds=120)  # `gone`: 2 days and 2 minutes; `stays`: 1 day.
    store.put(stays, "place", b"home")
    assert store.flush()
    assert store.values(gone) == {} and store.runs(gone, "iris") == []
    assert store.values(stays) == {"settings": b"z", "place": b"home"}


def test_the_expiry_is_checked_at_most_every_hour(make_store, clock) -> None:
    store = make_store(WORKSHOP_KEEP_DAYS="1")
    old, other = new_student_id(), new_student_id()
    store.put(old, "settings", b"x")
    assert store.flush()  # Checked now.
    clock.advance(days=1, seconds=-600)  # 10 minutes before `old` is due.
    store.put(other, "settings", b"y")
    assert store.flush()  # Checked: `old` is not due yet.
    clock.advance(seconds=1_200)  # Due for 10 minutes, but the last check was 20 minutes ago.
    store.put(other, "settings", b"y")
    assert store.flush()
    assert store.size_of(old) == 1  # (Reading its values would count as seeing it.)
    clock.advance(seconds=3_600)
    store.put(other, "settings", b"y")
    assert store.flush()
    assert store.values(old) == {}


def test_a_student_who_only_reads_is_seen(make_store, clock, student) -> None:
    """A reload reads the student's values: that counts as being seen."""
    store = make_store(WORKSHOP_KEEP_DAYS="2")
    store.put(student, "settings", b"x")
    assert store.flush()
    clock.advance(days=1.5)
    assert store.values(student) == {"settings": b"x"}
    assert store.flush()
    clock.advance(days=1)  # 2.5 days after the write, 1 after the read.
    store.put(new_student_id(), "settings", b"y")
    assert store.flush()
    assert store.values(student) == {"settings": b"x"}
