"""Connecting to the store and keeping its schema current.

SQLite (the embedded default) runs in WAL mode with full fsync, so a `250` given after a commit
survives a crash; PostgreSQL takes the same models and migrations. `open_store` is the one way in.
"""

from __future__ import annotations

import contextlib
import errno
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import event, text, update
from sqlalchemy.engine import Engine, ExceptionContext, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, ProgrammingError
from sqlalchemy.pool import NullPool
from sqlmodel import Session, col, create_engine

from store.errors import ConfigError, StoreUnavailable
from store.models import StoreHealth, utcnow

if TYPE_CHECKING:
    from alembic.config import Config as AlembicConfig

MIGRATIONS = Path(__file__).with_name("migrations")


# What a database says when it cannot take writes for now: SQLite's read-only file, full disk or
# I/O error; PostgreSQL's read-only transaction mode (SQLSTATE 25006), disk full (53100), out of
# memory (53200), too many connections (53300), and any lost connection (class 08).
_SQLITE_REFUSALS = ("readonly", "read-only", "disk i/o error", "disk is full", "unable to open")
_SQLITE_BUSY = "is locked"  # another writer held the lock past the busy timeout: wait, the connection is fine
_PG_OUTAGE_STATES = ("25006", "53100", "53200", "53300", "57P01", "57P02", "57P03")
_DISK_ERRNOS = frozenset({errno.ENOSPC, errno.EROFS, errno.EDQUOT, errno.EIO, errno.EACCES, errno.EPERM})


def is_outage(exc: BaseException) -> bool:
    """Whether an error means the store or the disk cannot take writes for now (retry later), rather than
    that this piece of work is broken (count it against the work).

    Covers SQLAlchemy's operational and disconnect errors and the driver errors under them, and the
    file system errors of a full, read-only or failing disk (the attachments folder).
    """
    seen: set[int] = set()
    current: BaseException | None = exc
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, StoreUnavailable):
            return True
        if isinstance(current, DBAPIError) and (
            current.connection_invalidated or _write_refused(current.orig)
        ):
            return True
        if isinstance(current, OSError) and current.errno in _DISK_ERRNOS:
            return True
        if _write_refused(current):
            return True
        current = current.__cause__ or current.__context__
    return False


def _write_refused(error: BaseException | None) -> bool:
    """A driver error (sqlite3, psycopg) that says the database refuses writes or the connection is gone."""
    if error is None:
        return False
    state = getattr(error, "sqlstate", None)
    if isinstance(state, str):
        return state in _PG_OUTAGE_STATES or state.startswith("08")
    if type(error).__module__ == "sqlite3" and type(error).__name__ == "OperationalError":
        message = str(error).lower()
        return any(needle in message for needle in _SQLITE_REFUSALS)
    return False


def _drop_refusing_connections(context: ExceptionContext) -> None:
    """A connection that refused a write is dropped with its pool, so the next one is opened afresh.

    A SQLite connection opened while its file was read-only stays read-only, and a PostgreSQL session
    keeps the read-only mode it started with: without this, the store would stay unwritable until a
    restart even after the disk or the database came back.
    """
    if _write_refused(context.original_exception):
        context.is_disconnect = True


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
        event.listen(engine, "handle_error", _drop_refusing_connections)
        return engine
    if parsed.get_backend_name() == "postgresql":
        if parsed.drivername == "postgresql":
            parsed = parsed.set(drivername="postgresql+psycopg")
        engine = create_engine(
            parsed,
            pool_pre_ping=True,
            pool_size=10,
            max_overflow=10,
            connect_args={"connect_timeout": 5},
        )
        event.listen(engine, "handle_error", _drop_refusing_connections)
        return engine
    raise ConfigError(
        f"store.url: unsupported database {parsed.get_backend_name()!r} (use sqlite or postgresql)"
    )


# Any fixed number: instances starting together on one PostgreSQL migrate one at a time.
_MIGRATION_LOCK = 0x6361_7365


def _alembic_config(engine: Engine) -> AlembicConfig:
    from alembic.config import Config as AlembicConfig  # only when migrating: a third of the import time

    cfg = AlembicConfig()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    cfg.attributes["engine"] = engine
    return cfg


