"""From a stored Slack request to an engine event: who sent it, which case, what it says.

The listeners store what Slack sent as a `Stored` record (JSON in the durable inbox); this module
turns it into case changes in the inbox worker, in one transaction with marking the row done, the way
`bot/email/intake.py` does for mail. The Web API lookups it needs (the user, their files) happen
before that transaction, so no lock is held while Slack answers.
"""

from __future__ import annotations

import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session

from bot.conversation.engine import Engine, close_case
from bot.conversation.events import Action, InboundEvent, Outcome
from bot.conversation.form import FormAnswer
from bot.conversation.texts import say
from bot.slack.blocks import answer_label, answer_word, escape, unescape
from bot.slack.files import Fetched, FileFetcher
from bot.slack.identity import Directory, SlackUser, can_see
from parsers.fields import Fields
from store import cases as case_store
from store import outbox
from store.cases import case_in_thread, waiting_draft
from store.db import Store
from store.inbox import finish_inbound, raw_of, unfinished
from store.models import CaseStatus


def stored(kind: str, user: str, team: str, body: dict[str, Any], **extra: Any) -> bytes:
    """The inbox record of one Slack request: what kind, who, and Slack's own payload."""
    return json.dumps({"kind": kind, "user": user, "team": team, "body": body, **extra}).encode()


@dataclass
class SlackIntake:
    """Processes stored Slack requests through the engine."""

    store: Store
    directory: Directory
    fetcher: FileFetcher
    #: Runs a coroutine on the server's event loop from the worker thread and waits for its result.
    run: Callable[[Awaitable[Any]], Any]
    command: str = "/case"

    def process(self, engine: Engine, inbound_id: int) -> Outcome:
        with self.store.session() as session:
            row = unfinished(session, inbound_id)
            if row is None:
                return Outcome(case_id=None, action=Action.ALREADY_DONE)
            record: dict[str, Any] = json.loads(raw_of(session, inbound_id))
            received = row.received_at
        user: SlackUser = self.run(self.directory.lookup(record["user"], record.get("team", "")))
        fetched: Fetched = self.run(self.fetcher.fetch(_files_of(record)))
        with self.store.session() as session:
            row = unfinished(session, inbound_id)
            if row is None:
                return Outcome(case_id=None, action=Action.ALREADY_DONE)
            outcome = self._handle(session, engine, record, user, fetched, inbound_id, received)
            if fetched.failed:
                names = ", ".join(escape(name) for name in fetched.failed)
                _tell(session, user, say(user.language, "slack_files_failed", names=names))
            finish_inbound(session, row, outcome.summary())
            return outcome

    def _handle(
        self,
        session: Session,
        engine: Engine,
        record: dict[str, Any],
        user: SlackUser,
        fetched: Fetched,
        inbound_id: int,
        received: datetime,
    ) -> Outcome:
        kind = record["kind"]
        body: dict[str, Any] = record["body"]
        base: dict[str, Any] = {
            "channel": "slack",
            "sender": user.id,
            "sender_name": user.name,
            "customer": user.customer,
            "inbound_id": inbound_id,
            "reply_context": {"user": user.id},
            "sent_at": received,  # what "yesterday" in the text is relative to
        }
        if kind == "view":
            view = body["view"]
            answer = FormAnswer.from_record(record["form"])
            event = InboundEvent(
                **base,
                text=answer.description,
                external_id=f"slack:view:{view['id']}",
                files=fetched.files,
                form=answer.fields,
                form_subject=answer.subject,
            )
            return engine.handle(session, event)
        if kind == "message":
            event_body = body
            staff_case = _staff_thread_case(session, event_body)
            if staff_case is not None:
                # A reply in the thread of casebot's post about a case in a staff channel: an answer
                # to the customer, whoever in that channel wrote it.
                event = InboundEvent(
                    **base | {"customer": None, "reply_context": {}},
                    text=unescape(str(event_body.get("text") or "")),
                    external_id=f"slack:msg:{event_body.get('channel')}:{event_body.get('ts')}",
                    files=fetched.files,
                    case_id=staff_case,
                    staff=True,
                )
                return engine.handle(session, event)
            case_id = self._case_of_message(session, event_body, user)
            if case_id is None and event_body.get("channel_type") != "im":
                return Outcome(case_id=None, action=Action.IGNORED, reason="not a case thread")
            if case_id is None:
                # A DM outside any case ("takk!" after a finished one) is no new case: cases begin
                # with the command, where the form asks what the portal asks. Say so instead.
                _tell(session, user, say(user.language, "slack_dm_no_case", command=self.command))
                return Outcome(case_id=None, action=Action.IGNORED, reason="no waiting case")
            base["sent_at"] = _slack_time(event_body.get("ts")) or received
            event = InboundEvent(
                **base,
                text=unescape(str(event_body.get("text") or "")),
                external_id=f"slack:msg:{event_body.get('channel')}:{event_body.get('ts')}",
                files=fetched.files,
                case_id=case_id,
            )
            return engine.handle(session, event)
        case_id = int(record["case"]) if record.get("case") is not None else None
        case = case_store.get_case_for_update(session, case_id) if case_id is not None else None
        if case_id is not None and (case is None or not can_see(user, case.customer, case.reporter)):
            return Outcome(case_id=case_id, action=Action.REFUSED)
        # The request's own Slack id (stored with it): the same click or command is the same message.
        external_id = f"slack:{record.get('key') or f'{kind}:{inbound_id}'}"
        if kind in ("answer", "withdraw") and case is not None and case.status == CaseStatus.CLOSED:
            # A button under an old question, or a withdrawal (closing ended the grant already), must
            # not reopen a case the way a new message does.
            return Outcome(case_id=case.id, action=Action.IGNORED, reason="case closed")
        if kind == "answer" and case is not None:
            field, value = str(record["field"]), bool(record["answer"])
            label = answer_label(field, case.language)
            event = InboundEvent(
                **base,
                text=f"{label}: {answer_word(field, value, case.language)}",
                external_id=external_id,
                case_id=case.id,
                form=_answer_fields(field, value),
            )
            return engine.handle(session, event)
        if kind == "withdraw" and case is not None:
            event = InboundEvent(
                **base,
                text=say(case.language, "slack_withdraw_text"),
                external_id=external_id,
                case_id=case.id,
            )
            return engine.handle(session, event)
        if kind == "close" and case is not None:
            if case_store.has_message(session, external_id):
                return Outcome(case_id=case.id, action=Action.DUPLICATE)
            own = case.reporter == user.id or (user.customer is not None and user.customer == case.customer)
            closed = close_case(
                session, engine, case, reason="customer" if own else "staff", actor=f"slack:{user.id}"
            )
            # The request joins the history (and makes a retried click a duplicate).
            case_store.add_message(
                session,
                case,
                direction="in",
                channel="slack",
                sender=user.id,
                text=say(case.language, "slack_close_text"),
                external_id=external_id,
                inbound_id=inbound_id,
                kind="command",
            )
            return Outcome(case_id=case.id, action=Action.CLOSED if closed else Action.ALREADY_CLOSED)
        if kind == "command":
            event = InboundEvent(**base, text=unescape(str(record["text"])), external_id=external_id)
            return engine.handle(session, event)
        return Outcome(case_id=case_id, action=Action.IGNORED, reason=f"unknown kind {kind}")

    def _case_of_message(self, session: Session, event: dict[str, Any], user: SlackUser) -> int | None:
        """A thread reply belongs to the thread's case; a plain DM to the user's waiting draft."""
        thread_ts = event.get("thread_ts")
        if thread_ts and thread_ts != event.get("ts"):
            case = case_in_thread(session, str(event.get("channel")), str(thread_ts))
            if case is not None and can_see(user, case.customer, case.reporter):
                return case.id
        if event.get("channel_type") == "im":
            draft = waiting_draft(session, user.id)
            return draft.id if draft is not None else None
        return None


