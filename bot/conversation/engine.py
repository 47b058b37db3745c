"""The conversation engine: one place that decides what a customer's message means for a case.

Every channel hands it an `InboundEvent` inside the transaction that will also mark the inbound
message done, so the state change and every reply it causes commit together or not at all. The
conversation's state is the case row itself (`status`, `asked`, `ask_counts`, `unknown`, `offer`), so a
restart between two messages changes nothing.

The conversation is a state machine in the manner of salmon: one function per state takes the turn (a
message and what it says) and returns the next state.

    (new)  ─first message─> draft, or open when nothing is missing
    draft  ─answer─> draft (asks what is still missing, at most twice per field) or open
    open   ─message─> open (noted; consent may change at any time), or closed on request
    closed ─message─> draft (reopened: login consent, where it was given, is asked again), or closed (a
    plain "thank you")

What a reply says is read by `parsers.answers.read_answer`, in the light of what was asked.
"""

from __future__ import annotations

import dataclasses
import logging
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from functools import cached_property
from pathlib import Path
from typing import Any

from sqlmodel import Session

from bot.config import Config
from bot.conversation.channels import CustomerChannel, Said, StaffNotifier
from bot.conversation.events import Action, InboundEvent, IncomingFile, Outcome
from bot.conversation.questions import Question, asked_enough, count_asked, next_questions
from bot.conversation.replies import (
    CUSTOMER_KINDS,
    Reply,
    ReplyFile,
    ReplyKind,
    case_summary_lines,
    field_lines,
    label_list,
)
from bot.conversation.requirements import YES_NO_FIELDS, missing_fields
from bot.conversation.texts import say
from parsers.answers import Answer, asks_for_contact, contact_phone, read_answer, says_in_app
from parsers.clean import clean_description
from parsers.courtesy import only_thanks, own_message, plain_yes
from parsers.extract import extract_fields
from parsers.fields import Fields
from parsers.reading.language import clear_language
from parsers.reading.people import writer_only
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
#: Fields "same as last time (case #12)" may take from the customer's earlier case: the technical
#: details, never consent or the GDPR answer, which belong to one case.
_CARRIED_OVER = ("browser", "app_platform", "app_version", "scope", "affected_users", "module", "instance")
#: Fields whose answer may change at any time, from a message entitled to change them.
_CONSENT = ("login_allowed", "personal_data")
#: A reply with fewer words than this is not enough to tell its language.
_LANGUAGE_WORDS = 6


@dataclass
class Turn:
    """One inbound message being handled, and what handling it has found so far."""

    session: Session
    event: InboundEvent
    now: datetime
    case: Case
    answer: Answer | None = None
    learned: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    kept: list[str] = field(default_factory=list)
    rejected: tuple[str, ...] = ()
    intro: list[str] = field(default_factory=list)
    understood_nothing: bool = False
    offered: bool = False  # the reply took the offer to open a second problem as a case of its own
    form_changed: bool = False  # a form (Slack, web) changed the case: the customer gets the receipt
    reopened: bool = False  # the message reopened a closed case
    message_id: int | None = None  # the stored message this turn is about
    outcome: Outcome | None = None

    @property
    def lang(self) -> str:
        return self.case.language

    @cached_property
    def own_words(self) -> str:
        """The message's own words, quotes and signature removed (`clean_description`), cleaned once."""
        return clean_description(self.event.text)


