"""What casebot says, as structure: the engine builds a `Reply`, each channel renders it its way.

Email renders it as plain text; Slack as blocks, with buttons for yes/no questions. The words come
from `bot.conversation.texts`, so both channels say the same thing in the same language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Any, Protocol

from bot.conversation.texts import say


class ReplyKind(StrEnum):
    """What a message to a customer is; the outbox keeps it, and the reply rate limit counts these."""

    QUESTION = "question"
    CONFIRMATION = "confirmation"
    NOTED = "noted"
    WITHDRAWN = "withdrawn"
    REMINDER = "reminder"
    CLOSED_CUSTOMER = "closed-customer"
    CLOSED_ABANDONED = "closed-abandoned"
    CLOSED_STAFF = "closed-staff"
    CLOSED_AUTOMATIC = "closed-automatic"

    @classmethod
    def closed(cls, reason: str) -> ReplyKind:
        """The kind of the message that tells the customer why their case closed."""
        return {"customer": cls.CLOSED_CUSTOMER, "abandoned": cls.CLOSED_ABANDONED}.get(
            reason, cls.CLOSED_AUTOMATIC if reason == "automatic" else cls.CLOSED_STAFF
        )


#: Every kind that goes to a customer: what the per-sender reply limit counts.
CUSTOMER_KINDS: tuple[str, ...] = tuple(kind.value for kind in ReplyKind)


@dataclass(frozen=True)
class Reply:
    """One message to a customer."""

    kind: ReplyKind
    language: str
    paragraphs: tuple[str, ...] = ()
    questions: tuple[tuple[str, str], ...] = ()  # (field name, question text), numbered from 1
    form_link: str = ""  # the case's web form, offered right after the questions (email, `[web] base_url`)
    tip: str = ""
    summary: tuple[tuple[str, str], ...] = ()  # (label, value)
    closing: tuple[str, ...] = ()


def render_text(reply: Reply, *, name: str, team: str) -> str:
    """The reply as plain text, the way an email carries it."""
    lang = reply.language
    parts = [say(lang, "greeting", name=name) if name else say(lang, "greeting_anonymous")]
    parts.extend(reply.paragraphs)
    if reply.questions:
        parts.append("\n".join(f"{i}. {text}" for i, (_, text) in enumerate(reply.questions, start=1)))
    if reply.form_link:
        parts.append(say(lang, "form_link", url=reply.form_link))
    if reply.summary:
        width = max(len(label) for label, _ in reply.summary)
        parts.append("\n".join(f"{label + ':':<{width + 1}} {value}" for label, value in reply.summary))
    if reply.tip:
        parts.append(reply.tip)
    parts.extend(reply.closing)
    parts.append(say(lang, "signoff", team=team))
    return "\n\n".join(parts) + "\n"


class CaseLike(Protocol):
    id: int | None
    type: str
    subject: str
    priority: str
    customer: str | None
    instance: str | None
    reporter: str
    requested_handler: str | None
    login_allowed: bool | None
    personal_data: bool | None
    browser: str | None
    app_platform: str | None
    app_version: str | None
    scope: str | None
    affected_users: list[str]
    module: str | None
    record_id: str | None
    observed_on: date | None
    recurring: bool | None


def _yes_no(lang: str, value: bool | None) -> str | None:
    if value is None:
        return None
    return say(lang, "yes" if value else "no")


def case_summary_lines(
    case: CaseLike, lang: str, attachments: list[str] | None = None
) -> tuple[tuple[str, str], ...]:
    """The portal receipt: each known field with its label, in the form's order."""
    app = None
    if case.app_platform:
        app = {"ios": "iOS", "android": "Android"}.get(case.app_platform, case.app_platform)
        if case.app_version:
            app += f" {case.app_version}"
    rows: list[tuple[str, Any]] = [
        ("summary_type", say(lang, f"type_{case.type}")),
        ("summary_subject", case.subject),
        ("summary_priority", say(lang, f"priority_{case.priority}")),
        ("summary_customer", case.customer),
        ("summary_instance", case.instance),
        ("summary_reporter", case.reporter),
        ("summary_handler", case.requested_handler),
        ("summary_login", _yes_no(lang, case.login_allowed)),
        ("summary_personal", _yes_no(lang, case.personal_data)),
        ("summary_browser", case.browser),
        ("summary_app", app),
        ("summary_scope", say(lang, f"scope_{case.scope}") if case.scope else None),
        ("summary_users", ", ".join(case.affected_users) if case.affected_users else None),
        ("summary_module", case.module),
        ("summary_record", case.record_id),
        ("summary_observed", case.observed_on.isoformat() if case.observed_on else None),
        (
            "summary_recurring",
            None
            if case.recurring is None
            else say(lang, "recurring_true" if case.recurring else "recurring_false"),
        ),
        ("summary_attachments", ", ".join(attachments) if attachments else None),
    ]
    return tuple((say(lang, key), str(value)) for key, value in rows if value not in (None, ""))


def reminder_reply(case: Any) -> Reply:
    """The reminder for a silent draft: what it is about and, again, what is still missing."""
    from bot.conversation.requirements import missing_fields

    lang = case.language
    return Reply(
        kind=ReplyKind.REMINDER,
        language=lang,
        paragraphs=(say(lang, "reminder", id=case.id, subject=case.subject),),
        questions=questions_for(missing_fields(case), lang, case),
        tip=say(lang, "questions_tip"),
    )


def questions_for(missing: list[str], lang: str, case: CaseLike) -> tuple[tuple[str, str], ...]:
    """One numbered question per missing field, in the customer's language."""
    out = []
    for name in missing:
        key = f"q_{name}"
        if name == "browser" and case.app_platform and not case.app_version:
            key, name = "q_app_version", "app_version"
        out.append((name, say(lang, key)))
    return tuple(out)
