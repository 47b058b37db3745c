"""From a stored raw email to an engine event: parse, recognise machines, find the case it belongs to.

This is where email's own threading rules live (DESIGN.md §5); the engine never sees a header.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.config import Config
from bot.conversation.engine import Engine
from bot.conversation.events import Action, InboundEvent, IncomingFile, Outcome
from bot.email.staff import EmailStaffNotifier
from parsers.authresults import Verdict, sender_verdict
from parsers.forwarded import forwarded_sender
from parsers.loops import automatic_reason
from parsers.message import ParsedMessage, parse_message
from parsers.threading import base_subject, case_tag, reply_token
from store import audit
from store import cases as case_store
from store.db import Store
from store.errors import Deferred
from store.inbox import finish_inbound, older_unfinished, raw_of, unfinished
from store.lifecycle.imports import IMPORT_PEER
from store.models import Case, InboundMessage, utcnow


class Clue(StrEnum):
    """What placed an email in a case (DESIGN §5, strongest first)."""

    BOT_MESSAGE = "bot-message"  # In-Reply-To/References name a message casebot sent (random ids)
    CASE_ADDRESS = "case-address"  # the case's secret address support+<token>@
    OWN_MESSAGE = "own-message"  # References name an earlier message of the case from its people
    SUBJECT_TAG = "subject-tag"  # [Case #12]: guessable, so it adds a message and changes nothing
    # Imported mail only: "Re:"/"SV:" + an imported case's subject, from its reporter, with no reply headers
    # (old mail clients, mailbox exports). Guessable too: it adds a message and changes nothing.
    SUBJECT = "subject"


#: Clues only someone who received casebot's mail about the case can give.
PROVES_THREAD = frozenset({Clue.BOT_MESSAGE, Clue.CASE_ADDRESS})


@dataclass(frozen=True)
class Thread:
    """The case an email continues, and the clue that says so."""

    case: Case
    clue: Clue


def _of_its_people(case: Case, sender: str, customer: str | None) -> bool:
    """A token or tag counts only from the case's reporter or participants, or the same customer."""
    return (
        sender == case.reporter
        or sender in case.participants
        or (customer is not None and customer == case.customer)
    )


def find_case(
    session: Session,
    config: Config,
    parsed: ParsedMessage,
    envelope_to: list[str],
    sender: str,
    customer: str | None,
    *,
    by_subject: bool = False,
) -> Thread | None:
    """The case this email continues, by the clues in DESIGN.md's order, or None for a new case.

    With `by_subject` (mail imported from a mailbox), a reply without reply headers continues the
    latest imported case of the same reporter whose subject it repeats after "Re:"/"SV:".
    """
    known = case_store.find_messages(session, (*parsed.in_reply_to, *parsed.references))
    for message in known:
        if message.direction == "out":
            case = case_store.get_case(session, message.case_id)
            if case is not None:
                return Thread(case, Clue.BOT_MESSAGE)
    token = reply_token([*envelope_to, *parsed.to], config.smtp.addresses)
    if token is not None:
        case = case_store.find_case_by_token(session, token)
        if case is not None and _of_its_people(case, sender, customer):
            return Thread(case, Clue.CASE_ADDRESS)
    for message in known:
        case = case_store.get_case(session, message.case_id)
        if case is not None and _of_its_people(case, sender, customer):
            return Thread(case, Clue.OWN_MESSAGE)
    tag = case_tag(parsed.subject)
    if tag is not None:
        case = case_store.get_case(session, tag)
        if case is not None and _of_its_people(case, sender, customer):
            return Thread(case, Clue.SUBJECT_TAG)
    if by_subject and not (parsed.in_reply_to or parsed.references):
        base = base_subject(parsed.subject)
        if base and base != " ".join(parsed.subject.split()):
            case = case_store.latest_imported_case(session, reporter=sender, subject=base)
            if case is not None:
                return Thread(case, Clue.SUBJECT)
    return None


