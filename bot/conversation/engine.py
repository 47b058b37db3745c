"""The conversation engine: one place that decides what a customer's message means for a case.

Both channels hand it an `InboundEvent` inside the transaction that will also mark the inbound
message done, so the state change and every reply it causes commit together or not at all. The
conversation's state is the case row itself (`status`, `asked`, `stated`), so a restart between two
messages changes nothing.

The conversation, as states:
    (new) ─first message─> draft ─all required fields known─> open ─close─> closed
    draft ─answer─> draft (asks what is still missing) or open
    closed ─customer writes again─> draft/open (reopened)
"""

from __future__ import annotations

import dataclasses
import logging
from dataclasses import dataclass
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any

from sqlmodel import Session

from bot.config import Config
from bot.conversation.channels import CustomerChannel, StaffNotifier
from bot.conversation.events import Action, InboundEvent, Outcome
from bot.conversation.replies import CUSTOMER_KINDS, Reply, ReplyKind, case_summary_lines, questions_for
from bot.conversation.requirements import missing_fields
from bot.conversation.texts import say
from parsers.answers import Answer, read_answer
from parsers.clean import clean_description
from parsers.extract import extract_fields
from parsers.fields import Fields
from parsers.threading import base_subject
from parsers.vocabulary import Vocabulary
from store import audit, grants, outbox
from store import cases as case_store
from store.attachments import save_blob
from store.lifecycle.record import changed_values, recorded_values
from store.models import Case, CaseStatus, utcnow

log = logging.getLogger(__name__)

#: A reply names at most this many of the files it did not take, then counts the rest.
_NAMED_REJECTIONS = 10


