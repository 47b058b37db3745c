"""Inbox rows for mail imported from an existing mailbox (`casebot import`).

An imported message is stored already claimed by the importer, not `pending` as the edge stores
mail: a `casebot serve` running on the same store must not pick it up and answer
year-old mail. The importer processes it at once; if the importer is stopped in between, it
removes the row (the mailbox file still has the message, so the next run imports it again).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete, func, update
from sqlmodel import col, select

from store.db import Store
from store.inbox import Arrival, accept_inbound
from store.models import Case, CaseMessage, CaseStatus, InboundMessage, InboundRaw, InboundStatus, utcnow

#: The `peer` of an imported message's inbox row (the SMTP edge stores the client's address there).
IMPORT_PEER = "import"

# Long enough that no inbox sweep takes over a row the importer is still working on.
IMPORT_LEASE = timedelta(hours=1)


def accept_for_import(store: Store, arrival: Arrival) -> int:
    """Store one message durably, claimed by the importer; returns its inbox id."""
    return accept_inbound(store, [arrival], claimed_for=IMPORT_LEASE)[0]


def discard_unprocessed(store: Store, inbound_id: int) -> bool:
    """Remove an imported row that was never processed (the import stopped); False if it was."""
    with store.session() as session:
        row = session.get(InboundMessage, inbound_id)
        if row is None or row.status != InboundStatus.PROCESSING:
            return False
        session.execute(delete(InboundRaw).where(col(InboundRaw.inbound_id) == inbound_id))
        session.delete(row)
        return True


def is_known(store: Store, message_id: str) -> bool:
    """Whether a message with this Message-ID is already part of a case (a re-run skips it)."""
    with store.session() as session:
        found = session.exec(select(CaseMessage.id).where(CaseMessage.external_id == message_id)).first()
        return found is not None


def forget_unsent_questions(store: Store, case_id: int) -> None:
    """Clear what a silent import 'asked': nothing was sent, so nothing may be reminded."""
    with store.session() as session:
        case = session.get(Case, case_id)
        if case is not None and case.asked:
            case.asked = []
            case.asked_at = None
            session.add(case)


def date_imported(
    store: Store, case_id: int, message_id: str | None, sent_at: datetime | None, *, created: bool
) -> None:
    """Give an imported message its own date in the case's history, and the case the date of its
    first message; a case the import `created` is marked imported. A Date in the future is not
    believed (the import's time stands)."""
    with store.session() as session:
        case = session.get(Case, case_id)
        if case is None:
            return
        if created:
            case.imported = True
        if sent_at is not None and sent_at <= utcnow():
            if message_id is not None:
                session.execute(
                    update(CaseMessage)
                    .where(col(CaseMessage.case_id) == case_id, col(CaseMessage.external_id) == message_id)
                    .values(at=sent_at)
                )
            if case.imported and sent_at < case.created_at:
                case.created_at = sent_at
        session.add(case)


def waiting_for_staff(store: Store) -> int:
    """How many imported cases are open: complete, and for staff to handle."""
    with store.session() as session:
        stmt = (
            select(func.count())
            .select_from(Case)
            .where(col(Case.imported).is_(True), col(Case.status) == CaseStatus.OPEN)
        )
        return int(session.exec(stmt).one())
