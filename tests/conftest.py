"""Shared fixtures: a store on SQLite and on the real PostgreSQL, an SMTP sink, a running casebot."""

from __future__ import annotations

import os
import secrets
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest

from tests.harness import CasebotProcess, Setup, SmtpSink

# pytest-xdist workers run with COLUMNS=80 and LINES=24 set; the CLI's output in a pipe follows $COLUMNS,
# and tests read its lines whole, as they do in a plain `pytest` run. Tests of the width set it themselves.
for _name in ("COLUMNS", "LINES"):
    os.environ.pop(_name, None)

PG_ADMIN = os.environ.get("CASEBOT_TEST_PG_URL", "postgresql://postgres@127.0.0.1:5432/test")


def pg_reachable() -> bool:
    """Whether the test PostgreSQL answers."""
    try:
        with psycopg.connect(PG_ADMIN, connect_timeout=3):
            return True
    except psycopg.Error:
        return False


@pytest.fixture(scope="session")
def pg_available() -> bool:
    return pg_reachable()


def make_pg_database() -> str:
    """A fresh, empty database on the test server; returns its SQLAlchemy URL."""
    name = f"casebot_t_{secrets.token_hex(6)}"
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')  # name is ours: hex only
    base = PG_ADMIN.rsplit("/", 1)[0]
    return f"{base.replace('postgresql://', 'postgresql+psycopg://', 1)}/{name}"


def drop_pg_database(url: str) -> None:
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.fixture(params=["sqlite", "postgres"])
def store_url(request: pytest.FixtureRequest, tmp_path: Path, pg_available: bool) -> Iterator[str]:
    """The same test on the embedded SQLite store and on the machine's PostgreSQL."""
    if request.param == "sqlite":
        yield f"sqlite:///{tmp_path / 'data' / 'casebot.db'}"
        return
    if not pg_available:
        if os.environ.get("CI"):
            pytest.fail(f"PostgreSQL is not reachable at {PG_ADMIN}; CI must start it")
        pytest.skip("PostgreSQL is not reachable")
    url = make_pg_database()
    try:
        yield url
    finally:
        drop_pg_database(url)


def _running_sink() -> Iterator[SmtpSink]:
    server = SmtpSink().start()
    try:
        yield server
    finally:
        server.stop()


def _sqlite_setup(root: Path, sink: SmtpSink) -> Setup:
    return Setup(root=root, store_url=f"sqlite:///{root / 'data' / 'casebot.db'}", sink_port=sink.port)


@pytest.fixture
def sink() -> Iterator[SmtpSink]:
    """A local SMTP server standing in for the outbound relay; it keeps what casebot sends."""
    yield from _running_sink()


@pytest.fixture
def setup(tmp_path: Path, sink: SmtpSink) -> Setup:
    return _sqlite_setup(tmp_path, sink)


@pytest.fixture
def own_sink() -> Iterator[SmtpSink]:
    """A sink of the test's own, where the module's `sink` is shared: for a test with its own casebot."""
    yield from _running_sink()


@pytest.fixture
def own_setup(tmp_path: Path, own_sink: SmtpSink) -> Setup:
    """A fresh config and store, in a module whose `setup` is shared: for a test with its own casebot."""
    return _sqlite_setup(tmp_path, own_sink)


@pytest.fixture
def server(setup: Setup) -> Iterator[CasebotProcess]:
    """`casebot serve` running on the setup's config."""
    proc = CasebotProcess(setup).start()
    try:
        yield proc
    finally:
        proc.stop()


def pg_read_only(url: str, on: bool) -> None:
    """Turn a test database read-only for new sessions and end the open ones (a PostgreSQL that briefly
    refuses writes), or writable again for new sessions only: the sessions casebot holds stay read-only
    until casebot drops them itself."""
    name = url.rsplit("/", 1)[1]
    with psycopg.connect(PG_ADMIN, autocommit=True) as conn:
        mode = "SET default_transaction_read_only = on" if on else "RESET default_transaction_read_only"
        conn.execute(f'ALTER DATABASE "{name}" {mode}')  # name is ours: hex only
        if on:
            conn.execute(
                "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
                " WHERE datname = %s AND pid <> pg_backend_pid()",
                (name,),
            )
