"""Answering customers and telling staff by email: replies become outbox rows, ready to send.

A reply is rendered completely when it is queued (its Message-ID too), so a retry sends the same
bytes and the customer's answer threads to it; the one exception is the link to the case's web form
in questions and reminders (`[web] base_url`), made when the mail is sent, so that its token is kept
nowhere but hashed. Every reply carries `Auto-Submitted: auto-replied`, the case tag in the subject
and the case's token in `Reply-To`; the customer's subject and name pass through header-safe
encoding only.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Sequence
from datetime import datetime
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any, Protocol

from sqlmodel import Session

from bot.config import Config
from bot.conversation.replies import Reply, ReplyKind, reminder_reply, render_text
from bot.conversation.texts import say
from bot.email.compose import build_message, build_message_with_files, mailbox, reply_subject
from bot.email.files import read_files
from parsers.addresses import valid_address
from parsers.message import clean_header_text
from store import audit, links, outbox
from store import cases as case_store
from store.models import Case, OutboxItem, utcnow

_MAX_REFERENCES = 20
#: The mails that ask the customer something: they carry a link to the case's web form.
_LINKED_KINDS = frozenset({ReplyKind.QUESTION, ReplyKind.REMINDER})


def _copies(case: Case, reply: Reply) -> list[str]:
    """Who else gets a reply besides the reporter: its `copy_to` addresses that mail can go to."""
    return [a for a in dict.fromkeys(reply.copy_to) if a != case.reporter and valid_address(a)]


class ReminderTarget(Protocol):
    """What queuing a reminder needs of a draft (a `Case`, or the sweep's lighter row)."""

    @property
    def id(self) -> int | None: ...
    @property
    def reporter(self) -> str: ...
    @property
    def asked_at(self) -> datetime | None: ...
    @property
    def reminders_sent(self) -> int: ...


def reminder_key(case: ReminderTarget) -> str:
    """One reminder per case, question and step: a second sweep cannot queue the same one again."""
    assert case.asked_at is not None
    return f"reminder:{case.id}:{case.asked_at.isoformat()}:{case.reminders_sent}"


class EmailChannel:
    """The email side of `CustomerChannel`."""

    name = "email"

    def __init__(self, config: Config, attachments_dir: Path | None = None) -> None:
        self.config = config
        self.attachments_dir = attachments_dir or Path(config.store.attachments_dir)
        self.support_local, _, self.domain = config.smtp.addresses[0].rpartition("@")

    def reply_address(self, case: Case) -> str:
        return f"{self.support_local}+{case.token}@{self.domain}"

    def _thread_of(
        self, session: Session, case: Case, context: dict[str, Any]
    ) -> tuple[str | None, list[str]]:
        message_id = context.get("message_id")
        references = list(context.get("references") or [])
        if message_id is None:
            message_id = case_store.last_external_id(session, case.id, "email", passing=("web",))
        if message_id:
            references.append(message_id)
        return message_id, list(dict.fromkeys(references))[-_MAX_REFERENCES:]

    def _parts(
        self, session: Session, case: Case, reply: Reply, *, context: dict[str, Any], message_id: str
    ) -> tuple[list[tuple[str, str]], str, str]:
        """The reply's headers, body and subject, before they become one message (`build_message`);
        nothing is stored."""
        body = render_text(
            reply,
            name=case.reporter_name.split(" ")[0] if case.reporter_name else "",
            team=self.config.outbound.from_name,
        )
        in_reply_to, references = self._thread_of(session, case, context)
        subject = reply_subject(say(case.language, "case_tag", id=case.id), case.subject)
        copies = _copies(case, reply)
        team = self.config.outbound.from_name
        # A staff member's answer says who wrote it, through the support address all the same.
        sender = f"{clean_header_text(reply.author_name, 80)} – {team}" if reply.author_name else team
        headers = [
            ("From", mailbox(sender, self.config.outbound.from_address)),
            ("To", mailbox(case.reporter_name, case.reporter)),
            *([("Cc", ", ".join(copies))] if copies else []),
            ("Reply-To", mailbox(self.config.outbound.from_name, self.reply_address(case))),
            ("Subject", subject),
            ("Date", format_datetime(utcnow())),
            ("Message-ID", message_id),
        ]
        if in_reply_to:
            headers.append(("In-Reply-To", in_reply_to))
        if references:
            headers.append(("References", " ".join(references)))
        headers += [
            ("Auto-Submitted", "auto-replied"),
            ("Content-Language", "nb" if case.language == "nb" else "en"),
            ("X-Casebot-Case", str(case.id)),
        ]
        return headers, body, subject

    def new_message_id(self, case: ReminderTarget) -> str:
        return make_msgid(idstring=f"case{case.id}", domain=self.domain)

    def send(
        self,
        session: Session,
        case: Case,
        reply: Reply,
        *,
        context: dict[str, Any],
        dedupe_key: str | None = None,
    ) -> bool:
        recipient = case.reporter
        if not valid_address(recipient):
            # A Slack user id, or an address no mail can go to: nothing to send, nothing to crash on.
            audit.record(
                session, "reply.skipped", case_id=case.id, reason="no address to reply to", kind=reply.kind
            )
            return False
        message_id = self.new_message_id(case)
        payload: dict[str, Any] = {
            "mail_from": self.config.outbound.from_address,
            "rcpt_to": [recipient, *_copies(case, reply)],
        }
        if self._links(reply.kind):
            # Rendered now, but for its link: the token is made when the mail is sent, so that no copy
            # of it (this outbox row included) stays behind in the store.
            reply = dataclasses.replace(reply, form_link=self._unlinked)
            headers, body, subject = self._parts(session, case, reply, context=context, message_id=message_id)
            payload |= {"render": "linked", "headers": headers, "body": body}
        else:
            headers, body, subject = self._parts(session, case, reply, context=context, message_id=message_id)
            files = read_files(self.attachments_dir, reply.files)
            payload["message"] = build_message_with_files(headers, body, files)
        queued = outbox.enqueue(
            session,
            channel="email",
            kind=reply.kind,
            recipient=recipient,
            case_id=case.id,
            dedupe_key=dedupe_key,
            payload=payload,
        )
        if queued is None:
            return False
        if not reply.author:  # the engine records a staff member's words itself
            self._record(session, case, reply.kind, body, subject, message_id)
        return True

    @property
    def _unlinked(self) -> str:
        """What stands for the form's link until the mail is sent, and in the case's history."""
        return self.config.web.form_url("…")

    def _links(self, kind: str) -> bool:
        """Whether a mail of this kind carries a link to the case's web form (`[web] base_url` set)."""
        return bool(self.config.web.base_url) and kind in _LINKED_KINDS

    def _link(self, session: Session, case_id: int | None) -> str:
        """A new personal link to the case's web form; its token is stored hashed in this transaction."""
        if case_id is None or not self.config.web.base_url:
            return self._unlinked
        return self.config.web.form_url(links.issue_link(session, case_id))

    def _record(
        self, session: Session, case: Case, kind: str, body: str, subject: str, message_id: str
    ) -> None:
        case_store.add_message(
            session,
            case,
            direction="out",
            channel="email",
            sender=self.config.outbound.from_address,
            subject=subject[:500],
            text=body,
            external_id=message_id,
            kind=kind,
        )

    def queue_reminders(self, session: Session, cases: Sequence[ReminderTarget]) -> int:
        """Queue reminders as intent, many in one statement; each is written out when it is sent
        (`render_deferred`), so that a sweep over thousands of cases stays fast."""
        rows = []
        for case in cases:
            if not valid_address(case.reporter) or case.asked_at is None:
                continue
            rows.append(
                {
                    "channel": "email",
                    "kind": "reminder",
                    "recipient": case.reporter,
                    "case_id": case.id,
                    "dedupe_key": reminder_key(case),
                    "payload": {
                        "render": "reminder",
                        "message_id": self.new_message_id(case),
                        "mail_from": self.config.outbound.from_address,
                        "rcpt_to": [case.reporter],
                    },
                }
            )
        return outbox.enqueue_many(session, rows)

    def render_deferred(self, session: Session, item: OutboxItem) -> str:
        """Write out a mail queued as intent now: a reminder (its questions as they are now), or a
        question whose form link is made only now. The outgoing message is recorded once, however
        often delivery is retried; each try makes a link of its own, and every one of them works."""
        case = case_store.get_case(session, item.case_id) if item.case_id is not None else None
        if case is None:
            raise LookupError(f"case {item.case_id} of outbox item {item.id} does not exist")
        payload = item.payload
        if payload.get("render") == "linked":
            body = _replace_last(payload["body"], self._unlinked, self._link(session, case.id))
            return build_message([(str(name), str(value)) for name, value in payload["headers"]], body)
        message_id = payload["message_id"]
        reply = reminder_reply(case)
        if self._links(reply.kind):
            reply = dataclasses.replace(reply, form_link=self._unlinked)
        headers, body, subject = self._parts(session, case, reply, context={}, message_id=message_id)
        if not case_store.has_message(session, message_id):
            self._record(session, case, "reminder", body, subject, message_id)
        if reply.form_link:
            body = _replace_last(body, self._unlinked, self._link(session, case.id))
        return build_message(headers, body)


def _replace_last(text: str, old: str, new: str) -> str:
    """`text` with its last `old` replaced (the link's paragraph comes after anything the customer wrote)."""
    head, found, tail = text.rpartition(old)
    return f"{head}{new}{tail}" if found else text