def _staff_thread_case(session: Session, event: dict[str, Any]) -> int | None:
    """The case whose staff-channel post this message replies to in its thread, if any."""
    thread_ts = event.get("thread_ts")
    if not thread_ts or thread_ts == event.get("ts") or event.get("channel_type") == "im":
        return None
    case = case_store.case_of_staff_thread(session, str(event.get("channel")), str(thread_ts))
    return case.id if case is not None else None


def _slack_time(ts: Any) -> datetime | None:
    """A Slack message timestamp ("1700000000.000100") as an aware datetime."""
    try:
        return datetime.fromtimestamp(float(ts), UTC)
    except (TypeError, ValueError):
        return None


def _answer_fields(field: str, value: bool) -> Fields:
    """A button's answer as the one field it states (only yes/no fields have buttons)."""
    if field == "login_allowed":
        return Fields(login_allowed=value)
    if field == "personal_data":
        return Fields(personal_data=value)
    if field == "recurring":
        return Fields(recurring=value)
    return Fields()


def _files_of(record: dict[str, Any]) -> list[dict[str, Any]]:
    body = record.get("body") or {}
    if record.get("kind") == "view":
        state = body.get("view", {}).get("state", {}).get("values", {})
        return list(state.get("files", {}).get("value", {}).get("files") or [])
    if record.get("kind") == "message":
        return list(body.get("files") or [])
    return []


def _tell(session: Session, user: SlackUser, text: str) -> None:
    """An ephemeral note to the user in their DM with the bot, through the outbox."""
    outbox.enqueue(
        session,
        channel="slack",
        kind="notice",
        recipient=user.id,
        payload={"method": "chat.postEphemeral", "args": {"user": user.id, "text": text}, "dm_user": user.id},
    )
