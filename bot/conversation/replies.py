"""What casebot says, as structure: the engine builds a `Reply`, each channel renders it its way.

Email renders it as plain text; Slack as blocks, with buttons for yes/no questions. The words come
from `bot.conversation.texts`, so both channels say the same thing in the same language.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any, Protocol

from bot.conversation.texts import say, texts_for


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
    STAFF_REPLY = "staff-reply"  # a staff member's own words, relayed

    @classmethod
    def closed(cls, reason: str) -> ReplyKind:
        """The kind of the message that tells the customer why their case closed."""
        return {"customer": cls.CLOSED_CUSTOMER, "abandoned": cls.CLOSED_ABANDONED}.get(
            reason, cls.CLOSED_AUTOMATIC if reason == "automatic" else cls.CLOSED_STAFF
        )


#: Every kind casebot itself says to a customer: what the per-sender reply limit counts (a staff
#: member's answer is not casebot talking, and is never held back).
CUSTOMER_KINDS: tuple[str, ...] = tuple(kind.value for kind in ReplyKind if kind is not ReplyKind.STAFF_REPLY)


@dataclass(frozen=True)
class ReplyFile:
    """A stored file that goes with a message (by its SHA-256 in the attachments folder)."""

    filename: str
    content_type: str
    sha256: str


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
    #: Others who get the same message besides the reporter (participants, for a confirmation).
    copy_to: tuple[str, ...] = ()
    #: Who wrote it, when not casebot: a staff member (address or Slack id) and their name. The
    #: engine records a staff member's words itself, so a channel does not record them again.
    author: str = ""
    author_name: str = ""
    files: tuple[ReplyFile, ...] = ()


def render_text(reply: Reply, *, name: str, team: str) -> str:
    """The reply as plain text, the way an email carries it."""
    lang = reply.language
    if reply.kind is ReplyKind.STAFF_REPLY:
        # Staff greet in their own words; casebot only says who wrote and what came with it.
        parts = list(reply.paragraphs)
        if reply.files:
            names = ", ".join(f.filename for f in reply.files)
            parts.append(f"{say(lang, 'summary_attachments')}: {names}")
        parts.append(say(lang, "staff_reply_signoff", name=reply.author_name or team, team=team))
        return "\n\n".join(parts) + "\n"
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


#: The summary's label of each field, in the portal form's order.
FIELD_LABELS: dict[str, str] = {
    "type": "summary_type",
    "subject": "summary_subject",
    "priority": "summary_priority",
    "customer": "summary_customer",
    "instance": "summary_instance",
    "reporter": "summary_reporter",
    "requested_handler": "summary_handler",
    "login_allowed": "summary_login",
    "personal_data": "summary_personal",
    "browser": "summary_browser",
    "app_platform": "summary_app",
    "app_version": "summary_app",
    "in_app": "summary_app",
    "scope": "summary_scope",
    "affected_users": "summary_users",
    "module": "summary_module",
    "record_id": "summary_record",
    "observed_on": "summary_observed",
    "recurring": "summary_recurring",
}


def module_name(lang: str, key: str) -> str:
    """A module as people call it in `lang` ("deviations" -> "Avvik"); a module of the operator's own
    `[[modules]]` that the texts do not name is shown by its key."""
    texts = texts_for(lang)
    return texts.get(f"module_{key}", key)


def field_value(case: CaseLike, lang: str, name: str) -> str | None:
    """A field of the case as the portal shows it, in `lang`; None when it has no value."""
    if name in ("app_platform", "app_version"):
        if not case.app_platform and not case.app_version:
            return None
        platform = {"ios": "iOS", "android": "Android"}.get(case.app_platform or "", case.app_platform or "")
        return " ".join(part for part in (platform, case.app_version or "") if part)
    value: Any = getattr(case, name, None)
    if name == "in_app":
        return say(lang, "in_app") if value and not case.app_platform and not case.app_version else None
    if value is None or value == "" or value == []:
        return None
    if name == "type":
        return say(lang, f"type_{value}")
    if name == "priority":
        return say(lang, f"priority_{value}")
    if name == "scope":
        return say(lang, f"scope_{value}")
    if name == "module":
        return module_name(lang, str(value))
    if name in ("login_allowed", "personal_data"):
        return _yes_no(lang, value)
    if name == "recurring":
        return say(lang, "recurring_true" if value else "recurring_false")
    if name == "affected_users":
        return ", ".join(value)
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def field_lines(case: CaseLike, lang: str, names: list[str]) -> tuple[tuple[str, str], ...]:
    """(label, value) of each named field that has a value; the app's platform and version once."""
    out: list[tuple[str, str]] = []
    seen: set[str] = set()
    for name in names:
        label = FIELD_LABELS.get(name)
        value = field_value(case, lang, name)
        if label is None or value is None or label in seen:
            continue
        seen.add(label)
        out.append((say(lang, label), value))
    return tuple(out)


def label_list(lang: str, names: list[str], *, in_app: bool = False) -> str:
    """The portal labels of fields, lowercased, joined for a sentence. `browser` stands for where the
    problem happens: for a case in the app (`in_app`) that is the app's version, and it is named so."""
    keys = [
        "form_app_version" if in_app and n == "browser" else FIELD_LABELS.get(n, "summary_subject")
        for n in names
    ]
    labels = list(dict.fromkeys(say(lang, key).lower() for key in keys))
    return ", ".join(labels)


def case_summary_lines(
    case: CaseLike, lang: str, attachments: list[str] | None = None
) -> tuple[tuple[str, str], ...]:
    """The portal receipt: each known field with its label, in the form's order."""
    rows = field_lines(case, lang, list(FIELD_LABELS))
    if attachments:
        rows += ((say(lang, "summary_attachments"), ", ".join(attachments)),)
    return rows


def reminder_reply(case: Any) -> Reply:
    """The reminder for a silent draft: what it is about and, again, what is still missing (in the words
    it was last asked)."""
    from bot.conversation.questions import next_questions
    from bot.conversation.requirements import missing_fields

    lang = case.language
    asked = [q for q in next_questions(case, missing_fields(case), lang)]
    return Reply(
        kind=ReplyKind.REMINDER,
        language=lang,
        paragraphs=(say(lang, "reminder", id=case.id, subject=case.subject),),
        questions=tuple((q.field, q.text) for q in asked),
    )


def grant_alert_text(
    lang: str, case: CaseLike, failing_since: datetime | None, last_error: str | None
) -> str:
    """The staff alert for a revocation that keeps failing (`staff_grant_alert`), for every channel."""
    return say(
        lang,
        "staff_grant_alert",
        id=case.id,
        customer=case.customer or say(lang, "unknown_customer"),
        instance=case.instance or "-",
        since=failing_since.isoformat() if failing_since else "-",
        error=last_error or "-",
    )