def find_staff_case(
    session: Session, config: Config, parsed: ParsedMessage, envelope_to: list[str]
) -> Case | None:
    """The case a staff member's mail answers: only by a clue that needs casebot's own mail about the
    case (the case's secret address from a notification's Reply-To, or a reply to a message casebot
    sent). A subject tag anyone can type is never enough to put words in a customer's inbox."""
    token = reply_token([*envelope_to, *parsed.to], config.smtp.addresses)
    if token is not None:
        case = case_store.find_case_by_token(session, token)
        if case is not None:
            return case
    for message in case_store.find_messages(session, (*parsed.in_reply_to, *parsed.references)):
        if message.direction == "out":
            return case_store.get_case(session, message.case_id)
    return None


def _staff_event(
    session: Session,
    config: Config,
    parsed: ParsedMessage,
    row: InboundMessage,
    sender: str,
    automatic: str | None,
    *,
    imported: bool,
) -> InboundEvent | None:
    """A staff member's mail: an answer on a case it can be placed in, or a customer's mail forwarded
    to open the customer's case; None when it is neither (the caller tells the staff member)."""
    case = find_staff_case(session, config, parsed, list(row.envelope_to))
    files = tuple(IncomingFile(a.filename, a.content_type, a.data, a.inline) for a in parsed.attachments)
    if case is not None or automatic:
        return InboundEvent(
            channel="email",
            sender=sender,
            sender_name=parsed.sender_name,
            subject=parsed.subject,
            text=parsed.text,
            sent_at=parsed.date,
            external_id=parsed.message_id,
            files=files,
            case_id=case.id if case is not None else None,
            inbound_id=row.id,
            automatic=automatic,
            staff=True,
            imported=imported,
        )
    original = forwarded_sender(parsed.text, skip=config.is_staff)
    if original is None:
        return None
    domain = original.address.rpartition("@")[2]
    customer_cfg = config.customer_for_domain(domain)
    return InboundEvent(
        channel="email",
        sender=original.address,
        sender_name=original.name,
        customer=customer_cfg.name if customer_cfg else None,
        subject=parsed.subject,
        text=parsed.text,
        sent_at=sent_at_of(config, parsed, row),
        external_id=parsed.message_id,
        files=files,
        inbound_id=row.id,
        reply_context={},  # the customer never saw the staff member's mail: a new thread for them
        forwarded_by=sender,
        imported=imported,
        answerable=not config.customers or customer_cfg is not None or config.limits.reply_to_unknown_senders,
    )


def sent_at_of(config: Config, parsed: ParsedMessage, row: InboundMessage) -> datetime | None:
    """When the customer wrote: the RFC 5322 Date, or for live mail without one (a script's
    `sendmail`, a broken client; RFC 5322 §3.6 requires it, RFC 6409 §8.3 lets a submission server add
    it) the time the SMTP edge accepted it, in the support team's zone (`reminders.timezone`), so that
    "i dag" and "since this morning" still name a day. Imported mail without a Date has none: the import
    happened long after it was written."""
    if parsed.date is not None or row.peer == IMPORT_PEER:
        return parsed.date
    received = row.received_at if row.received_at.tzinfo else row.received_at.replace(tzinfo=UTC)
    return received.astimezone(ZoneInfo(config.reminders.timezone))


