"""Telling staff by email, and handing cases to a helpdesk's email intake: outbox rows, ready to send.

Staff notifications (`[staff] notify`) carry what the portal shows of the case, the customer's words,
what is still missing or not known, and every file, with a `Reply-To` of the case's own address
(`support+<token>@…`): a staff member's answer to one comes back to casebot, which sends it on to the
customer (`bot.email.intake`). A customer's later message on an open case is sent on the same way.

The hand-off email (`[handoff] email`) is for a helpdesk's email channel (Zammad, Zendesk, Jira Service
Management, Freshdesk): one clean mail per complete case, subject with the case tag, a field table, the
original files, the customer as `Reply-To`, and a stable Message-ID that later messages refer to, so
the helpdesk threads them onto the same ticket (RFC 5322 §3.6.4).
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from email.utils import format_datetime, make_msgid
from pathlib import Path
from typing import Any

from sqlmodel import Session

from bot.config import Config
from bot.conversation.channels import Said
from bot.conversation.replies import case_summary_lines, grant_alert_text, label_list
from bot.conversation.texts import say
from bot.email.compose import OutgoingFile, build_message_with_files, mailbox, reply_subject
from bot.email.files import read_files
from parsers.addresses import valid_address
from parsers.message import clean_header_text
from store import cases as case_store
from store import outbox
from store.models import Case, utcnow


def case_body(case: Case, lang: str, *, intro: str, missing: Sequence[str], names: list[str]) -> str:
    """A case as staff read it: intro, the portal's fields, the description, what is missing or unknown."""
    rows = case_summary_lines(case, lang, names)
    width = max((len(label) for label, _ in rows), default=0)
    table = "\n".join(f"{label + ':':<{width + 1}} {value}" for label, value in rows)
    parts = [intro, table, f"{say(lang, 'staff_description_label')}:\n{case.description.strip()}"]
    if missing:
        parts.append(say(lang, "staff_missing", labels=label_list(lang, list(missing))))
    if case.unknown:
        parts.append(say(lang, "staff_unknown", labels=label_list(lang, list(case.unknown))))
    return "\n\n".join(parts)


def said_body(case: Case, lang: str, said: Said, *, intro_key: str) -> str:
    who = f"{said.sender_name} <{said.sender}>" if said.sender_name else said.sender
    parts = [say(lang, intro_key, who=who, id=case.id), said.text.strip()]
    if said.files:
        parts.append(f"{say(lang, 'summary_attachments')}: " + ", ".join(f.filename for f in said.files))
    return "\n\n".join(parts)


class EmailStaffNotifier:
    """Tells `[staff] notify` about new and completed cases, customers' later messages, and revocations
    that keep failing; every mail about a case can be answered to reach the customer."""

    def __init__(self, config: Config, attachments_dir: Path | None = None) -> None:
        self.config = config
        self.language = config.staff.language
        self.attachments_dir = attachments_dir or Path(config.store.attachments_dir)
        self.support_local, _, self.domain = config.smtp.addresses[0].rpartition("@")

    def case_address(self, case: Case) -> str:
        """The case's own address: what a staff member's answer is sent to."""
        return f"{self.support_local}+{case.token}@{self.domain}"

    def root_id(self, case: Case) -> str:
        """The Message-ID every staff mail about the case refers to, so mail clients keep one thread."""
        return f"<casebot-case-{case.id}.staff@{self.domain}>"

    def notify(
        self, session: Session, case: Case, *, kind: str, missing: list[str], said: Said | None = None
    ) -> None:
        if not self.config.staff_notify:
            return
        lang = self.language
        if kind == "grant_alert":
            self._grant_alert(session, case)
            return
        assert case.id is not None
        subject_values: dict[str, Any] = {
            "id": case.id,
            "type": say(lang, f"type_{case.type}"),
            "priority": say(lang, f"priority_{case.priority}"),
            "customer": case.customer or say(lang, "unknown_customer"),
            "subject": clean_header_text(case.subject, 200).replace("=?", "= ?"),
        }
        hint = say(lang, "staff_answer_hint", reporter=case.reporter_name or case.reporter)
        if kind == "followup" and said is not None:
            body = said_body(case, lang, said, intro_key="staff_followup_intro")
            files = read_files(self.attachments_dir, said.files)
            subject = say(lang, "staff_followup_subject", **subject_values)
            key = f"staff-email:followup:{case.id}:{_short(said.message_id or '')}"
        elif kind in ("new", "complete"):
            rows = case_store.attachments_of(session, case.id)
            intro = say(lang, "staff_intro" if kind == "complete" else "staff_new_intro")
            body = case_body(case, lang, intro=intro, missing=missing, names=[a.filename for a in rows])
            files = read_files(self.attachments_dir, rows)
            subject = say(
                lang,
                "staff_complete_subject" if kind == "complete" else "staff_new_subject",
                **subject_values,
            )
            key = f"staff-email:{kind}:{case.id}:{case.updated_at.isoformat()}"
        else:
            return
        # References (not In-Reply-To: nothing was answered) keep every mail about the case in one
        # thread in the staff's mail client.
        headers = [
            ("Reply-To", mailbox(self.config.outbound.from_name, self.case_address(case))),
            ("References", self.root_id(case)),
        ]
        self._queue(
            session,
            case,
            kind=f"staff-{kind}",
            subject=subject,
            body=f"{body}\n\n{hint}\n",
            dedupe_key=key,
            extra=headers,
            files=files,
        )

    def _grant_alert(self, session: Session, case: Case) -> None:
        from store.grants import grant_of

        assert case.id is not None
        grant = grant_of(session, case.id)
        since = grant.failing_since.isoformat() if grant and grant.failing_since else "-"
        lang = self.language
        body = grant_alert_text(
            lang, case, grant.failing_since if grant else None, grant.last_error if grant else None
        )
        self._queue(
            session,
            case,
            kind="staff-grant-alert",
            subject=say(lang, "staff_grant_alert_subject", id=case.id),
            body=body + "\n",
            dedupe_key=f"staff-email:grant-alert:{case.id}:{since}",
        )

    def _queue(
        self,
        session: Session,
        case: Case,
        *,
        kind: str,
        subject: str,
        body: str,
        dedupe_key: str,
        extra: Sequence[tuple[str, str]] = (),
        files: Sequence[OutgoingFile] = (),
    ) -> None:
        to = list(self.config.staff_notify)
        text = build_message_with_files(
            [
                ("From", mailbox(self.config.outbound.from_name, self.config.outbound.from_address)),
                ("To", ", ".join(to)),
                ("Subject", subject),
                ("Date", format_datetime(utcnow())),
                ("Message-ID", make_msgid(idstring=f"staff{case.id}", domain=self.domain)),
                *extra,
                ("Auto-Submitted", "auto-generated"),
                ("X-Casebot-Case", str(case.id)),
            ],
            body,
            files,
        )
        outbox.enqueue(
            session,
            channel="email",
            kind=kind,
            recipient=to[0],
            case_id=case.id,
            dedupe_key=dedupe_key,
            payload={"mail_from": self.config.outbound.from_address, "rcpt_to": to, "message": text},
        )

    def unplaced(self, session: Session, *, to: str, subject: str, message_id: str) -> None:
        """Tell a staff member that their mail answered no case it could name, so it went to no one
        (once per message of theirs)."""
        lang = self.language
        headers = [
            ("From", mailbox(self.config.outbound.from_name, self.config.outbound.from_address)),
            ("To", to),
            ("Subject", say(lang, "staff_unplaced_subject", subject=clean_header_text(subject, 200))),
            ("Date", format_datetime(utcnow())),
            ("Message-ID", make_msgid(idstring="unplaced", domain=self.domain)),
            *([("In-Reply-To", message_id), ("References", message_id)] if message_id else []),
            ("Auto-Submitted", "auto-replied"),
        ]
        outbox.enqueue(
            session,
            channel="email",
            kind="staff-unplaced",
            recipient=to,
            dedupe_key=f"staff-unplaced:{_short(message_id or to + subject)}",
            payload={
                "mail_from": self.config.outbound.from_address,
                "rcpt_to": [to],
                "message": build_message_with_files(headers, say(lang, "staff_unplaced") + "\n", ()),
            },
        )


