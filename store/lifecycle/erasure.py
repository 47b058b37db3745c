"""Erasure of one person (GDPR art. 17), found by email address, across every table that holds them.

What they wrote and were sent is emptied; where a row must stay (a case, a message in someone
else's case history, an audit entry) their address becomes a pseudonym. The pseudonym has no `@`,
so nothing is ever sent to it, and it is random, so it cannot be computed back from the address.
Mentions of the address in other people's text are replaced by the pseudonym too.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import Text, cast, func, or_
from sqlmodel import Session, col, select

from store.links import drop_links
from store.models import (
    Attachment,
    AuditEntry,
    Case,
    CaseMessage,
    InboundMessage,
    InboundRaw,
    InboundStatus,
    OutboxItem,
    OutboxStatus,
)

#: The inbox and outbox status of a row emptied by erasure: nothing will process or send it.
ERASED = "erased"
_SCAN_BATCH = 100


def new_pseudonym() -> str:
    """A random stand-in for an erased address (`erased-3f9a1c2b`)."""
    return f"erased-{secrets.token_hex(4)}"


@dataclass
class Erased:
    """What erasing one person changed (or, rehearsed, would change)."""

    cases: set[int] = field(default_factory=set)
    case_rows: int = 0
    messages: int = 0
    attachments: int = 0
    inbound: int = 0
    outbox: int = 0
    audit: int = 0
    mentions: int = 0
    digests: set[str] = field(default_factory=set)


class _Scrubber:
    """Replaces an address in text (any letter case) by the pseudonym."""

    def __init__(self, address: str, pseudonym: str) -> None:
        self.pattern = re.compile(re.escape(address), re.IGNORECASE)
        self.pseudonym = pseudonym

    def text(self, value: str) -> str:
        return self.pattern.sub(self.pseudonym, value)

    def value(self, value: Any) -> Any:
        """The same JSON-like value with the address replaced wherever it occurs."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list):
            return [self.value(v) for v in value]
        if isinstance(value, dict):
            return {k: self.value(v) for k, v in value.items()}
        return value


def _like(address: str) -> str:
    escaped = address.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def erase_person(session: Session, address: str, pseudonym: str) -> Erased:
    """Erase or pseudonymise everything about the person with this address, in the caller's transaction.

    Attachment rows are deleted here; their files are the caller's to remove after commit, for the
    digests no other row still needs (see `blobs`).
    """
    addr = address.strip().lower()
    scrub = _Scrubber(addr, pseudonym)
    like = _like(addr)
    done = Erased()

    their_cases = list(session.exec(select(Case).where(func.lower(col(Case.reporter)) == addr)))
    case_ids = [c.id for c in their_cases if c.id is not None]
    # Their own messages anywhere, and what the bot sent them (replies go to a case's reporter).
    their_messages = list(
        session.exec(
            select(CaseMessage).where(
                or_(
                    (col(CaseMessage.direction) == "in") & (func.lower(col(CaseMessage.sender)) == addr),
                    (col(CaseMessage.direction) == "out") & col(CaseMessage.case_id).in_(case_ids),
                )
            )
        )
    )
    own_inbound = {m.inbound_id for m in their_messages if m.inbound_id is not None and m.direction == "in"}
    done.attachments, done.digests = _drop_attachments(session, their_messages, case_ids)

    for message in their_messages:
        if message.direction == "in":
            message.sender = pseudonym
        message.text = ""
        message.subject = scrub.text(message.subject)
        session.add(message)
        done.cases.add(message.case_id)
    done.messages = len(their_messages)

    for case in their_cases:
        case.reporter = pseudonym
        case.reporter_name = ""
        case.description = ""  # their own words, from their first message
        case.subject = scrub.text(case.subject)
        case.affected_users = [scrub.text(u) for u in case.affected_users]
        session.add(case)
    done.case_rows = len(their_cases)
    done.cases.update(case_ids)
    drop_links(session, case_ids)  # nobody may answer their cases' forms as them any more

    done.mentions = _scrub_mentions(session, scrub, like, skip_cases=set(case_ids), done=done)
    done.inbound = _erase_inbound(session, addr, scrub, own_inbound)
    done.outbox = _erase_outbox(session, addr, pseudonym, like, case_ids)
    done.audit = _erase_audit(session, addr, pseudonym, scrub, like)
    return done


def _drop_attachments(
    session: Session, messages: Sequence[CaseMessage], case_ids: Sequence[int]
) -> tuple[int, set[str]]:
    """Delete the rows of files they sent (and files of their cases that came with no message)."""
    message_ids = [m.id for m in messages if m.direction == "in" and m.id is not None]
    rows = list(
        session.exec(
            select(Attachment).where(
                or_(
                    col(Attachment.message_id).in_(message_ids),
                    col(Attachment.case_id).in_(case_ids) & col(Attachment.message_id).is_(None),
                )
            )
        )
    )
    digests = {row.sha256 for row in rows}
    for row in rows:
        session.delete(row)
    session.flush()
    return len(rows), digests


