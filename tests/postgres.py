"""A real PostgreSQL for tests: Debian's server, started in a temporary folder, stopped after.

`initdb` makes a cluster in a fresh temporary folder, and `pg_ctl` starts it on 127.0.0.1 at a
free port, with its unix socket in the same folder and trust authentication (nothing but
this machine's own tests can reach it). PostgreSQL refuses to run as root, so as root the
server runs as the `postgres` user (`runuser`); as anyone else, as that user. `.ci/run`
installs Debian's `postgresql` when its binaries are missing.

From a test module (the store's tests do this through their conftest.py):

    from tests.postgres import postgres_server  # noqa: F401  (the session fixture)

    def test_two_replicas(postgres_server):
        url = postgres_server.new_database()  # postgresql://postgres@127.0.0.1:PORT/NAME
        environ = {"WORKSHOP_DATABASE_URL": url}  # Give it to each `streamlit run`.

or, outside pytest, `with PostgresServer() as server: ...`. Tests that use the fixture
get the marker `postgres` (register it with `mark_postgres_tests` in a conftest.py, or mark
them by hand).
"""

from __future__ import annotations

import glob
import os
import shutil
import socket
import subprocess
import tempfile
import uuid
from pathlib import Path

import pytest

POSTGRES_FIXTURES = frozenset({"postgres_server"})


def postgres_bin() -> Path | None:
    """The newest installed server's bin folder (Debian: /usr/lib/postgresql/N/bin)."""
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/initdb"), key=_version)
    if found:
        return Path(found[-1]).parent
    initdb = shutil.which("initdb")
    return Path(initdb).parent if initdb else None


def _version(path: str) -> int:
    part = Path(path).parts[-3]
    return int(part) if part.isdigit() else 0


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class PostgresServer:
    """One PostgreSQL cluster in a temporary folder; `url` reaches its `postgres` database."""

    def __init__(self, port: int | None = None) -> None:
        self.bin = postgres_bin()
        self.port = port or _free_port()
        self.folder = Path(tempfile.mkdtemp(prefix="workshop-postgres-"))
        self.data = self.folder / "data"
        self.as_root = os.geteuid() == 0

    @property
    def url(self) -> str:
        return self.database_url("postgres")

    def database_url(self, name: str) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def _run(self, *command: str) -> None:
        prefix = ["runuser", "-u", "postgres", "--"] if self.as_root else []
        subprocess.run([*prefix, *command], check=True, capture_output=True, text=True, timeout=120)

    def start(self) -> PostgresServer:
        if self.bin is None:
            raise RuntimeError("PostgreSQL is not installed (Debian: apt-get install postgresql)")
        if self.as_root:
            shutil.chown(self.folder, "postgres", "postgres")
        initdb, pg_ctl = str(self.bin / "initdb"), str(self.bin / "pg_ctl")
        self._run(initdb, "-D", str(self.data), "-U", "postgres", "--auth=trust", "-E", "UTF8")
        options = (
            f"-c listen_addresses=127.0.0.1 -c port={self.port} "
            f"-c unix_socket_directories={self.folder} -c fsync=off -c max_connections=200"
        )
        log = str(self.folder / "server.log")
        self._run(pg_ctl, "-D", str(self.data), "-o", options, "-l", log, "-w", "-t", "60", "start")
        return self

    def new_database(self) -> str:
        """A fresh, empty database on this server; its postgresql:// address."""
        import psycopg

        name = "workshop_" + uuid.uuid4().hex[:12]
        with psycopg.connect(self.url, autocommit=True, connect_timeout=5) as conn:
            conn.execute(f'CREATE DATABASE "{name}"')
        return self.database_url(name)

    def log(self) -> str:
        path = self.folder / "server.log"
        return path.read_text(errors="replace") if path.exists() else ""

    def stop(self) -> None:
        if self.bin is not None and (self.data / "postmaster.pid").exists():
            pg_ctl = str(self.bin / "pg_ctl")
            self._run(pg_ctl, "-D", str(self.data), "-m", "immediate", "-w", "stop")
        shutil.rmtree(self.folder, ignore_errors=True)

    def __enter__(self) -> PostgresServer:
        return self.start()

    def __exit__(self, *_exc: object) -> None:
        self.stop()


@pytest.fixture(scope="session")
def postgres_server():
    """One PostgreSQL per pytest session (about a second or two to start); stopped at the end."""
    server = PostgresServer().start()
    try:
        yield server
    finally:
        server.stop()


def mark_postgres_tests(items: list[pytest.Item]) -> None:
    """Give every test that uses the fixture the marker `postgres` (pyproject.toml)."""
    for item in items:
        if POSTGRES_FIXTURES & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.postgres)
