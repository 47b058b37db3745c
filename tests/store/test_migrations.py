"""Migrations: running them again changes nothing, and 0002 finishes what a crash left half done."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import inspect, text

from store.db import Store, _alembic_config, make_engine, upgrade
from store.inbox import accept_inbound, claim_inbound, raw_of
from tests.store.conftest import arrival as _arrival


def test_migrations_run_twice_without_change(store: Store) -> None:
    """Upgrading an up-to-date store is a no-op, so every start may do it."""
    upgrade(store.engine)
    upgrade(store.engine)
    assert accept_inbound(store, [_arrival(1)])


@pytest.mark.parametrize("crashed_half_way", [False, True])
def test_upgrading_a_0001_store_moves_the_raw_bytes_out_of_the_inbox_rows(
    store_url: str, crashed_half_way: bool
) -> None:
    """Mail accepted before migration 0002 keeps its bytes, now beside its row, and the row loses
    the column (claiming and finishing a message no longer rewrite its bytes). An upgrade that died
    after SQLite committed the new table on its own finishes at the next start."""
    engine = make_engine(store_url)
    try:
        with engine.connect() as connection:
            cfg = _alembic_config(engine)
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "0001")
            connection.execute(
                text(
                    "INSERT INTO inbound (channel, received_at, envelope_from, envelope_to, peer, raw, size,"
                    " status, attempts) VALUES ('email', CURRENT_TIMESTAMP, 'a@x.no', '[]', '', :raw, 5,"
                    " 'pending', 0)"
                ),
                {"raw": b"bytes"},
            )
            if crashed_half_way:
                blob = "BYTEA" if connection.dialect.name == "postgresql" else "BLOB"
                connection.execute(
                    text(f"CREATE TABLE inbound_raw (inbound_id INTEGER PRIMARY KEY, raw {blob} NOT NULL)")
                )
            connection.commit()
        upgrade(engine)
        columns = {c["name"] for c in inspect(engine).get_columns("inbound")}
        assert "raw" not in columns and "size" in columns
        store = Store(engine=engine, attachments_dir=Path("unused"))
        (row,) = claim_inbound(store, limit=1)
        assert row.id is not None
        with store.session() as session:
            assert raw_of(session, row.id) == b"bytes"
    finally:
        engine.dispose()