def _scrub_mentions(
    session: Session, scrub: _Scrubber, like: str, *, skip_cases: set[int], done: Erased
) -> int:
    """Replace the address where other people's cases and messages mention it."""
    changed = 0
    cases = session.exec(
        select(Case).where(
            or_(
                col(Case.subject).ilike(like, escape="\\"),
                col(Case.description).ilike(like, escape="\\"),
                cast(col(Case.affected_users), Text).ilike(like, escape="\\"),
            )
        )
    )
    for case in cases:
        if case.id in skip_cases:
            continue
        case.subject = scrub.text(case.subject)
        case.description = scrub.text(case.description)
        case.affected_users = [scrub.text(u) for u in case.affected_users]
        session.add(case)
        assert case.id is not None
        done.cases.add(case.id)
        changed += 1
    messages = session.exec(
        select(CaseMessage).where(
            or_(
                col(CaseMessage.text).ilike(like, escape="\\"),
                col(CaseMessage.subject).ilike(like, escape="\\"),
            )
        )
    )
    for message in messages:
        message.text = scrub.text(message.text)
        message.subject = scrub.text(message.subject)
        session.add(message)
        done.cases.add(message.case_id)
        changed += 1
    return changed


def _erase_inbound(session: Session, addr: str, scrub: _Scrubber, own: set[int]) -> int:
    """Empty raw mail from, to or about them; a message not yet processed will never be."""
    needle = addr.encode()
    matches = set(own)
    # Raw bytes cannot be searched case-insensitively in SQL on both databases; stream them instead.
    stmt = (
        select(InboundMessage.id, InboundRaw.raw, InboundMessage.envelope_from)
        .join(InboundRaw, col(InboundRaw.inbound_id) == col(InboundMessage.id))
        .where(func.length(InboundRaw.raw) > 0)
        .execution_options(yield_per=_SCAN_BATCH)
    )
    for inbound_id, raw, envelope_from in session.exec(stmt):
        if inbound_id is not None and (envelope_from.lower() == addr or needle in raw.lower()):
            matches.add(inbound_id)
    # Rows whose raw bytes retention already removed still name their sender.
    by_sender = select(InboundMessage.id).where(func.lower(col(InboundMessage.envelope_from)) == addr)
    matches.update(i for i in session.exec(by_sender) if i is not None)
    for inbound_id in sorted(matches):
        row = session.get(InboundMessage, inbound_id)
        if row is None:
            continue
        kept = session.get(InboundRaw, inbound_id)
        if kept is not None:
            kept.raw = b""
        row.envelope_from = scrub.text(row.envelope_from)
        row.envelope_to = [scrub.text(t) for t in row.envelope_to]
        row.last_error = scrub.text(row.last_error) if row.last_error else row.last_error
        if row.status != InboundStatus.DONE:
            row.status = ERASED
            row.claimed_until = None
        session.add(row)
    return len(matches)


def _erase_outbox(session: Session, addr: str, pseudonym: str, like: str, case_ids: Sequence[int]) -> int:
    """Empty what was (or would be) sent to them or about them; what is unsent is not sent."""
    rows = list(
        session.exec(
            select(OutboxItem).where(
                or_(
                    func.lower(col(OutboxItem.recipient)) == addr,
                    col(OutboxItem.case_id).in_(case_ids),
                    cast(col(OutboxItem.payload), Text).ilike(like, escape="\\"),
                )
            )
        )
    )
    for row in rows:
        if row.recipient.lower() == addr:
            row.recipient = pseudonym
        row.payload = {}
        if row.status in (OutboxStatus.PENDING, OutboxStatus.SENDING):
            row.status = ERASED
            row.claimed_until = None
        session.add(row)
    return len(rows)


def _erase_audit(session: Session, addr: str, pseudonym: str, scrub: _Scrubber, like: str) -> int:
    """Pseudonymise them as the actor of audit entries, and wherever an entry's detail names them."""
    rows = list(
        session.exec(
            select(AuditEntry).where(
                or_(
                    func.lower(col(AuditEntry.actor)) == addr,
                    cast(col(AuditEntry.detail), Text).ilike(like, escape="\\"),
                )
            )
        )
    )
    for row in rows:
        if row.actor.lower() == addr:
            row.actor = pseudonym
        row.detail = scrub.value(row.detail)
        session.add(row)
    return len(rows)