@dataclass
class Engine:
    """Turns inbound events into case changes and replies."""

    config: Config
    attachments_dir: Path
    channels: dict[str, CustomerChannel]
    staff: list[StaffNotifier]
    vocabulary: Vocabulary
    # False for history (mailbox import): the customer's consent then was not to casebot's grant now.
    open_grants: bool = True

    # -- entry point -------------------------------------------------------------------------

    def handle(self, session: Session, event: InboundEvent, *, now: datetime | None = None) -> Outcome:
        """Apply one customer message; the caller commits."""
        now = now or utcnow()
        # The same message is the same Message-ID (or Slack id) from the same sender: a stranger who
        # sends first with a customer's Message-ID does not make the customer's message a duplicate.
        seen = event.external_id and case_store.find_message(session, event.external_id, sender=event.sender)
        if seen:
            outcome = Outcome(case_id=None, action=Action.DUPLICATE)
        else:
            case = case_store.get_case_for_update(session, event.case_id) if event.case_id else None
            outcome = (
                self._new_case(session, event, now)
                if case is None
                else self._follow_up(session, case, event, now)
            )
        return dataclasses.replace(outcome, message_id=event.external_id)

    # -- a new case --------------------------------------------------------------------------

    def _new_case(self, session: Session, event: InboundEvent, now: datetime) -> Outcome:
        draft = read_draft(event, self.config, self.vocabulary)
        refused: tuple[str, ...] = ()
        if not event.may_act and draft.fields.login_allowed is not None:
            # Consent needs a sender who is who they say (an authenticated From, where the operator
            # asks for one): until then the question is asked like any missing field.
            refused = ("login",)
            draft = dataclasses.replace(
                draft,
                fields=dataclasses.replace(draft.fields, login_allowed=None),
                stated=draft.stated - {"login_allowed"},
            )
        case = case_store.create_case(
            session,
            status=CaseStatus.DRAFT,
            channel=event.channel,
            subject=draft.subject,
            description=draft.description,
            customer=event.customer,
            reporter=event.sender,
            reporter_name=event.sender_name,
            language=draft.language,
            created_at=now,
            updated_at=now,
            last_customer_at=now,
            stated=sorted(draft.stated),
            answer_reporter=event.answerable,
            **_case_values(draft.fields),
        )
        kept, rejected = self._record_inbound(session, case, event, now)
        audit.record(session, "case.created", case_id=case.id, actor=event.sender, channel=event.channel)
        if refused:
            audit.record(
                session, "change.refused", case_id=case.id, actor=event.sender, changes=list(refused)
            )
        if event.automatic:
            self._close(session, case, reason="automatic", actor="casebot", now=now, tell_customer=False)
            return Outcome(case_id=case.id, action=Action.CLOSED_AUTOMATIC, reason=event.automatic)
        missing = missing_fields(case)
        lang = case.language
        notes = self._rejected_note(lang, rejected)
        if missing:
            questions = questions_for(missing, lang, case)
            self._ask(
                session,
                case,
                event,
                now,
                questions,
                intro=(
                    say(lang, "received", id=case.id, subject=case.subject),
                    say(lang, "questions_intro", channel=case.channel),
                ),
                notes=notes,
                kind=ReplyKind.QUESTION,
            )
            for notifier in self.staff:
                notifier.notify(session, case, kind="new", missing=missing)
            return Outcome(
                case_id=case.id,
                action=Action.CREATED,
                asked=tuple(n for n, _ in questions),
                rejected_files=rejected,
            )
        self._complete(session, case, event, now, first=True, notes=notes, attachments=kept)
        return Outcome(case_id=case.id, action=Action.CREATED_COMPLETE, rejected_files=rejected)

    # -- a message on an existing case -------------------------------------------------------

    def _follow_up(self, session: Session, case: Case, event: InboundEvent, now: datetime) -> Outcome:
        kept, rejected = self._record_inbound(session, case, event, now)
        case_store.touch(case, now)
        if event.automatic:
            # An out-of-office or a bounce: part of the history, never answered, never an answer.
            audit.record(
                session, "message.automatic", case_id=case.id, actor=event.sender, reason=event.automatic
            )
            return Outcome(case_id=case.id, action=Action.NOTED_AUTOMATIC, reason=event.automatic)
        case.last_customer_at = now
        lang = case.language
        notes = self._rejected_note(lang, rejected)
        if event.colleague and event.sender not in case.participants:
            case.participants = [*case.participants, event.sender]
            audit.record(session, "case.participant", case_id=case.id, actor=event.sender)

        answer = (
            read_answer(event.text, asked=list(case.asked), sent_at=event.sent_at, vocabulary=self.vocabulary)
            if event.form is None
            else _NOTHING_READ  # a form says what it means: a description mentioning "close" closes nothing
        )
        commands = answer.commands
        if not event.may_act:
            answer, commands, refused = _without_changes(answer)
            if refused:
                audit.record(
                    session, "change.refused", case_id=case.id, actor=event.sender, changes=list(refused)
                )
                notes = (*notes, self._confirmation_note(case, refused))
        if "close" in commands and case.status != CaseStatus.CLOSED:
            self._close(
                session,
                case,
                reason="customer",
                actor=event.sender,
                now=now,
                tell_customer=True,
                context=event.reply_context,
            )
            return Outcome(case_id=case.id, action=Action.CLOSED_BY_CUSTOMER)

        reopened = False
        if case.status == CaseStatus.CLOSED:
            case.status = CaseStatus.DRAFT
            case.closed_at = None
            case.close_reason = None
            reopened = True
            audit.record(session, "case.reopened", case_id=case.id, actor=event.sender)

        before = recorded_values(case)
        learned = self._apply(case, answer.fields, asked=set(case.asked), corrections=set(answer.corrections))
        if event.form is not None:
            learned += self._apply(
                case, event.form, asked=set(event.form.stated()), corrections=set(event.form.stated())
            )
            learned += _restate(case, event)
        if learned:
            audit.record(
                session,
                "case.fields",
                case_id=case.id,
                actor=event.sender,
                fields=sorted(set(learned)),
                changes=changed_values(before, case),  # the art. 30(2) record needs the values
            )

        if "withdraw_login" in commands:
            self._withdraw(session, case, event, now)
            if case.status == CaseStatus.OPEN:
                return Outcome(case_id=case.id, action=Action.WITHDRAWN)

        missing = missing_fields(case)
        if case.status == CaseStatus.DRAFT and not missing:
            self._complete(session, case, event, now, first=False, notes=notes, attachments=kept)
            return Outcome(case_id=case.id, action=Action.COMPLETED)
        if case.status == CaseStatus.DRAFT:
            questions = questions_for(missing, lang, case)
            intro = (say(lang, "reopened", id=case.id),) if reopened else ()
            self._ask(
                session,
                case,
                event,
                now,
                questions,
                intro=(*intro, say(lang, "questions_still", id=case.id)),
                notes=notes,
                kind=ReplyKind.QUESTION,
            )
            return Outcome(
                case_id=case.id,
                action=Action.ASKED,
                asked=tuple(n for n, _ in questions),
                rejected_files=rejected,
            )
        # An open case: the message joins the history; consent given later starts a grant.
        if case.login_allowed and self.open_grants:
            grants.open_grant(
                session, case, actor=event.sender, now=now, max_hours=self.config.grants.max_hours
            )
        changed_by_form = event.form is not None and bool(learned)
        if notes or reopened or changed_by_form:
            # A form that changed an open case gets the receipt again, as the portal shows it.
            names = [a.filename for a in case_store.attachments_of(session, case.id)] if case.id else []
            reply = Reply(
                kind=ReplyKind.NOTED,
                language=lang,
                paragraphs=(say(lang, "followup_noted", id=case.id), *notes),
                summary=case_summary_lines(case, lang, names) if changed_by_form else (),
            )
            self.reply(session, case, reply, context=event.reply_context)
        return Outcome(case_id=case.id, action=Action.NOTED, rejected_files=rejected)

    # -- pieces --------------------------------------------------------------------------------

    def _apply(self, case: Case, fields: Fields, *, asked: set[str], corrections: set[str]) -> list[str]:
        """Set what the customer stated; a value they gave before changes only when asked or corrected."""
        learned: list[str] = []
        stated = set(case.stated)
        values = fields.stated()
        if fields.app_platform or fields.app_version:
            asked = asked | (
                {"app_platform", "app_version"} if "browser" in asked or "app_version" in asked else set()
            )
        for name, value in values.items():
            current = getattr(case, name)
            if current == value or (name == "affected_users" and list(value) == current):
                continue
            if name in stated and name not in asked and name not in corrections:
                continue
            setattr(case, name, list(value) if name == "affected_users" else value)
            stated.add(name)
            learned.append(name)
        case.stated = sorted(stated)
        return learned

    def _record_inbound(
        self, session: Session, case: Case, event: InboundEvent, now: datetime
    ) -> tuple[list[str], tuple[str, ...]]:
        """The customer's message joins the case's history with its files; returns (kept, rejected)."""
        message = case_store.add_message(
            session,
            case,
            direction="in",
            channel=event.channel,
            at=now,
            sender=event.sender,
            subject=event.subject[:500],
            text=event.text,
            external_id=event.external_id,
            inbound_id=event.inbound_id,
        )
        return self._store_files(session, case, message, event)

    def _store_files(
        self, session: Session, case: Case, message: Any, event: InboundEvent
    ) -> tuple[list[str], tuple[str, ...]]:
        limit = self.config.limits.attachments_per_message
        kept: list[str] = []
        rejected: list[str] = []
        for index, file in enumerate(event.files):
            if limit and index >= limit:
                rejected.append(file.filename)
                continue
            digest = save_blob(self.attachments_dir, file.data)
            case_store.add_attachment(
                session,
                case,
                message,
                filename=file.filename[:255],
                content_type=file.content_type[:200],
                size=len(file.data),
                sha256=digest,
                inline=file.inline,
            )
            kept.append(file.filename)
        if rejected:
            audit.record(
                session,
                "attachments.rejected",
                case_id=case.id,
                actor=event.sender,
                count=len(rejected),
                limit=limit,
            )
        return kept, tuple(rejected)

    def _confirmation_note(self, case: Case, refused: tuple[str, ...]) -> str:
        """Asks the reporter to confirm, from the case's thread, what a message that could not prove it
        came from them asked for (it reaches the reporter, not whoever sent that message)."""
        lang = case.language
        what = say(lang, "change_and").join(say(lang, f"change_{change}") for change in refused)
        return say(lang, "change_needs_confirmation", id=case.id, what=what)

    def _rejected_note(self, lang: str, rejected: tuple[str, ...]) -> tuple[str, ...]:
        if not rejected:
            return ()
        shown = rejected[:_NAMED_REJECTIONS]
        names = ", ".join(f"«{n}»" if lang == "nb" else f'"{n}"' for n in shown)
        if len(rejected) > len(shown):
            names += say(lang, "attachments_rejected_more", count=len(rejected) - len(shown))
        return (
            say(lang, "attachments_rejected", limit=self.config.limits.attachments_per_message, names=names),
        )

    def _ask(
        self,
        session: Session,
        case: Case,
        event: InboundEvent,
        now: datetime,
        questions: tuple[tuple[str, str], ...],
        *,
        intro: tuple[str, ...],
        notes: tuple[str, ...],
        kind: ReplyKind,
    ) -> None:
        lang = case.language
        reply = Reply(
            kind=kind,
            language=lang,
            paragraphs=(*intro, *notes),
            questions=questions,
            tip=say(lang, "questions_tip"),
        )
        if not self.reply(session, case, reply, context=event.reply_context) and not case.answer_reporter:
            return  # nothing was asked, so nothing is reminded: the case waits for staff
        case.asked = [name for name, _ in questions]
        case.asked_at = now
        case.reminders_sent = 0
        audit.record(session, "case.asked", case_id=case.id, fields=case.asked)

    def _complete(
        self,
        session: Session,
        case: Case,
        event: InboundEvent,
        now: datetime,
        *,
        first: bool,
        notes: tuple[str, ...],
        attachments: list[str],
    ) -> None:
        case.status = CaseStatus.OPEN
        case.asked = []
        case.asked_at = None
        lang = case.language
        assert case.id is not None
        names = [a.filename for a in case_store.attachments_of(session, case.id)]
        intro = (
            say(lang, "complete_first", id=case.id, subject=case.subject)
            if first
            else say(lang, "complete", id=case.id)
        )
        reply = Reply(
            kind=ReplyKind.CONFIRMATION,
            language=lang,
            paragraphs=(intro, *notes),
            summary=case_summary_lines(case, lang, names),
        )
        self.reply(session, case, reply, context=event.reply_context)
        audit.record(session, "case.opened", case_id=case.id, actor=event.sender)
        if case.login_allowed and self.open_grants:
            grants.open_grant(
                session, case, actor=event.sender, now=now, max_hours=self.config.grants.max_hours
            )
        for notifier in self.staff:
            notifier.notify(session, case, kind="complete", missing=[])

    def _withdraw(self, session: Session, case: Case, event: InboundEvent, now: datetime) -> None:
        ended = grants.end_grant(session, case, reason="withdrawn", actor=event.sender, now=now)
        if case.login_allowed:
            case.login_allowed = False
            case.stated = sorted(set(case.stated) | {"login_allowed"})
        lang = case.language
        key = "withdrawn" if ended or case.status == CaseStatus.DRAFT else "withdrawn_none"
        reply = Reply(kind=ReplyKind.WITHDRAWN, language=lang, paragraphs=(say(lang, key, id=case.id),))
        self.reply(session, case, reply, context=event.reply_context)
        audit.record(session, "consent.withdrawn", case_id=case.id, actor=event.sender, grant_ended=ended)

    def _close(
        self,
        session: Session,
        case: Case,
        *,
        reason: str,
        actor: str,
        now: datetime,
        tell_customer: bool,
        context: dict[str, Any] | None = None,
    ) -> None:
        close_case(
            session,
            self,
            case,
            reason=reason,
            actor=actor,
            now=now,
            tell_customer=tell_customer,
            context=context,
        )

    def channel_for(self, case: Case) -> CustomerChannel:
        """The channel the case came from, where its replies and reminders go."""
        return self.channels.get(case.channel) or self.channels["email"]

    def reply(
        self,
        session: Session,
        case: Case,
        reply: Reply,
        *,
        context: dict[str, Any],
        dedupe_key: str | None = None,
    ) -> bool:
        """Say something to the case's reporter on the case's channel, within the reply limit.

        Past `[limits] replies_per_sender_per_hour` messages to one recipient in the last hour (over
        every channel) the bot stays silent and audits that; so it does for a reporter it must not
        write to (`answer_reporter`); False then, or when the channel could not queue it (no address
        to reply to, the same `dedupe_key` queued before).
        """
        if not case.answer_reporter:
            # An unknown sender, where casebot serves known customers: the From may be forged, and a
            # reply would carry the sender's words to whoever owns that address (backscatter).
            audit.record(session, "reply.withheld", case_id=case.id, reason="unknown sender", kind=reply.kind)
            return False
        limit = self.config.limits.replies_per_sender_per_hour
        since = utcnow() - timedelta(hours=1)
        if limit and outbox.sent_to_since(session, case.reporter, since, CUSTOMER_KINDS) >= limit:
            audit.record(session, "reply.suppressed", case_id=case.id, reason="rate-limit", kind=reply.kind)
            return False
        return self.channel_for(case).send(session, case, reply, context=context, dedupe_key=dedupe_key)


