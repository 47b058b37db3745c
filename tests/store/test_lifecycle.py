"""Store pieces of the data lifecycle, on SQLite and on PostgreSQL."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import text
from sqlmodel import select

from store.attachments import blob_path, save_blob
from store.cases import add_attachment, create_case
from store.db import Store
from store.inbox import Arrival, accept_inbound, claim_inbound, raw_of, release_failed_attempt
from store.lifecycle import blobs, imports, transaction
from store.lifecycle.retention import expire_quarantine
from store.models import Case, InboundMessage, utcnow


def test_imported_mail_is_never_claimed_by_the_inbox_worker(store: Store) -> None:
    """A row the importer stored is claimed already, so a running `serve` cannot answer it."""
    with store.session() as session:
        (inbound_id,) = imports.stage_for_import(
            session, [Arrival(b"Subject: x\r\n\r\nhi", "a@acme.no", ("s@v.no",))]
        )
    assert claim_inbound(store, limit=5) == []
    with store.session() as session:
        assert imports.discard_staged(session, [inbound_id]) == 1
    with store.session() as session:
        assert session.get(InboundMessage, inbound_id) is None


def test_a_rehearsed_transaction_leaves_nothing_behind(store: Store) -> None:
    """`transaction(rehearse=True)` runs the statements and rolls them back."""
    with transaction(store, rehearse=True) as session:
        create_case(session, subject="rehearsal")
    with transaction(store, rehearse=False) as session:
        create_case(session, subject="real")
    with store.session() as session:
        assert [c.subject for c in session.exec(select(Case))] == ["real"]


def test_a_file_goes_only_when_no_row_needs_it(store: Store) -> None:
    """`remove_unreferenced` keeps a file another attachment row still refers to."""
    shared, alone = save_blob(store.attachments_dir, b"shared"), save_blob(store.attachments_dir, b"alone")
    with store.session() as session:
        case = create_case(session, subject="keeps the shared file")
        add_attachment(
            session, case, None, filename="s.txt", content_type="text/plain", size=6, sha256=shared
        )
    freed = blobs.remove_unreferenced(store, {shared, alone})
    assert (freed.files, freed.bytes) == (1, 5)
    assert blob_path(store.attachments_dir, shared).exists()
    assert not blob_path(store.attachments_dir, alone).exists()


def test_quarantine_expiry_empties_only_expired_mail_however_much_there_is(store: Store) -> None:
    """Old quarantined mail is marked expired and emptied in statements, not lists of ids: 70,000
    rows are more parameters than PostgreSQL takes in one statement. Newer quarantined mail, mail
    waiting to be processed and processed mail keep their bytes."""
    old = utcnow() - timedelta(days=100)
    count = 70_000
    with store.session() as session:
        numbers = (
            "SELECT generate_series(1, :n) AS n"
            if session.get_bind().dialect.name == "postgresql"
            else "WITH RECURSIVE s(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM s WHERE n < :n)"
            " SELECT n FROM s"
        )
        session.execute(
            text(
                "INSERT INTO inbound (channel, received_at, envelope_from, envelope_to, peer, size, status,"
                f" attempts) SELECT 'email', :old, 'a@x.no', '[]', '', 1, 'failed', 3 FROM ({numbers}) AS s"
            ),
            {"n": count, "old": old},
        )
        session.execute(
            text("INSERT INTO inbound_raw (inbound_id, raw) SELECT id, :raw FROM inbound"), {"raw": b"x"}
        )
    kept = accept_inbound(
        store, [Arrival(b"Subject: new\r\n\r\nhi", "b@x.no", ("s@v.no",)) for _ in range(2)]
    )
    assert [row.id for row in claim_inbound(store, limit=1)] == kept[:1]
    release_failed_attempt(store, kept[0], "boom", max_attempts=1)  # quarantined just now: not expired
    with store.session() as session:
        assert expire_quarantine(session, utcnow() - timedelta(days=30)) == count
    with store.session() as session:
        rows = session.execute(text("SELECT status, count(*) FROM inbound GROUP BY status")).all()
        statuses = {status: n for status, n in rows}
        emptied = session.execute(text("SELECT count(*) FROM inbound_raw WHERE length(raw) = 0")).scalar_one()
        assert statuses == {"expired": count, "failed": 1, "pending": 1}
        assert emptied == count
        assert [raw_of(session, i) for i in kept] == [b"Subject: new\r\n\r\nhi"] * 2


def test_raw_bytes_that_were_never_stored_are_an_error_not_an_empty_message(store: Store) -> None:
    assert accept_inbound(store, []) == []
    with store.session() as session, pytest.raises(LookupError):
        raw_of(session, 12345)
