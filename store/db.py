"""Connecting to the store and keeping its schema current.

SQLite (the embedded default) runs in WAL mode with full fsync, so a `250` given after a commit
survives a crash; PostgreSQL takes the same models and migrations. `open_store` is the one way in.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config as AlembicConfig
from sqlalchemy import event, text
from sqlalchemy.engine import Engine, make_url
from sqlalchemy.exc import ArgumentError, OperationalError
from sqlalchemy.pool import NullPool
from sqlmodel import Session, create_engine

from store.errors import ConfigError, StoreUnavailable

MIGRATIONS = Path(__file__).with_name("migrations")


def _sqlite_pragmas(synchronous: str) -> Any:
    def apply(dbapi_connection: Any, _record: Any) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        cursor.execute(f"PRAGMA synchronous={synchronous}")
        cursor.execute("PRAGMA busy_timeout=15000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    return apply


def make_engine(url: str, *, durable: bool = True) -> Engine:
    """An engine for a store URL; creates the SQLite file's folder when it is missing.

    On SQLite, `durable` commits are fsynced before they return (synchronous=FULL): that is what a
    250 stands on. Other work may use a NORMAL engine: in WAL mode a power cut can then lose the
    last commits, but only whole ones and in order, so the worst case is a message processed or a
    reply sent again, never one lost. A process crash loses nothing either way.
    """
    try:
        parsed = make_url(url)
    except ArgumentError as exc:
        raise ConfigError(f"store.url {url!r} is not a database URL") from exc
    if parsed.get_backend_name() == "sqlite":
        database = parsed.database or ""
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 15},
            poolclass=NullPool if database in ("", ":memory:") else None,
        )
        event.listen(engine, "connect", _sqlite_pragmas("FULL" if durable else "NORMAL"))
        return engine
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        return create_engine(
            parsed,
            pool_pre_ping=True,
            pool_size=10,
            max_overflow=10,
            connect_args={"connect_timeout": 5},
        )
    raise ConfigError(
        f"store.url: unsupported database {parsed.get_backend_name()!r} (use sqlite or postgresql)"
    )


# Any fixed number: instances starting together on one PostgreSQL migrate one at a time.
_MIGRATION_LOCK = 0x6361_7365


def _alembic_config(engine: Engine) -> AlembicConfig:
    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration; running it again changes nothing."""
    cfg = _alembic_config(engine)
    try:
        with engine.connect() as connection:
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _MIGRATION_LOCK})
                connection.commit()
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "head")
            connection.commit()
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _MIGRATION_LOCK})
                connection.commit()
    except OperationalError as exc:
        raise StoreUnavailable(f"the store cannot be reached: {exc.orig}") from exc


@dataclass
class Store:
    """The database and the attachments folder, used together."""

    engine: Engine
    attachments_dir: Path
    # The same database without a disk flush per commit (SQLite only; on PostgreSQL the same engine).
    fast_engine: Engine | None = None

    @contextlib.contextmanager
    def session(self, *, fast: bool = False) -> Iterator[Session]:
        """One transaction: committed when the block ends, rolled back when it raises.

        `fast` is for the high-volume work whose loss in a power cut means doing it again (claiming
        and processing inbound mail, delivering the outbox), never for accepting mail or for
        decisions such as closing a case.
        """
        engine = self.fast_engine if fast and self.fast_engine is not None else self.engine
        with Session(engine, expire_on_commit=False) as session:
            try:
                yield session
                session.commit()
            except BaseException:
                session.rollback()
                raise

    def ping(self) -> None:
        """Ask the database for nothing (`SELECT 1`); raises what the driver raises when it cannot answer."""
        with self.engine.connect() as conn:
            conn.execute(text("SELECT 1"))

    def dispose(self) -> None:
        self.engine.dispose()
        if self.fast_engine is not None:
            self.fast_engine.dispose()


def open_store(url: str, attachments_dir: str | Path, *, migrate: bool = False) -> Store:
    """Open the store; with `migrate`, bring its schema up to date first."""
    engine = make_engine(url)
    if migrate:
        upgrade(engine)
    folder = Path(attachments_dir)
    folder.mkdir(parents=True, exist_ok=True)
    fast = make_engine(url, durable=False) if engine.dialect.name == "sqlite" else None
    return Store(engine=engine, attachments_dir=folder, fast_engine=fast)
