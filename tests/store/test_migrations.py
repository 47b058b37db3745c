"""Migrations: running them again changes nothing, and each finishes what a crash left half done."""

from __future__ import annotations

from pathlib import Path

import pytest
from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import inspect, text
from sqlalchemy.exc import IntegrityError

from store.db import MIGRATIONS, SCHEMA_REVISION, Store, _alembic_config, make_engine, upgrade
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


_CASE = (
    "INSERT INTO cases (token, status, channel, type, subject, description, priority, reporter, reporter_name"
    ", language, affected_users, stated, asked, reminders_sent, created_at, updated_at) VALUES ('t1', 'open',"
    " 'email', 'bug', 's', 'd', 'normal', 'kari@acme.no', '', 'nb', '[]', '[]', '[]', 0, CURRENT_TIMESTAMP,"
    " CURRENT_TIMESTAMP)"
)
_MESSAGE = (
    "INSERT INTO messages (case_id, direction, channel, at, sender, subject, text, external_id, kind)"
    " VALUES (1, 'in', 'email', CURRENT_TIMESTAMP, :sender, 's', :text, '<m1@acme.no>', 'message')"
)
_ATTACHMENT = (
    "INSERT INTO attachments (case_id, message_id, filename, content_type, size, sha256, inline, created_at)"
    " VALUES (1, 1, 'a.png', 'image/png', 3, 'abc', false, CURRENT_TIMESTAMP)"
)


@pytest.mark.parametrize("crashed_half_way", [False, True])
def test_upgrading_a_0002_store_keeps_every_message_and_file_and_dedupes_by_sender(
    store_url: str, crashed_half_way: bool
) -> None:
    """0003 keeps each message with its attachments (their foreign keys hold), makes a Message-ID unique
    per sender instead of for everyone, and finishes a rebuild that a crash interrupted."""
    engine = make_engine(store_url)
    try:
        with engine.connect() as connection:
            cfg = _alembic_config(engine)
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "0002")
            connection.execute(text(_CASE))
            connection.execute(text(_MESSAGE), {"sender": "kari@acme.no", "text": "hei"})
            connection.execute(text(_ATTACHMENT))
            if crashed_half_way and connection.dialect.name == "sqlite":
                connection.execute(text("CREATE TABLE messages_rebuilt (id INTEGER PRIMARY KEY)"))
            connection.commit()
        upgrade(engine)
        upgrade(engine)
        store = Store(engine=engine, attachments_dir=Path("unused"))
        with store.session() as session:
            assert session.execute(text("SELECT text FROM messages WHERE id = 1")).scalar_one() == "hei"
            assert session.execute(text("SELECT message_id FROM attachments")).scalar_one() == 1
            session.execute(text(_MESSAGE), {"sender": "mallory@evil.example", "text": "x"})
        with pytest.raises(IntegrityError), store.session() as session:
            session.execute(text(_MESSAGE), {"sender": "kari@acme.no", "text": "again"})
        assert not inspect(engine).has_table("messages_rebuilt")
    finally:
        engine.dispose()


def test_upgrading_a_0002_store_adds_the_form_links_and_keeps_the_cases(store_url: str) -> None:
    """Migration 0004 adds the table of form links to a store at 0002, whose cases stay as they were,
    and a link can then be issued for an existing case."""
    from store import links

    engine = make_engine(store_url)
    try:
        with engine.connect() as connection:
            cfg = _alembic_config(engine)
            cfg.attributes["connection"] = connection
            command.upgrade(cfg, "0002")
            connection.execute(text(_CASE.replace("'s', 'd'", "'Old case', 'd'")))
            connection.commit()
            assert not inspect(connection).has_table("web_links")
        upgrade(engine)
        inspector = inspect(engine)
        assert {c["name"] for c in inspector.get_columns("web_links")} == {
            "id",
            "case_id",
            "token_hash",
            "csrf_key",
            "created_at",
        }
        assert "ix_web_links_case" in {i["name"] for i in inspector.get_indexes("web_links")}
        store = Store(engine=engine, attachments_dir=Path("unused"))
        with store.session() as session:
            (case_id,) = session.execute(text("SELECT id FROM cases WHERE subject = 'Old case'")).scalars()
            token = links.issue_link(session, case_id)
        with store.session() as session:
            found = links.find_link(session, token)
            assert found is not None and found[1].subject == "Old case"
    finally:
        engine.dispose()


def test_schema_revision_is_the_newest_migration() -> None:
    """`SCHEMA_REVISION`, which lets a migrated store skip Alembic, names the head of the migrations."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS))
    assert ScriptDirectory.from_config(config).get_heads() == [SCHEMA_REVISION]
