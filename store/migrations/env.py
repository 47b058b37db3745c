"""Alembic's entry point: runs casebot's migrations on the engine `store.db.upgrade` hands over."""

from __future__ import annotations

from alembic import context
from sqlalchemy.engine import Connection
from sqlmodel import SQLModel

import store.models  # noqa: F401  (registers the tables on SQLModel.metadata)

config = context.config
engine = config.attributes.get("engine")
if engine is None:  # plain `alembic` on the command line: take the URL from the ini file
    from store.db import make_engine

    engine = make_engine(config.get_main_option("sqlalchemy.url") or "sqlite:///casebot-data/casebot.db")


def _run(connection: Connection) -> None:
    context.configure(
        connection=connection,
        target_metadata=SQLModel.metadata,
        render_as_batch=connection.dialect.name == "sqlite",
    )
    with context.begin_transaction():
        context.run_migrations()


given = config.attributes.get("connection")
if given is not None:
    _run(given)
else:
    with engine.connect() as connection:
        _run(connection)
