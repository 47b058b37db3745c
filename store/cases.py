"""Cases and their messages and attachments: the intention-named reads and writes the engine uses.

Every function here takes the caller's `Session`, so that one inbound message is one transaction.

A case is inserted at once (`create_case`) and then changed as an ORM object, whose changes go to the
database in one flush when the message is done. Messages and attachments are inserted at once, in
Core on the session's connection, and what changes them later (merging cases) flushes at once: so
writing them, reading them back or asking whether a message is known needs no flush of the case's
pending changes first (`_NO_FLUSH`; a Core statement through `Session.execute` would flush them), and
handling a message costs one flush however many rows it writes and reads.
"""

from __future__ import annotations

import secrets
from collections.abc import Iterable, Sequence
from datetime import date, datetime
from typing import Any

from sqlalchemy import Table, bindparam, insert, or_
from sqlmodel import Session, col, select

from parsers.fields import FIELD_NAMES
from store.db import Store
from store.models import Attachment, Case, CaseMessage, CaseStatus, StaffThread, iso, new_row, utcnow

#: The case's fields as `cases show --json` gives them: who and what, then every field a customer can
#: state (`parsers.fields.FIELD_NAMES`, in the portal form's order).
CASE_FIELDS: tuple[str, ...] = ("subject", "description", "customer", "reporter", "language", *FIELD_NAMES)


def new_token() -> str:
    """A per-case secret for reply addresses; lowercase hex survives mail systems that fold case."""
    return secrets.token_hex(10)


_CASES: Table = Case.__table__  # type: ignore[attr-defined]  # set by SQLModel at class creation, not declared
_MESSAGES: Table = CaseMessage.__table__  # type: ignore[attr-defined]
_ATTACHMENTS: Table = Attachment.__table__  # type: ignore[attr-defined]

#: For reads of rows that are only ever inserted at once (messages, attachments): the case's pending
#: changes need not be flushed first, since nothing these reads see can be among them.
_NO_FLUSH = {"autoflush": False}

# The statements every message runs, built once with their parameters bound by name: building one
# (coercing each comparison, keying it for SQLAlchemy's statement cache) costs more than running it.
_INSERT_CASE = insert(_CASES).returning(_CASES.c.id)
_INSERT_MESSAGE = insert(_MESSAGES).returning(_MESSAGES.c.id)
_INSERT_ATTACHMENT = insert(_ATTACHMENTS)
_CASE_BY_ID = select(Case).where(col(Case.id) == bindparam("case_id"))
# Read again under the lock: a copy this session loaded earlier may predate another writer's commit.
_CASE_FOR_UPDATE = _CASE_BY_ID.with_for_update().execution_options(populate_existing=True)
_NEW_CASE = _CASE_BY_ID.execution_options(populate_existing=True)
_MESSAGE_WITH_ID = select(_MESSAGES.c.id).where(_MESSAGES.c.external_id == bindparam("external_id")).limit(1)
_MESSAGE_WITH_ID_FROM = _MESSAGE_WITH_ID.where(_MESSAGES.c.sender == bindparam("sender"))
_MESSAGES_WITH_IDS = (
    select(CaseMessage)
    .where(col(CaseMessage.external_id).in_(bindparam("external_ids", expanding=True)))
    .execution_options(**_NO_FLUSH)
)
_ATTACHMENTS_OF = (
    select(Attachment)
    .where(col(Attachment.case_id) == bindparam("case_id"))
    .order_by(col(Attachment.id))
    .execution_options(**_NO_FLUSH)
)


def create_case(session: Session, **values: Any) -> Case:
    """A new case with these field values (and a new token), inserted at once; returns it loaded.

    A Core insert and a load by key: building a `Case` field by field costs several times as much,
    and a case is created for most messages that arrive. The load is a query built once (`Session.get`
    builds its own anew). It overwrites whatever the session still holds under the new id: on SQLite a
    case inserted in a savepoint that was rolled back (the importer's failed message) leaves its id free
    and its object in the session, and the next case takes that id.
    """
    row = new_row(Case, token=new_token(), **values)
    case_id = session.execute(_INSERT_CASE, row).scalar_one()
    return session.exec(_NEW_CASE, params={"case_id": case_id}).one()


def get_case(session: Session, case_id: int) -> Case | None:
    return session.get(Case, case_id)


def get_case_for_update(session: Session, case_id: int) -> Case | None:
    """The case, locked against concurrent writers until the transaction ends (PostgreSQL)."""
    return session.exec(_CASE_FOR_UPDATE, params={"case_id": case_id}).first()


def find_case_by_token(session: Session, token: str) -> Case | None:
    return session.exec(select(Case).where(Case.token == token)).first()


def has_message(session: Session, external_id: str, *, sender: str | None = None) -> bool:
    """Whether a message with this id (email Message-ID, Slack id) is stored, from `sender` when one is
    given: the same id from two senders is two messages. One Core query for the id, no object loaded."""
    if sender is None:
        found = session.connection().execute(_MESSAGE_WITH_ID, {"external_id": external_id})
    else:
        found = session.connection().execute(
            _MESSAGE_WITH_ID_FROM, {"external_id": external_id, "sender": sender}
        )
    return found.first() is not None