State = Callable[["Engine", Turn], CaseStatus]


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
        seen = event.external_id and case_store.has_message(session, event.external_id, sender=event.sender)
        if seen:
            return Outcome(case_id=None, action=Action.DUPLICATE, message_id=event.external_id)
        case = case_store.get_case_for_update(session, event.case_id) if event.case_id else None
        if event.staff:
            # Staff are never customers: their message answers a case, or is nothing at all.
            if case is None or event.automatic:
                # An out-of-office answering a notification never reaches the customer.
                reason = event.automatic or "staff message without a case"
                return Outcome(case_id=event.case_id, action=Action.IGNORED, reason=reason)
            return dataclasses.replace(
                self._staff_reply(session, case, event, now), message_id=event.external_id
            )
        if case is None:
            outcome = self._new_case(session, event, now)
        else:
            turn = Turn(session, event, now, case)
            self._arrive(turn)
            if event.automatic:
                # An out-of-office or a bounce: part of the history, never answered, never an answer.
                audit.record(
                    session, "message.automatic", case_id=case.id, actor=event.sender, reason=event.automatic
                )
                outcome = Outcome(case_id=case.id, action=Action.NOTED_AUTOMATIC, reason=event.automatic)
            else:
                state: State = _STATES[CaseStatus(case.status)]
                case.status = state(self, turn)
                outcome = turn.outcome or Outcome(case_id=case.id, action=Action.NOTED)
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
            created_at=event.dated(now),
            imported=event.imported,
            updated_at=now,
            last_customer_at=now,
            stated=sorted(draft.stated),
            answer_reporter=event.answerable,
            **_case_values(draft.fields),
        )
        if not (case.browser or case.app_platform) and says_in_app(draft.description):
            case.in_app = True
        turn = Turn(session, event, now, case)
        turn.kept, turn.rejected, turn.message_id = self._record_inbound(session, case, event, now)
        audit.record(session, "case.created", case_id=case.id, actor=event.sender, channel=event.channel)
        if event.forwarded_by:
            audit.record(
                session, "case.forwarded", case_id=case.id, actor=event.forwarded_by, reporter=event.sender
            )
        if refused:
            audit.record(
                session, "change.refused", case_id=case.id, actor=event.sender, changes=list(refused)
            )
        if event.automatic:
            self._close(session, case, reason="automatic", actor="casebot", now=now, tell_customer=False)
            return Outcome(case_id=case.id, action=Action.CLOSED_AUTOMATIC, reason=event.automatic)
        self._only_me(turn)
        turn.notes.extend(self._rejected_note(turn.lang, turn.rejected))
        if asks_for_contact(event.text):
            self._contact_requested(turn, tell_staff=False)  # staff get the new case with its text
        missing = missing_fields(case)
        if not missing:
            self._complete(turn, first=True)
            return Outcome(case_id=case.id, action=Action.CREATED_COMPLETE, rejected_files=turn.rejected)
        turn.intro = [say(turn.lang, "received", id=case.id, subject=case.subject)]
        if case.priority in ("critical", "high"):
            # An outage reads its urgency back at once, rather than a routine list of questions alone.
            label = say(turn.lang, f"priority_{case.priority}")
            turn.intro.append(say(turn.lang, "urgent_noted", priority=label))
        # What else there is to say (a wish to be called) comes before the questions' own introduction.
        turn.intro.extend(turn.notes)
        turn.notes = []
        turn.intro.append(say(turn.lang, "questions_intro", channel=case.channel))
        questions = self._ask(turn, missing)
        for notifier in self.staff:
            notifier.notify(session, case, kind="new", missing=missing)
        return Outcome(
            case_id=case.id,
            action=Action.CREATED,
            asked=tuple(q.field for q in questions),
            rejected_files=turn.rejected,
        )

    # -- the states of an existing case ------------------------------------------------------

    def _when_draft(self, turn: Turn) -> CaseStatus:
        """A reply while fields are missing: take what it says, then ask what is still missing or open."""
        case = turn.case
        if self._read(turn) is CaseStatus.CLOSED:
            return CaseStatus.CLOSED
        missing = self._settle_missing(turn)
        if not missing:
            self._complete(turn, first=False)
            turn.outcome = Outcome(case_id=case.id, action=Action.COMPLETED, rejected_files=turn.rejected)
            return CaseStatus.OPEN
        if turn.learned:
            turn.intro.append(say(turn.lang, "understood", items=self._understood(turn)))
        # What else there is to say (explanations, offers) comes before the line that opens the questions.
        # A message that reopened a case says why it came back, and answers nothing that was asked: it is
        # no answer that failed.
        unread = turn.understood_nothing and not turn.reopened
        if not turn.reopened:
            turn.notes.append(say(turn.lang, "not_understood" if unread else "still_need"))
        questions = self._ask(turn, missing, shorter=unread)
        turn.outcome = Outcome(
            case_id=case.id,
            action=Action.ASKED,
            asked=tuple(q.field for q in questions),
            rejected_files=turn.rejected,
        )
        return CaseStatus.DRAFT

    def _when_open(self, turn: Turn) -> CaseStatus:
        """A message on a case staff are working on: part of its history; consent may change."""
        case = turn.case
        if self._read(turn) is CaseStatus.CLOSED:
            return CaseStatus.CLOSED
        if case.login_allowed and self.open_grants:
            grants.open_grant(
                turn.session,
                case,
                actor=turn.event.sender,
                now=turn.now,
                max_hours=self.config.grants.max_hours,
            )
        if turn.learned:
            turn.intro.append(say(turn.lang, "understood", items=self._understood(turn)))
        if not turn.notes and "?" in turn.own_words:
            # A question to staff ("Did you get the PDF problem too?"), also beside a correction, is told it
            # arrived and who answers: without a word back the customer cannot tell it was not lost.
            turn.intro.append(say(turn.lang, "followup_question_noted", id=case.id))
        paragraphs = (*turn.intro, *turn.notes)
        if paragraphs:
            if not turn.learned and not turn.intro and not turn.offered:
                paragraphs = (say(turn.lang, "followup_noted", id=case.id), *paragraphs)
            reply = Reply(
                kind=ReplyKind.NOTED,
                language=turn.lang,
                paragraphs=paragraphs,
                # A form that changed an open case gets the receipt again, as the portal shows it.
                summary=self._receipt(turn) if turn.form_changed else (),
            )
            self.reply(turn.session, case, reply, context=turn.event.reply_context)
        if turn.outcome is None:
            turn.outcome = Outcome(case_id=case.id, action=Action.NOTED, rejected_files=turn.rejected)
        self._tell_staff_followup(turn)
        return CaseStatus.OPEN

    def _tell_staff_followup(self, turn: Turn) -> None:
        """A customer's later message on an open case reaches staff, with the files it brought."""
        case, event = turn.case, turn.event
        assert case.id is not None
        kept = set(turn.kept)
        files = [
            a
            for a in case_store.attachments_of(turn.session, case.id)
            if a.message_id is not None and a.message_id == turn.message_id and a.filename in kept
        ]
        said = Said(
            sender=event.sender,
            sender_name=event.sender_name,
            text=turn.own_words or event.text,
            files=files,
            message_id=event.external_id or f"inbound:{event.inbound_id}",
        )
        for notifier in self.staff:
            notifier.notify(turn.session, case, kind="followup", missing=[], said=said)

    def _when_closed(self, turn: Turn) -> CaseStatus:
        """A message on a closed case: a plain thank-you is kept; anything else reopens the case, and a
        login consent given before is asked again (it ended with the case); a refusal stands."""
        case = turn.case
        if only_thanks(turn.event.text):
            audit.record(turn.session, "message.noted", case_id=case.id, actor=turn.event.sender)
            turn.outcome = Outcome(case_id=case.id, action=Action.NOTED)
            return CaseStatus.CLOSED
        case.closed_at = None
        case.close_reason = None
        audit.record(turn.session, "case.reopened", case_id=case.id, actor=turn.event.sender)
        if case.login_allowed:
            # The permission ended with the case: it is asked again, never taken over.
            case.login_allowed = None
            case.stated = sorted(set(case.stated) - {"login_allowed"})
            case.ask_counts = {k: v for k, v in case.ask_counts.items() if k != "login_allowed"}
            case.unknown = [name for name in case.unknown if name != "login_allowed"]
            turn.intro.append(say(turn.lang, "reopened_consent", id=case.id))
        else:
            # A "no" (or no answer) stands: there was no permission to end, and none is asked for again.
            turn.intro.append(say(turn.lang, "reopened", id=case.id))
        turn.reopened = True
        case.status = CaseStatus.DRAFT
        # Staff hear now why the customer came back ("It's not fixed"), not only once consent is settled.
        self._tell_staff_followup(turn)
        return self._when_draft(turn)

    # -- steps shared by the states ----------------------------------------------------------

    def _arrive(self, turn: Turn) -> None:
        """The message joins the case's history with its files; a colleague who proved the thread joins
        the case's people."""
        case, event = turn.case, turn.event
        turn.kept, turn.rejected, turn.message_id = self._record_inbound(turn.session, case, event, turn.now)
        case_store.touch(case, turn.now)
        if event.imported and case.imported:
            # A reply older than the first message of an imported case dates the case.
            case.created_at = min(case.created_at, event.dated(turn.now))
        turn.notes.extend(self._rejected_note(turn.lang, turn.rejected))
        if event.automatic:
            return
        case.last_customer_at = turn.now
        if event.colleague and event.sender not in case.participants:
            case.participants = [*case.participants, event.sender]
            audit.record(turn.session, "case.participant", case_id=case.id, actor=event.sender)

    def _read(self, turn: Turn) -> CaseStatus | None:
        """Read the reply and act on it: language, commands, consent, fields, what is not known, what the
        customer asked about, a second problem, "same as case #12". Returns CLOSED if it closed the case."""
        case, event = turn.case, turn.event
        answer = (
            read_answer(
                event.text,
                asked=list(case.asked),
                sent_at=event.sent_at,
                vocabulary=self.vocabulary,
                # An earlier question may be answered now, unasked ("it happens with every request").
                still_open=[*missing_fields(case), *case.unknown],
            )
            if event.form is None
            else _NOTHING_READ  # a form says what it means: a description mentioning "close" closes nothing
        )
        if not event.may_act:
            answer, _, refused = _without_changes(answer)
            if refused:
                audit.record(
                    turn.session, "change.refused", case_id=case.id, actor=event.sender, changes=list(refused)
                )
                turn.notes.append(self._confirmation_note(case, refused))
                # Awaiting the reporter's "Ja, det var meg" (`_confirmed`), with a second-problem offer kept.
                case.offer = {**(case.offer or {}), "confirm": list(refused)}
        elif case.offer and case.offer.get("confirm"):
            answer = self._confirmed(turn, answer)
        turn.answer = answer
        self._follow_language(turn)
        if "close" in answer.commands and case.status != CaseStatus.CLOSED:
            self._close(
                turn.session,
                case,
                reason="customer",
                actor=event.sender,
                now=turn.now,
                tell_customer=True,
                context=event.reply_context,
            )
            turn.outcome = Outcome(case_id=case.id, action=Action.CLOSED_BY_CUSTOMER)
            return CaseStatus.CLOSED
        if "contact" in answer.commands:
            # A draft reaches staff only when complete, so they hear of the wish now; an open or reopened
            # case's message reaches them anyway.
            self._contact_requested(turn, tell_staff=case.status == CaseStatus.DRAFT and not turn.reopened)
        offered = turn.offered = self._take_offer(turn)
        before, unknown_before = recorded_values(case), list(case.unknown)
        if "withdraw_login" in answer.commands:
            self._withdraw(turn)
        self._same_as(turn)
        # A bare "ja" that took the offer of a second case answers nothing else.
        fields = Fields() if offered else answer.fields
        if answer.new_problem and not offered:
            # A second problem never changes this case: only answers to what was asked are taken.
            fields = _only(fields, {*case.asked, *_CONSENT})
            second = answer.second_problem or event.text
            case.offer = {"text": second[:20_000], "subject": event.subject[:500]}
            turn.notes.append(say(turn.lang, "new_problem_offer"))
        if event.form is not None:
            fields = event.form.merged_over(fields)
        self._apply(
            turn,
            fields,
            corrections=set(answer.corrections) | (set(event.form.stated()) if event.form else set()),
        )
        if event.form is not None:
            turn.learned += _restate(case, event)
            turn.form_changed = bool(turn.learned)
        if answer.in_app and not (case.browser or case.app_platform or case.in_app):
            case.in_app = True
            turn.learned.append("in_app")
        self._only_me(turn)
        if answer.login_limited and case.login_allowed is None:
            # "Ja, men bare i dag": a grant ends only with the case, so staff agree the login with the
            # customer; it is not asked again
            self._not_known(turn, ["login_allowed"], key="login_limited_noted")
            audit.record(turn.session, "consent.limited", case_id=case.id, actor=event.sender)
        self._not_known(turn, answer.unknown, key="unknown_noted")
        for name in sorted(answer.asks_about):
            turn.notes.append(_explanation(turn.lang, name))
            # A question about the question is no answer that failed: asking it again does not count.
            counts = dict(case.ask_counts)
            for key in [name, *_requirements_of([name])]:
                if counts.get(key, 0) > 0:
                    counts[key] -= 1
                    break
            case.ask_counts = counts
        if turn.learned or case.unknown != unknown_before:
            audit.record(
                turn.session,
                "case.fields",
                case_id=case.id,
                actor=event.sender,
                fields=sorted(set(turn.learned)),
                changes=changed_values(before, case),  # the art. 30(2) record needs the values
            )
        turn.understood_nothing = not (
            turn.learned
            or answer.unknown
            or answer.asks_about
            or answer.commands
            or answer.new_problem
            or answer.same_as_case
            or offered
            or event.files
            or event.form is not None
        )
        return None

    def _contact_requested(self, turn: Turn, *, tell_staff: bool) -> None:
        """The customer asks to be called or to meet rather than write: it is told the wish is on the case,
        the audit log has it, and staff are told now when `tell_staff` (no other notice carries it yet)."""
        case = turn.case
        phone = contact_phone(turn.event.text)
        audit.record(turn.session, "contact.requested", case_id=case.id, actor=turn.event.sender, phone=phone)
        if phone:
            turn.notes.append(say(turn.lang, "contact_noted_phone", id=case.id, phone=phone))
        else:
            turn.notes.append(say(turn.lang, "contact_noted", id=case.id))
        if tell_staff:
            self._tell_staff_followup(turn)

    def _follow_language(self, turn: Turn) -> None:
        """A reply written in the other language moves the case to it, from now on (and back)."""
        answer, case = turn.answer, turn.case
        own = turn.own_words
        words = [w for w in own.split() if sum(c.isalpha() for c in w) >= 2]
        if answer is None or len(words) < _LANGUAGE_WORDS:
            return  # "1. yes 2. no" says nothing about the language the customer prefers
        language = answer.language or clear_language(own)
        if language is None or language == case.language:
            return
        audit.record(turn.session, "case.language", case_id=case.id, before=case.language, after=language)
        case.language = language

    def _confirmed(self, turn: Turn, answer: Answer) -> Answer:
        """The reply, from someone who may act, to the question whether a change that could not be taken
        was theirs (`_confirmation_note`): "Ja, det var meg" makes the change now, as if this reply had
        asked for it; "Nei, det var ikke meg" is thanked and changes nothing. Either is audited. Any other
        reply ends the wait and is read as it stands (saying it again still works)."""
        case, event = turn.case, turn.event
        offer = dict(case.offer or {})
        pending = [str(change) for change in offer.pop("confirm", [])]
        case.offer = offer or None
        said = own_message(event.text)
        if said is None and plain_yes(event.text) and not YES_NO_FIELDS & set(case.asked):
            said = True  # a bare "ja" when no yes/no question is open answers the only one asked
        if said is None:
            return answer
        audit.record(
            turn.session,
            "change.confirmed" if said else "change.disowned",
            case_id=case.id,
            actor=event.sender,
            changes=pending,
        )
        if not said:
            turn.notes.append(say(turn.lang, "change_disowned", id=case.id))
            return _NOTHING_READ
        commands = {_CONFIRMED_COMMANDS[c] for c in pending if c in _CONFIRMED_COMMANDS}
        login = True if "login_yes" in pending else False if "login_no" in pending else None
        return dataclasses.replace(
            _NOTHING_READ, fields=Fields(login_allowed=login), commands=frozenset(commands)
        )

    def _take_offer(self, turn: Turn) -> bool:
        """The customer's "ja" to an open offer opens the second problem as a case of its own."""
        case, answer = turn.case, turn.answer
        if not case.offer or "text" not in case.offer or answer is None:
            return False
        if plain_yes(turn.event.text) and YES_NO_FIELDS & set(case.asked):
            # The "ja" answers the open yes/no question; the offer stands and is made again.
            turn.notes.append(say(turn.lang, "new_problem_offer"))
            return False
        offer = case.offer
        # A change still awaiting the reporter's confirmation stays awaited.
        case.offer = {"confirm": offer["confirm"]} if offer.get("confirm") else None
        if not plain_yes(turn.event.text):
            return False
        event = dataclasses.replace(
            turn.event,
            text=str(offer.get("text") or ""),
            subject=str(offer.get("subject") or case.subject),
            external_id=f"{turn.event.external_id or case.id}#second-problem",
            case_id=None,
            files=(),
        )
        outcome = self._new_case(turn.session, event, turn.now)
        turn.notes.append(say(turn.lang, "new_problem_opened", new_id=outcome.case_id))
        return True

    def _same_as(self, turn: Turn) -> None:
        """ "Same as last time (case #12)": the technical details of the customer's own earlier case."""
        case, answer = turn.case, turn.answer
        if answer is None or answer.same_as_case is None or answer.same_as_case == case.id:
            return
        other = case_store.get_case(turn.session, answer.same_as_case)
        theirs = other is not None and (
            other.reporter == turn.event.sender
            or (other.customer is not None and other.customer == case.customer)
        )
        if other is None or not theirs:
            turn.notes.append(say(turn.lang, "same_as_not_found", other=answer.same_as_case))
            return
        taken: list[str] = []
        said = set(answer.fields.stated())
        app = bool(
            case.in_app or case.app_platform or case.app_version or said & {"app_platform", "app_version"}
        )
        for name in _CARRIED_OVER:
            value = getattr(other, name)
            if value in (None, [], "") or name in case.stated or name in said:
                continue
            if (name == "browser" and app) or (name in ("app_platform", "app_version") and case.browser):
                continue  # the other case's browser says nothing about this case's app, and back
            if name in ("scope", "affected_users") and said & {"scope", "affected_users"}:
                continue
            setattr(case, name, list(value) if isinstance(value, list) else value)
            taken.append(name)
        case.stated = sorted(set(case.stated) | set(taken))
        if taken:
            items = " · ".join(f"{label}: {value}" for label, value in field_lines(case, turn.lang, taken))
            turn.notes.append(say(turn.lang, "same_as_taken", other=other.id, items=items))
            audit.record(turn.session, "case.fields.copied", case_id=case.id, source=other.id, fields=taken)

    def _apply(self, turn: Turn, fields: Fields, *, corrections: set[str]) -> None:
        """Set what the customer stated. A value given before changes when it was asked for or corrected;
        consent (login, personal data) changes whenever the customer says so."""
        case = turn.case
        asked = set(case.asked)
        if "browser" in asked or "app_platform" in asked or "app_version" in asked:
            asked |= {"browser", "app_platform", "app_version"}
        stated = set(case.stated)
        for name, value in fields.stated().items():
            current = getattr(case, name)
            if current == value or (name == "affected_users" and list(value) == current):
                continue
            if name in stated and name not in asked and name not in corrections and name not in _CONSENT:
                continue
            if name == "login_allowed":
                self._consent(turn, bool(value))
                continue
            setattr(case, name, list(value) if name == "affected_users" else value)
            stated.add(name)
            turn.learned.append(name)
        case.stated = sorted(set(case.stated) | stated)
        case.unknown = [name for name in case.unknown if name not in turn.learned]

    def _consent(self, turn: Turn, allowed: bool) -> None:
        """Login consent given, refused or changed: recorded, audited, confirmed; a no ends the grant."""
        case = turn.case
        before = case.login_allowed
        case.login_allowed = allowed
        case.stated = sorted(set(case.stated) | {"login_allowed"})
        turn.learned.append("login_allowed")
        audit.record(
            turn.session,
            "consent.changed",
            case_id=case.id,
            actor=turn.event.sender,
            before=before,
            after=allowed,
        )
        if before is None:
            return  # a first answer: confirmed with the other answers
        if allowed:
            turn.notes.append(say(turn.lang, "consent_given", id=case.id))
        elif grants.end_grant(turn.session, case, reason="withdrawn", actor=turn.event.sender, now=turn.now):
            turn.notes.append(say(turn.lang, "withdrawn", id=case.id))
        else:
            turn.notes.append(say(turn.lang, "consent_refused_noted", id=case.id))

    def _withdraw(self, turn: Turn) -> None:
        """ "Trekk tilbake påloggingen": the grant ends, now, and the customer is told."""
        case = turn.case
        ended = grants.end_grant(
            turn.session, case, reason="withdrawn", actor=turn.event.sender, now=turn.now
        )
        case.login_allowed = False
        case.stated = sorted(set(case.stated) | {"login_allowed"})
        key = "withdrawn" if ended or case.status == CaseStatus.DRAFT else "withdrawn_none"
        turn.notes.append(say(turn.lang, key, id=case.id))
        audit.record(
            turn.session, "consent.withdrawn", case_id=case.id, actor=turn.event.sender, grant_ended=ended
        )
        if case.status == CaseStatus.OPEN:
            turn.outcome = Outcome(case_id=case.id, action=Action.WITHDRAWN)

    def _only_me(self, turn: Turn) -> None:
        """ "Only me" (issue 16): the one affected user is the reporter, by address, unless a user was named.

        Only when the writer says they alone are affected ("bare meg", "only me"): "one user" or "a
        colleague" leaves the user to the question. An address identifies them; a display name does not.
        """
        case = turn.case
        if case.scope == "one" and not case.affected_users and writer_only(turn.event.text):
            case.affected_users = [case.reporter]

    def _not_known(self, turn: Turn, names: Any, *, key: str) -> None:
        """Record fields as not known (no longer asked, shown to staff), and say so once."""
        fresh = [n for n in _requirements_of(names) if n not in turn.case.unknown]
        if not fresh:
            return
        turn.case.unknown = [*turn.case.unknown, *fresh]
        in_app = bool(turn.case.app_platform)
        turn.notes.append(say(turn.lang, key, labels=label_list(turn.lang, fresh, in_app=in_app)))

    def _settle_missing(self, turn: Turn) -> list[str]:
        """What is still missing, after giving up on what was asked twice already."""
        missing = missing_fields(turn.case)
        enough = asked_enough(turn.case, missing)
        if enough:
            said = len(turn.notes)
            self._not_known(turn, enough, key="gave_up")
            audit.record(turn.session, "fields.given_up", case_id=turn.case.id, fields=enough)
            missing = missing_fields(turn.case)
            if not missing:
                # the case is complete now, and its summary names what is not known and that staff take it
                # from there: saying it above the summary too says it twice
                del turn.notes[said:]
        return missing

    def _receipt(self, turn: Turn) -> tuple[tuple[str, str], ...]:
        names = [a.filename for a in case_store.attachments_of(turn.session, turn.case.id or 0)]
        return case_summary_lines(turn.case, turn.lang, names)

    def _understood(self, turn: Turn) -> str:
        return " · ".join(
            f"{label}: {value}" for label, value in field_lines(turn.case, turn.lang, turn.learned)
        )

    def _ask(self, turn: Turn, missing: list[str], *, shorter: bool = False) -> list[Question]:
        """Ask what is missing (and say what else there is to say), in one reply."""
        case = turn.case
        questions = next_questions(case, missing, turn.lang, shorter=shorter)
        tip = ""
        in_app = bool(case.app_platform or case.app_version or case.in_app)
        # A screenshot shows a problem or an idea; an order or a change of the agreement has none to show.
        if (
            case.type not in _NOTHING_TO_SHOW
            and not case.tip_sent
            and not any(
                a.content_type.startswith("image/")
                for a in case_store.attachments_of(turn.session, case.id or 0)
            )
        ):
            tip = say(turn.lang, "questions_tip_app" if in_app else "questions_tip")
        reply = Reply(
            kind=ReplyKind.QUESTION,
            language=turn.lang,
            paragraphs=(*turn.intro, *turn.notes),
            questions=tuple((q.field, q.text) for q in questions),
            tip=tip,
        )
        if (
            not self.reply(turn.session, case, reply, context=turn.event.reply_context)
            and not case.answer_reporter
        ):
            return []  # nothing was asked, so nothing is reminded: the case waits for staff
        case.tip_sent = case.tip_sent or bool(tip)
        case.asked = [q.field for q in questions]
        case.ask_counts = count_asked(case, questions)
        case.asked_at = turn.now
        case.reminders_sent = 0
        audit.record(turn.session, "case.asked", case_id=case.id, fields=case.asked)
        return questions

    def _complete(self, turn: Turn, *, first: bool) -> None:
        case = turn.case
        case.status = CaseStatus.OPEN
        case.asked = []
        case.asked_at = None
        lang = turn.lang
        assert case.id is not None
        names = [a.filename for a in case_store.attachments_of(turn.session, case.id)]
        if first:
            opening = say(lang, "complete_first", id=case.id, subject=case.subject)
        elif turn.reopened:
            opening = say(lang, "complete_reopened")  # no "Thank you! … complete" to a complaint
        else:
            opening = say(lang, "complete", id=case.id)
        closing = (
            (
                say(
                    lang,
                    "complete_unknown",
                    labels=label_list(lang, case.unknown, in_app=bool(case.app_platform)),
                ),
            )
            if case.unknown
            else ()
        )
        reply = Reply(
            kind=ReplyKind.CONFIRMATION,
            language=lang,
            paragraphs=(*turn.intro, *turn.notes, opening),
            summary=case_summary_lines(case, lang, names),
            closing=closing,
            copy_to=tuple(case.participants),
        )
        self.reply(turn.session, case, reply, context=turn.event.reply_context)
        audit.record(turn.session, "case.opened", case_id=case.id, actor=turn.event.sender)
        if case.login_allowed and self.open_grants:
            grants.open_grant(
                turn.session,
                case,
                actor=turn.event.sender,
                now=turn.now,
                max_hours=self.config.grants.max_hours,
            )
        for notifier in self.staff:
            notifier.notify(turn.session, case, kind="complete", missing=[])

    def _staff_reply(self, session: Session, case: Case, event: InboundEvent, now: datetime) -> Outcome:
        """A staff member's answer on a case goes to the customer on the case's own channel and thread,
        with its files; it is recorded as an outbound message written by that staff member. The case's
        state does not change: staff close cases with the close command."""
        assert case.id is not None
        text = clean_description(event.text).strip() or event.text.strip()
        files = [(file, save_blob(self.attachments_dir, file.data)) for file in event.files]
        if not text and not files:
            return Outcome(case_id=case.id, action=Action.IGNORED, reason="empty staff reply")
        reply = Reply(
            kind=ReplyKind.STAFF_REPLY,
            language=case.language,
            paragraphs=(text,) if text else (),
            author=event.sender,
            author_name=event.sender_name,
            files=tuple(ReplyFile(f.filename[:255], f.content_type[:200], digest) for f, digest in files),
        )
        key = f"staff-reply:{case.id}:{event.external_id or event.inbound_id}"
        if not self.channel_for(case).send(session, case, reply, context={}, dedupe_key=key):
            audit.record(session, "staff.reply_not_sent", case_id=case.id, actor=event.sender)
            return Outcome(case_id=case.id, action=Action.IGNORED, reason="staff reply could not be sent")
        message_id = case_store.add_message(
            session,
            case,
            direction="out",
            channel=event.channel,
            at=event.dated(now),
            sender=event.sender,
            subject=event.subject[:500],
            text=text,
            external_id=event.external_id,
            inbound_id=event.inbound_id,
            kind=case_store.STAFF_REPLY,
        )
        for file, digest in files:
            _add_file(session, case, message_id, file, digest)
        case_store.touch(case, now)
        audit.record(
            session,
            "staff.reply",
            case_id=case.id,
            actor=event.sender,
            channel=event.channel,
            to=case.channel,
            files=len(files),
        )
        return Outcome(case_id=case.id, action=Action.STAFF_REPLY)

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

    def _record_inbound(
        self, session: Session, case: Case, event: InboundEvent, now: datetime
    ) -> tuple[list[str], tuple[str, ...], int | None]:
        """The customer's message joins the case's history with its files; returns (kept, rejected,
        the message's id)."""
        message_id = case_store.add_message(
            session,
            case,
            direction="in",
            channel=event.channel,
            at=event.dated(now),
            sender=event.sender,
            subject=event.subject[:500],
            text=event.text,
            external_id=event.external_id,
            inbound_id=event.inbound_id,
        )
        kept, rejected = self._store_files(session, case, message_id, event)
        return kept, rejected, message_id

    def _store_files(
        self, session: Session, case: Case, message_id: int, event: InboundEvent
    ) -> tuple[list[str], tuple[str, ...]]:
        limit = self.config.limits.attachments_per_message
        kept: list[str] = []
        rejected: list[str] = []
        for index, file in enumerate(event.files):
            if limit and index >= limit:
                rejected.append(file.filename)
                continue
            _add_file(session, case, message_id, file, save_blob(self.attachments_dir, file.data))
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