class HandoffEmailNotifier:
    """Forwards each complete case once to `[handoff] email`, and the customer's later messages after it,
    threaded on the case's stable Message-ID."""

    def __init__(self, config: Config, attachments_dir: Path | None = None) -> None:
        self.config = config
        self.language = config.staff.language
        self.attachments_dir = attachments_dir or Path(config.store.attachments_dir)
        self.domain = config.outbound.from_address.rpartition("@")[2]

    def ticket_id(self, case: Case) -> str:
        """The case's stable Message-ID in the helpdesk: its first mail has it, later ones refer to it."""
        return f"<casebot-case-{case.id}@{self.domain}>"

    def notify(
        self, session: Session, case: Case, *, kind: str, missing: list[str], said: Said | None = None
    ) -> None:
        to = self.config.handoff.email
        if not to or case.id is None:
            return
        lang = self.language
        tag = say(lang, "case_tag", id=case.id)
        if kind == "complete":
            rows = case_store.attachments_of(session, case.id)
            intro = say(lang, "handoff_intro", id=case.id, reporter=case.reporter_name or case.reporter)
            body = case_body(case, lang, intro=intro, missing=(), names=[a.filename for a in rows])
            files = read_files(self.attachments_dir, rows)
            subject = reply_subject(tag, case.subject)
            message_id = self.ticket_id(case)
            threading: list[tuple[str, str]] = []
            key = f"handoff-email:{case.id}"
        elif kind == "followup" and said is not None:
            body = said_body(case, lang, said, intro_key="handoff_followup_intro")
            files = read_files(self.attachments_dir, said.files)
            subject = "Re: " + reply_subject(tag, case.subject)
            message_id = make_msgid(idstring=f"case{case.id}", domain=self.domain)
            threading = [("In-Reply-To", self.ticket_id(case)), ("References", self.ticket_id(case))]
            key = f"handoff-email:followup:{case.id}:{_short(said.message_id or '')}"
        else:
            return
        reply_to = (
            [("Reply-To", mailbox(case.reporter_name, case.reporter))] if valid_address(case.reporter) else []
        )
        text = build_message_with_files(
            [
                ("From", mailbox(self.config.outbound.from_name, self.config.outbound.from_address)),
                ("To", to),
                *reply_to,
                ("Subject", subject),
                ("Date", format_datetime(utcnow())),
                ("Message-ID", message_id),
                *threading,
                ("Auto-Submitted", "auto-generated"),
                ("X-Casebot-Case", str(case.id)),
            ],
            body + "\n",
            files,
        )
        outbox.enqueue(
            session,
            channel="email",
            kind="handoff-email",
            recipient=to,
            case_id=case.id,
            dedupe_key=key,
            payload={"mail_from": self.config.outbound.from_address, "rcpt_to": [to], "message": text},
        )


def _short(value: str) -> str:
    """A dedupe key's part for an id of any length (a Message-ID may be long)."""
    return hashlib.sha256(value.encode()).hexdigest()[:32]