def find_messages(session: Session, external_ids: Iterable[str]) -> list[CaseMessage]:
    ids = list(dict.fromkeys(external_ids))
    if not ids:
        return []
    return list(session.exec(_MESSAGES_WITH_IDS, params={"external_ids": ids}))


def list_cases(
    session: Session,
    *,
    status: str | None = None,
    customer: str | None = None,
    reporter: str | None = None,
    imported: bool | None = None,
) -> list[Case]:
    stmt = select(Case).order_by(col(Case.id))
    if imported is not None:
        stmt = stmt.where(col(Case.imported).is_(imported))
    if status is not None:
        stmt = stmt.where(Case.status == status)
    if customer is not None:
        stmt = stmt.where(Case.customer == customer)
    if reporter is not None:
        stmt = stmt.where(Case.reporter == reporter)
    return list(session.exec(stmt))


def latest_imported_case(session: Session, *, reporter: str, subject: str) -> Case | None:
    """The newest imported case of this reporter with exactly this subject (a reply's base subject)."""
    stmt = (
        select(Case)
        .where(col(Case.imported).is_(True), col(Case.reporter) == reporter, col(Case.subject) == subject)
        .order_by(col(Case.id).desc())
    )
    return session.exec(stmt).first()


def add_message(session: Session, case: Case, **values: Any) -> int:
    """A message of the case (`CaseMessage`'s fields), inserted at once; returns its id."""
    assert case.id is not None
    row = new_row(CaseMessage, case_id=case.id, **values)
    return int(session.connection().execute(_INSERT_MESSAGE, row).scalar_one())


def add_attachment(session: Session, case: Case, message_id: int | None, **values: Any) -> None:
    """A file of the case (`Attachment`'s fields), of the message `message_id`, inserted at once."""
    assert case.id is not None
    row = new_row(Attachment, case_id=case.id, message_id=message_id, **values)
    session.connection().execute(_INSERT_ATTACHMENT, row)


def messages_of(session: Session, case_id: int) -> Sequence[CaseMessage]:
    stmt = select(CaseMessage).where(CaseMessage.case_id == case_id).order_by(col(CaseMessage.id))
    return session.exec(stmt.execution_options(**_NO_FLUSH)).all()


def attachments_of(session: Session, case_id: int) -> Sequence[Attachment]:
    return session.exec(_ATTACHMENTS_OF, params={"case_id": case_id}).all()


def _iso(value: datetime | date | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, datetime):
        return iso(value)
    return value.isoformat()


def case_summary(case: Case) -> dict[str, Any]:
    """The list view of a case (`casebot cases list --json`)."""
    return {
        "id": case.id,
        "ref": case.ref,
        "status": case.status,
        "type": case.type,
        "subject": case.subject,
        "customer": case.customer,
        "reporter": case.reporter,
        "priority": case.priority,
        "channel": case.channel,
        "created_at": _iso(case.created_at),
        "closed_at": _iso(case.closed_at),
    }


def case_fields(case: Case) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name in CASE_FIELDS:
        value = getattr(case, name)
        out[name] = _iso(value) if isinstance(value, date) else value
    return out


def case_detail(
    session: Session, case: Case, *, login_grant: dict[str, Any], missing: list[str]
) -> dict[str, Any]:
    """The full view of a case (`casebot cases show ID --json`)."""
    assert case.id is not None
    detail = case_summary(case) | case_fields(case)
    detail["missing"] = missing
    detail["unknown"] = list(case.unknown)
    detail["participants"] = list(case.participants)
    detail["close_reason"] = case.close_reason
    detail["attachments"] = [
        {"filename": a.filename, "content_type": a.content_type, "size": a.size, "sha256": a.sha256}
        for a in attachments_of(session, case.id)
    ]
    detail["messages"] = [
        {
            "direction": m.direction,
            "channel": m.channel,
            "at": _iso(m.at),
            "sender": m.sender,
            "subject": m.subject,
            "text": m.text,
            "kind": m.kind,
            "author": message_author(m),
        }
        for m in messages_of(session, case.id)
    ]
    detail["login_grant"] = login_grant
    return detail


#: The `kind` of an outbound message a staff member wrote (relayed to the customer).
STAFF_REPLY = "staff-reply"


def message_author(message: CaseMessage) -> str:
    """Who wrote a message (DESIGN "Staff and hand-off"): `customer`, `staff:<address or Slack id>`
    or `casebot`."""
    if message.kind == STAFF_REPLY:
        return f"staff:{message.sender}"
    return "customer" if message.direction == "in" else "casebot"


def touch(case: Case, now: datetime | None = None) -> None:
    case.updated_at = now or utcnow()