@dataclass(frozen=True)
class Draft:
    """What a first message says about its case, before anything is stored."""

    subject: str
    description: str
    #: What the case will hold: the stated fields, the customer's configured instance, and the portal's
    #: defaults for type and priority where the message did not say.
    fields: Fields
    #: The fields the customer stated themselves (defaults and configuration excluded).
    stated: frozenset[str]

    @property
    def language(self) -> str:
        return self.fields.language or "en"


def read_draft(event: InboundEvent, config: Config, vocabulary: Vocabulary) -> Draft:
    """The case fields of a first message: the customer's words, extracted fields, configured defaults."""
    description = clean_description(event.text)
    fields = extract_fields(description, subject=event.subject, sent_at=event.sent_at, vocabulary=vocabulary)
    if event.form is not None:
        fields = event.form.merged_over(fields)
    stated = set(fields.stated())
    customer_cfg = config.customer_named(event.customer)
    if fields.instance is None and customer_cfg is not None and customer_cfg.instance:
        fields = dataclasses.replace(fields, instance=customer_cfg.instance)
    fields = fields.with_portal_defaults()
    subject = base_subject(event.form_subject or event.subject) or _first_line(description)
    return Draft(subject=subject[:500], description=description, fields=fields, stated=frozenset(stated))


def close_case(
    session: Session,
    engine: Engine,
    case: Case,
    *,
    reason: str,
    actor: str,
    now: datetime | None = None,
    tell_customer: bool = True,
    context: dict[str, Any] | None = None,
) -> bool:
    """Close a case and end its login grant, once; False when it was closed already."""
    if case.status == CaseStatus.CLOSED:
        return False
    now = now or utcnow()
    case.status = CaseStatus.CLOSED
    case.closed_at = now
    case.close_reason = reason
    case.asked = []
    case.asked_at = None
    case_store.touch(case, now)
    grants.end_grant(session, case, reason=f"case-closed:{reason}", actor=actor, now=now)
    audit.record(session, "case.closed", case_id=case.id, actor=actor, reason=reason)
    if tell_customer:
        key = {"customer": "closed_by_customer", "abandoned": "abandoned"}.get(reason, "closed_by_staff")
        reply = Reply(
            kind=ReplyKind.closed(reason),
            language=case.language,
            paragraphs=(say(case.language, key, channel=case.channel, id=case.id),),
        )
        engine.reply(
            session, case, reply, context=context or {}, dedupe_key=f"close:{case.id}:{now.isoformat()}"
        )
    return True


