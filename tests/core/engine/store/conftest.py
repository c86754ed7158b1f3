"""Stores for the store's tests: on a fresh SQLite file, or on a fresh database of a real
PostgreSQL (tests/postgres.py), with a clock the test can move and quick retries."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator

import pytest

from core.engine.store import WorkStore, new_student_id, open_store
from tests.postgres import mark_postgres_tests, postgres_server  # noqa: F401 (a fixture)

BACKENDS = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
RETRY_S = 0.2  # Faults are retried this soon in the tests (30 s on a server).


class Clock:
    """A clock the test sets: the store's idea of "now" (run times, last seen, expiry)."""

    def __init__(self) -> None:
        today = time.localtime()
        self.now = time.mktime((*today[:3], 12, 0, 0, 0, 0, -1))  # Today at noon.

    def __call__(self) -> float:
        return self.now

    def advance(self, days: float = 0.0, seconds: float = 0.0) -> None:
        self.now += days * 86_400 + seconds


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    mark_postgres_tests(items)


@pytest.fixture(params=BACKENDS)
def backend_environ(request: pytest.FixtureRequest, tmp_path) -> dict[str, str]:
    """The settings that put a store on a fresh SQLite folder or PostgreSQL database."""
    if request.param == "sqlite":
        return {"WORKSHOP_DATA_DIR": str(tmp_path / "data")}
    server = request.getfixturevalue("postgres_server")
    return {"WORKSHOP_DATABASE_URL": server.new_database()}


@pytest.fixture
def clock() -> Clock:
    return Clock()


@pytest.fixture
def make_store(backend_environ, clock) -> Iterator[Callable[..., WorkStore]]:
    """make_store(WORKSHOP_KEEP_RUNS="3", ...): a store on this test's database; each one
    made is closed at the end."""
    made: list[WorkStore] = []

    def make(**settings: str) -> WorkStore:
        store = open_store({**backend_environ, **settings}, clock=clock, retry_s=RETRY_S)
        made.append(store)
        return store

    yield make
    for store in made:
        store.close()


@pytest.fixture
def student() -> str:
    return new_student_id()
