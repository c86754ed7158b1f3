"""Faults of the store's disk and database, caused for real: a full disk, a read-only folder,
a lock, a damaged file, a PostgreSQL that is not there. Each time no call raises, none takes
long, `problem` is one sentence saying why, and the store works again once the fault goes.

The disk faults need root (a small tmpfs, a read-only bind mount), as in CI.
"""

from __future__ import annotations

import contextlib
import os
import socket
import sqlite3
import subprocess
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from core.engine.store import WorkStore, encode, new_student_id, open_store
from tests.core.engine.store.conftest import RETRY_S
from tests.postgres import PostgresServer

HANG = 3.0  # Seconds: a call slower than this hangs (the bound is about one second).
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="mounting a tmpfs needs root")


def call(function: Callable, *args: object) -> object:
    """Call a store method: it must not raise, and it must return well within HANG."""
    start = time.monotonic()
    result = function(*args)
    assert time.monotonic() - start < HANG, f"{function.__name__} hung"
    return result


def one_sentence(problem: str | None, *words: str) -> None:
    assert problem is not None and problem.startswith("Work is not being kept on the server: ")
    assert problem.count(".") == 1 and problem.endswith(".") and "\n" not in problem
    for word in words:
        assert word in problem


def every_call(store: WorkStore, student: str) -> None:
    """Each of the store's calls, once, within the bound."""
    call(store.put, student, "settings", b"during the fault")
    call(store.add_run, student, "mnist", encode("a run during the fault"))
    call(store.values, student)
    call(store.runs, student, "mnist")
    call(store.take_notes, student)
    call(store.size_of, student)
    call(store.drop, student, "nothing")
    call(store.flush, 0.5)


def recovered(store: WorkStore, student: str) -> None:
    """After the fault: the queued writes land and reads work again."""
    assert store.flush(timeout=10.0)
    time.sleep(RETRY_S * 2)  # Reads paused after the fault are tried again.
    assert store.values(student)["settings"] == b"during the fault"
    assert len(store.runs(student, "mnist")) >= 1
    assert store.problem is None


@contextlib.contextmanager
def tmpfs(folder: Path, options: str) -> Iterator[Path]:
    folder.mkdir()
    subprocess.run(["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(folder)], check=True)
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], check=False)


def remount(folder: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(folder)], check=True)


@needs_root
def test_a_full_disk(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "small", "size=1m") as folder:
        store = open_store({"WORKSHOP_DATA_DIR": str(folder)}, retry_s=RETRY_S)
        student = new_student_id()
        store.put(student, "before", b"kept")
        assert store.flush() and store.problem is None
        call(store.add_run, student, "mnist", os.urandom(3_000_000))  # More than the disk.
        assert not store.flush(timeout=1.0)
        one_sentence(store.problem, "the server's disk is full")
        every_call(store, student)
        assert store.values(student)["before"] == b"kept"  # Reads go on.
        remount(folder, "size=64m")  # The teacher frees space.
        recovered(store, student)
        assert len(store.runs(student, "mnist")) == 2
        store.close()


@needs_root
def test_a_read_only_folder(tmp_path: Path) -> None:
    with tmpfs(tmp_path / "ro", "ro,size=1m") as folder:
        store = open_store({"WORKSHOP_DATA_DIR": str(folder / "data")}, retry_s=RETRY_S)
        student = new_student_id()
        every_call(store, student)
        one_sentence(store.problem, "the store's folder is read-only")
        remount(folder, "rw")
        recovered(store, student)
        store.close()


@needs_root
def test_a_folder_with_a_store_made_read_only(tmp_path: Path) -> None:
    """The store's file is there, but its folder may no longer be written (a bind mount)."""
    folder, view = tmp_path / "data", tmp_path / "view"
    first = open_store({"WORKSHOP_DATA_DIR": str(folder)}, retry_s=RETRY_S)
    student = new_student_id()
    first.put(student, "settings", b"before")
    assert first.flush()
    first.close()
    view.mkdir()
    subprocess.run(["mount", "--bind", str(folder), str(view)], check=True)
    try:
        remount(view, "bind,ro")
        store = open_store({"WORKSHOP_DATA_DIR": str(view)}, retry_s=RETRY_S)
        every_call(store, student)
        one_sentence(store.problem)
        assert "read-only" in store.problem or "cannot be written" in store.problem
        remount(view, "bind,rw")
        recovered(store, student)
        store.close()
    finally:
        subprocess.run(["umount", "-l", str(view)], check=False)


def test_a_database_locked_by_another_program(tmp_path: Path) -> None:
    store = open_store({"WORKSHOP_DATA_DIR": str(tmp_path)}, retry_s=RETRY_S)
    student = new_student_id()
    store.put(student, "settings", b"before")
    assert store.flush()
    other = sqlite3.connect(tmp_path / "store.sqlite3", isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        every_call(store, student)
        assert not store.flush(timeout=1.5)  # The writer waits for the lock, then gives up.
        one_sentence(store.problem, "another program holds a lock on the store")
        assert call(store.values, student) == {"settings": b"before"}  # Readers never wait.
        for i in range(1_200):  # More than the queue holds: the rest are dropped, quickly.
            call(store.put, student, f"queued {i}", b"x")
        one_sentence(store.problem)
    finally:
        other.execute("ROLLBACK")
        other.close()
    recovered(store, student)
    kept = store.values(student)
    assert "queued 0" in kept and "queued 1199" not in kept
    store.close()


def test_a_damaged_database_file(tmp_path: Path) -> None:
    path = tmp_path / "store.sqlite3"
    path.write_bytes(b"this is not a database, " * 4_000)
    store = open_store({"WORKSHOP_DATA_DIR": str(tmp_path)}, retry_s=RETRY_S)
    student = new_student_id()
    every_call(store, student)
    one_sentence(store.problem, "the store's database file is damaged")
    assert call(store.values, student) == {}
    path.rename(tmp_path / "damaged.sqlite3")  # The teacher moves it away.
    recovered(store, student)
    store.close()


def test_a_database_file_damaged_while_in_use(tmp_path: Path) -> None:
    store = open_store({"WORKSHOP_DATA_DIR": str(tmp_path)}, retry_s=RETRY_S)
    student = new_student_id()
    store.put(student, "settings", b"before")
    assert store.flush()
    store._db.reset()  # Let go of the pages SQLite holds in memory, as a restarted server would.
    path = tmp_path / "store.sqlite3"
    path.write_bytes(os.urandom(path.stat().st_size))
    every_call(store, student)
    one_sentence(store.problem, "damaged")
    path.unlink()
    recovered(store, student)
    store.close()


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.mark.postgres
def test_a_postgresql_that_is_not_there() -> None:
    port = _free_port()  # Nothing listens on it.
    url = f"postgresql://postgres@127.0.0.1:{port}/postgres"
    start = time.monotonic()
    store = open_store({"WORKSHOP_DATABASE_URL": url}, retry_s=RETRY_S)
    assert time.monotonic() - start < HANG
    student = new_student_id()
    every_call(store, student)
    one_sentence(store.problem, "the database server cannot be reached")
    with PostgresServer(port=port):  # The server comes (back).
        recovered(store, student)
        store.close()