def places_of(session: Session, case_ids: Sequence[int]) -> dict[int, tuple[str | None, str | None]]:
    """Each case's (customer, instance), by id, in one query: who a grant call is about."""
    rows = session.exec(select(Case.id, Case.customer, Case.instance).where(col(Case.id).in_(case_ids)))
    return {case_id: (customer, instance) for case_id, customer, instance in rows if case_id is not None}


def last_external_id(
    session: Session, case_id: int | None, channel: str, *, passing: Sequence[str] = ()
) -> str | None:
    """The id (email Message-ID, Slack event id) of the case's newest message that has one, when that
    message came through `channel`: what a new reply on that channel threads onto. Messages through
    the `passing` channels are passed over (a web form answer belongs to the mail that linked to it)."""
    stmt = select(CaseMessage).where(
        CaseMessage.case_id == case_id, col(CaseMessage.external_id).is_not(None)
    )
    if passing:
        stmt = stmt.where(col(CaseMessage.channel).not_in(list(passing)))
    last = session.exec(stmt.order_by(col(CaseMessage.id).desc())).first()
    return last.external_id if last is not None and last.channel == channel else None


# -- chat threads (Slack) ----------------------------------------------------------------------------

_LIST_LIMIT = 50


def visible_cases(
    session: Session, *, user_id: str, customer: str | None, staff: bool, limit: int = _LIST_LIMIT
) -> list[Case]:
    """The cases a chat user may see, newest first: every case for staff, else their organisation's
    (`customer`) and the ones they reported themselves."""
    stmt = select(Case).order_by(col(Case.id).desc()).limit(limit)
    if not staff:
        mine = col(Case.reporter) == user_id
        stmt = stmt.where(or_(mine, col(Case.customer) == customer) if customer else mine)
    return list(session.exec(stmt))


def case_in_thread(session: Session, channel: str, thread_ts: str) -> Case | None:
    """The case whose Slack thread (channel id, thread timestamp) this is."""
    return session.exec(
        select(Case).where(Case.slack_channel == channel, Case.slack_thread_ts == thread_ts)
    ).first()


def waiting_draft(session: Session, reporter: str) -> Case | None:
    """The reporter's newest Slack case that is waiting for their answers: where a bare DM reply belongs."""
    return session.exec(
        select(Case)
        .where(Case.reporter == reporter, Case.channel == "slack", Case.status == CaseStatus.DRAFT)
        .order_by(col(Case.id).desc())
    ).first()


def case_thread(store: Store, case_id: int) -> tuple[str, str] | None:
    """The case's Slack thread (channel, ts), once its first message was posted."""
    with store.session() as session:
        case = session.get(Case, case_id)
        if case is None or not (case.slack_channel and case.slack_thread_ts):
            return None
        return case.slack_channel, case.slack_thread_ts


def remember_thread(store: Store, case_id: int, channel: str, ts: str) -> None:
    """Make a posted message the case's thread, unless another one already is."""
    with store.session() as session:
        case = session.get(Case, case_id)
        if case is not None and not case.slack_thread_ts:
            case.slack_channel = channel
            case.slack_thread_ts = ts
            session.add(case)


# -- staff threads (Slack staff channels) ----------------------------------------------------------


def remember_staff_post(store: Store, case_id: int, channel: str, ts: str) -> None:
    """Record a post about a case in a staff channel; its thread is now a way to answer the case."""
    with store.session() as session:
        known = session.exec(
            select(StaffThread).where(StaffThread.channel == channel, StaffThread.ts == ts)
        ).first()
        if known is None:
            session.add(StaffThread(case_id=case_id, channel=channel, ts=ts))


def staff_thread(store: Store, case_id: int) -> tuple[str, str] | None:
    """The newest staff-channel post about the case (channel, ts): where its news is threaded."""
    with store.session() as session:
        row = session.exec(
            select(StaffThread).where(StaffThread.case_id == case_id).order_by(col(StaffThread.id).desc())
        ).first()
        return (row.channel, row.ts) if row is not None else None


def case_of_staff_thread(session: Session, channel: str, thread_ts: str) -> Case | None:
    """The case a staff channel's thread is about, when casebot started it."""
    row = session.exec(
        select(StaffThread).where(StaffThread.channel == channel, StaffThread.ts == thread_ts)
    ).first()
    return session.get(Case, row.case_id) if row is not None else None


def merge_into(session: Session, source: Case, target: Case) -> tuple[int, int]:
    """Move a case's messages and files to another case; returns how many of each moved."""
    assert source.id is not None and target.id is not None
    messages = list(session.exec(select(CaseMessage).where(CaseMessage.case_id == source.id)))
    files = list(session.exec(select(Attachment).where(Attachment.case_id == source.id)))
    for row in (*messages, *files):
        row.case_id = target.id
        session.add(row)
    for thread in session.exec(select(StaffThread).where(StaffThread.case_id == source.id)):
        thread.case_id = target.id
        session.add(thread)
    session.flush()  # the moved rows are read without a flush (`_NO_FLUSH`): they must be written now
    return len(messages), len(files)