#: Case types whose follow-up gets no screenshot tip.
_NOTHING_TO_SHOW = frozenset({"order", "agreement_change"})


_STATES: dict[CaseStatus, State] = {
    CaseStatus.DRAFT: Engine._when_draft,
    CaseStatus.OPEN: Engine._when_open,
    CaseStatus.CLOSED: Engine._when_closed,
}


def _requirements_of(names: Any) -> list[str]:
    """Field names as the requirements they settle ("app_version" is part of "browser")."""
    out: list[str] = []
    for name in names:
        requirement = "browser" if name in ("browser", "app_platform", "app_version") else name
        if requirement not in out:
            out.append(requirement)
    return out


def _only(fields: Fields, names: set[str]) -> Fields:
    """These fields with every other one unstated."""
    keep = set(names) | ({"app_platform", "app_version"} if "browser" in names else set())
    values: dict[str, Any] = {name: value for name, value in fields.stated().items() if name in keep}
    return Fields(**values, language=fields.language)


_EXPLAINED = {"login_allowed", "personal_data", "app_version", "app_platform", "browser"}


def _explanation(lang: str, name: str) -> str:
    """Why a question is asked and what it means, for a customer who asked about it."""
    if name in _EXPLAINED:
        return say(lang, "explain_app_version" if name == "app_platform" else f"explain_{name}")
    return say(lang, "explain_other", label=label_list(lang, [name]))


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
    ended = grants.end_grant(session, case, reason=f"case-closed:{reason}", actor=actor, now=now)
    audit.record(session, "case.closed", case_id=case.id, actor=actor, reason=reason)
    if tell_customer:
        key = {"customer": "closed_by_customer", "abandoned": "abandoned"}.get(reason, "closed_by_staff")
        # "Login access has ended" only where staff could log in until now: not after a no, nor twice.
        access = say(case.language, "closed_access_ended") if ended else ""
        reply = Reply(
            kind=ReplyKind.closed(reason),
            language=case.language,
            paragraphs=(say(case.language, key, channel=case.channel, id=case.id, access=access),),
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
    # A wish to be called changes nothing on the case: it is passed on whoever sent it.
    contact = answer.commands & {"contact"}
    kept = dataclasses.replace(answer, fields=fields, commands=contact)
    return kept, contact, tuple(refused)


_NOTHING_READ = Answer(fields=Fields(), corrections=frozenset(), commands=frozenset())
#: A change confirmed by the reporter (`Engine._confirmed`), as the command a reply asking for it gives.
_CONFIRMED_COMMANDS = {"close": "close", "withdraw": "withdraw_login"}


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


def _add_file(session: Session, case: Case, message_id: int, file: IncomingFile, digest: str) -> None:
    """A file of the message `message_id`, already saved under its SHA-256 `digest`, recorded on the
    case; name and type cut to what the columns hold."""
    case_store.add_attachment(
        session,
        case,
        message_id,
        filename=file.filename[:255],
        content_type=file.content_type[:200],
        size=len(file.data),
        sha256=digest,
        inline=file.inline,
    )
