"""Store pieces of the data lifecycle, on SQLite and on PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlmodel import select

from store.attachments import blob_path, save_blob
from store.cases import add_attachment, create_case
from store.db import Store, open_store
from store.inbox import Arrival, claim_inbound
from store.lifecycle import blobs, imports, transaction
from store.models import Case, InboundMessage


@pytest.fixture
def store(store_url: str, tmp_path: Path) -> Iterator[Store]:
    s = open_store(store_url, tmp_path / "att", migrate=True)
    yield s
    s.dispose()


def test_imported_mail_is_never_claimed_by_the_inbox_worker(store: Store) -> None:
    """A row the importer stored is claimed already, so a running `serve` cannot answer it."""
    inbound_id = imports.accept_for_import(store, Arrival(b"Subject: x\r\n\r\nhi", "a@acme.no", ("s@v.no",)))
    assert claim_inbound(store, limit=5) == []
    assert imports.discard_unprocessed(store, inbound_id) is True
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