#: The newest migration in store/migrations/versions (a test holds the two together). A store already
#: at it is not handed to Alembic, whose import and script scan cost every CLI command a third of a second.
SCHEMA_REVISION = "0009"


def at_newest_revision(engine: Engine) -> bool:
    """Whether the store's recorded Alembic revision is `SCHEMA_REVISION` (False for a new store)."""
    try:
        with engine.connect() as connection:
            row = connection.execute(text("SELECT version_num FROM alembic_version")).fetchall()
    except (OperationalError, ProgrammingError):
        return False  # a new store, or one that cannot be reached: Alembic says which
    return [r[0] for r in row] == [SCHEMA_REVISION]


def upgrade(engine: Engine) -> None:
    """Bring the schema to the newest migration; running it again changes nothing.

    Raises StoreUnavailable when the database cannot be reached or the migrated schema is broken."""
    if at_newest_revision(engine):
        return
    cfg = _alembic_config(engine)
    try:
        with engine.connect() as connection:
            sqlite = connection.dialect.name == "sqlite"
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_lock(:key)"), {"key": _MIGRATION_LOCK})
                connection.commit()
            if sqlite:
                # SQLite rebuilds a table to change a constraint; with foreign keys on, dropping the old
                # table would delete what refers to it. Off for this connection, checked afterwards.
                connection.exec_driver_sql("PRAGMA foreign_keys=OFF")
            cfg.attributes["connection"] = connection
            from alembic import command

            command.upgrade(cfg, "head")
            connection.commit()
            if sqlite:
                broken = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
                connection.exec_driver_sql("PRAGMA foreign_keys=ON")
                if broken:
                    raise StoreUnavailable(
                        f"the store's foreign keys do not hold after migrating: {broken[:5]}"
                    )
            if connection.dialect.name == "postgresql":
                connection.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": _MIGRATION_LOCK})
                connection.commit()
    except OperationalError as exc:
        raise StoreUnavailable(f"the store cannot be reached: {first_line(exc.orig or exc)}") from exc


def first_line(error: BaseException) -> str:
    """A driver error's first line: psycopg and sqlite3 add hints and SQL on the lines after it."""
    lines = str(error).strip().splitlines()
    return lines[0] if lines else type(error).__name__


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

    def check_writable(self) -> None:
        """Write to the store (its one health row) and to the attachments folder, and commit.

        Raises what the driver or the file system raises when either cannot take a write: a store
        that answers reads but not writes (a read-only file, a full disk, a read-only transaction
        mode) is not healthy, since every message it accepts must be written.
        """
        with self.session() as session:
            session.execute(update(StoreHealth).where(col(StoreHealth.id) == 1).values(checked_at=utcnow()))
        # A block of data, not an empty file: a full disk still has inodes for empty files.
        with tempfile.NamedTemporaryFile(dir=self.attachments_dir, prefix=".health-") as probe:
            probe.write(b"\0" * 4096)
            probe.flush()

    def dispose(self) -> None:
        self.engine.dispose()
        if self.fast_engine is not None:
            self.fast_engine.dispose()


def open_store(url: str, attachments_dir: str | Path, *, migrate: bool = False) -> Store:
    """Open the store; with `migrate`, bring its schema up to date first.

    A database that cannot be reached or opened is a `StoreUnavailable` naming it (password hidden)
    and the driver's reason; a URL that is not one is a `ConfigError`.
    """
    engine = make_engine(url)
    try:
        if migrate:
            upgrade(engine)
        else:
            with engine.connect():
                pass
    except (OperationalError, StoreUnavailable) as exc:
        engine.dispose()
        where = engine.url.render_as_string(hide_password=True)
        cause = exc.orig if isinstance(exc, OperationalError) else exc.__cause__
        reason = first_line(getattr(cause, "orig", None) or cause or exc)
        raise StoreUnavailable(f"{where}: {reason}") from exc
    folder = Path(attachments_dir)
    folder.mkdir(parents=True, exist_ok=True)
    fast = make_engine(url, durable=False) if engine.dialect.name == "sqlite" else None
    return Store(engine=engine, attachments_dir=folder, fast_engine=fast)