def email_event(
    session: Session, config: Config, parsed: ParsedMessage, row: InboundMessage
) -> InboundEvent | None:
    """The engine's view of one email: who (the RFC 5322 From, never a display name), which case by
    which clue, and what the message may change (DESIGN "Trust"). Mail from staff is an answer on a
    case or a customer's forwarded mail; None for staff mail that is neither."""
    sender = parsed.sender or row.envelope_from.lower()
    domain = sender.rpartition("@")[2]
    customer_cfg = config.customer_for_domain(domain) if domain else None
    customer = customer_cfg.name if customer_cfg else None
    own = (*config.smtp.addresses, config.outbound.from_address)
    trusted_ids = config.smtp.trusted_authserv_ids
    authenticated = sender_verdict(parsed.authentication_results, trusted_ids, domain) is Verdict.PASS
    # Where the operator names its MTA, identity needs that MTA's DMARC verdict; a sender read from a
    # malformed From is nobody's identity either way.
    identified = not parsed.sender_ambiguous and (authenticated or not trusted_ids)
    imported = row.peer == IMPORT_PEER
    if identified and config.is_staff(sender):
        automatic = automatic_reason(parsed, row.envelope_from, own)
        return _staff_event(session, config, parsed, row, sender, automatic, imported=imported)
    thread = find_case(session, config, parsed, list(row.envelope_to), sender, customer, by_subject=imported)
    colleague = False
    if thread is None:
        may_act = identified  # consent in a case's first message counts as the customer's
    else:
        case = thread.case
        proved = thread.clue in PROVES_THREAD
        people = sender == case.reporter or sender in case.participants
        same_customer = customer is not None and customer == case.customer
        colleague = proved and identified and not people and same_customer
        may_act = proved and identified and (people or colleague)
    return InboundEvent(
        channel="email",
        sender=sender,
        sender_name=parsed.sender_name,
        customer=customer,
        subject=parsed.subject,
        text=parsed.text,
        sent_at=sent_at_of(config, parsed, row),
        external_id=parsed.message_id,
        files=tuple(IncomingFile(a.filename, a.content_type, a.data, a.inline) for a in parsed.attachments),
        case_id=thread.case.id if thread is not None else None,
        inbound_id=row.id,
        automatic=automatic_reason(parsed, row.envelope_from, own),
        reply_context={"message_id": parsed.message_id, "references": list(parsed.references)},
        may_act=may_act,
        colleague=colleague,
        answerable=(
            not config.customers
            or customer is not None
            or authenticated
            or config.limits.reply_to_unknown_senders
        ),
        imported=imported,
    )


# How long a reply waits for an older message it may belong to (one whose worker died, say) before
# it is taken as it is. Longer than the inbox lease, so a crashed worker's claim runs out first.
PARENT_WAIT = timedelta(seconds=45)


def _wait_for_parent(
    session: Session, event: InboundEvent, parsed: ParsedMessage, row: InboundMessage
) -> None:
    """A reply that threads to nothing known yet, while older mail is unprocessed, waits for it.

    Mail is processed oldest first, but a worker that dies holds its messages until their claim
    runs out; a customer's second message must not open a second case meanwhile.
    """
    if event.case_id is not None or not (parsed.in_reply_to or parsed.references) or row.id is None:
        return
    if utcnow() - row.received_at > PARENT_WAIT:
        return
    if older_unfinished(session, row.id):
        raise Deferred("a message it may reply to is not processed yet", seconds=5)


def process_inbound(store: Store, engine: Engine, config: Config, inbound_id: int) -> Outcome:
    """Turn one accepted email into a case change, in one transaction with marking it done."""
    # fast: a power cut that loses this commit means the message is processed again, not lost.
    with store.session(fast=True) as session:
        return apply_inbound(session, engine, config, inbound_id)


def apply_inbound(
    session: Session, engine: Engine, config: Config, inbound_id: int, *, raw: bytes | None = None
) -> Outcome:
    """Turn one accepted email into a case change and mark it done, in the caller's transaction.

    `raw` is the message's stored bytes when the caller has them at hand (the importer, which
    stored them in this transaction); otherwise they are read from the inbox. Raises what the
    engine raises, and `Deferred` when an older message it may answer is not processed yet.
    """
    row = unfinished(session, inbound_id)
    if row is None:
        return Outcome(case_id=None, action=Action.ALREADY_DONE)
    parsed = parse_message(raw if raw is not None else raw_of(session, inbound_id))
    event = email_event(session, config, parsed, row)
    if event is None:
        # A staff member's mail that answers no case casebot can name: never a case, and the
        # staff member hears so instead of the customer hearing nothing.
        EmailStaffNotifier(config).unplaced(
            session, to=parsed.sender, subject=parsed.subject, message_id=parsed.message_id
        )
        audit.record(
            session,
            "staff.unplaced",
            case_id=None,
            actor=parsed.sender,
            message_id=parsed.message_id[:200],
        )
        outcome = Outcome(case_id=None, action=Action.IGNORED, reason="staff mail without a case")
        finish_inbound(session, row, outcome.summary())
        return outcome
    _wait_for_parent(session, event, parsed, row)
    outcome = engine.handle(session, event)
    finish_inbound(session, row, outcome.summary())
    return outcome