def _without_changes(answer: Answer) -> tuple[Answer, frozenset[str], tuple[str, ...]]:
    """The answer without what only the case's own people may change (consent, withdrawal, closing):
    (what remains, the commands that remain, what was taken out, as `change_*` text keys)."""
    refused: list[str] = []
    if "close" in answer.commands:
        refused.append("close")
    if "withdraw_login" in answer.commands:
        refused.append("withdraw")
    fields = answer.fields
    if fields.login_allowed is not None and "withdraw" not in refused:
        refused.append("login_yes" if fields.login_allowed else "login_no")
    if fields.login_allowed is not None:
        fields = dataclasses.replace(fields, login_allowed=None)
    kept = dataclasses.replace(answer, fields=fields, commands=frozenset())
    return kept, frozenset(), tuple(refused)


_NOTHING_READ = Answer(fields=Fields(), corrections=frozenset(), commands=frozenset())


def _restate(case: Case, event: InboundEvent) -> list[str]:
    """A form's subject and description replace the case's: the form showed them to be changed."""
    changed: list[str] = []
    subject = (event.form_subject or "").strip()[:500]
    if subject and subject != case.subject:
        case.subject = subject
        changed.append("subject")
    description = (event.form_description or "").strip()
    if description and description != case.description.strip():
        case.description = description
        changed.append("description")
    return changed


def _case_values(fields: Fields) -> dict[str, Any]:
    values: dict[str, Any] = {}
    for name, value in fields.stated().items():
        values[name] = list(value) if name == "affected_users" else value
    return values


def _first_line(text: str) -> str:
    for line in text.splitlines():
        if line.strip():
            return line.strip()[:120]
    return "(no subject)"
