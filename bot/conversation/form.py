"""The portal form's answers, read and checked once for every channel that shows the form.

The Slack modal and the web form (`/c/<token>`) each turn what was submitted into plain text values
keyed by the case's field names (`type`, `subject`, `login_allowed`, `observed_on`, …; yes/no fields
as `yes`/`no`, the date as `YYYY-MM-DD`, choices as their values) and call `read_form`. It returns the
case fields the engine takes, or the error to show beside each field. Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from bot.conversation.texts import say
from parsers.fields import CASE_TYPES, PLATFORMS, PRIORITIES, SCOPES, Fields

#: The portal form takes five files per case.
MAX_FILES = 5

#: The longest text each input takes: the case table's column sizes (`store.models.Case`). The
#: description is the customer's own text; the bound keeps one form post from growing it without end.
MAX_LENGTH: dict[str, int] = {
    "subject": 500,
    "description": 20_000,
    "requested_handler": 200,
    "browser": 100,
    "app_version": 40,
    "affected_users": 1000,
    "module": 100,
    "record_id": 100,
}

_VERSION = re.compile(r"^\d{1,3}(?:\.\d{1,4}){0,3}$")
_USERS = re.compile(r"[,;\s]+")


@dataclass(frozen=True)
class FormAnswer:
    """A submitted form: what it states, or the errors to show in it (by field name)."""

    language: str
    subject: str = ""
    description: str = ""
    fields: Fields = field(default_factory=Fields)
    errors: dict[str, str] = field(default_factory=dict)

    def as_record(self) -> dict[str, Any]:
        """A valid answer as the JSON the inbox keeps, so that the worker does not read the form again."""
        return {
            "language": self.language,
            "subject": self.subject,
            "description": self.description,
            "fields": self.fields.as_json(),
        }

    @classmethod
    def from_record(cls, record: dict[str, Any]) -> FormAnswer:
        """The answer `as_record` stored."""
        return cls(
            language=str(record["language"]),
            subject=str(record["subject"]),
            description=str(record["description"]),
            fields=Fields.from_json(record["fields"]),
        )


def _text(values: Mapping[str, str], name: str) -> str | None:
    return (values.get(name) or "").strip() or None


def read_form(
    values: Mapping[str, str],
    *,
    language: str,
    today: date | None,
    files: int = 0,
    max_files: int = MAX_FILES,
) -> FormAnswer:
    """The form's answers as case fields; a value the form does not offer is an error, never a guess.

    `values` maps field names to what was submitted (missing or blank: not answered). `today` bounds
    the observed date (None skips that check). `files` is how many files the case would hold with
    this submission's; more than `max_files` is an error on `attachments`. Type and priority fall back
    to the portal's defaults when not given; every other unanswered field stays unstated.
    """
    lang = "nb" if language == "nb" else "en"
    errors: dict[str, str] = {}
    for name, limit in MAX_LENGTH.items():
        if len(values.get(name) or "") > limit:
            errors[name] = say(lang, "form_error_too_long", limit=limit)
    subject = _text(values, "subject") or ""
    description = _text(values, "description") or ""
    if not subject:
        errors["subject"] = say(lang, "form_error_subject")
    if not description:
        errors["description"] = say(lang, "form_error_description")
    case_type = _text(values, "type") or "support"
    priority = _text(values, "priority") or "normal"
    platform = _text(values, "app_platform")
    scope = _text(values, "scope")
    choices: dict[str, tuple[str | None, tuple[str, ...]]] = {
        "type": (case_type, CASE_TYPES),
        "priority": (priority, PRIORITIES),
        "app_platform": (platform, PLATFORMS),
        "scope": (scope, SCOPES),
    }
    answers: dict[str, bool | None] = {}
    for name in ("login_allowed", "personal_data", "recurring"):
        chosen = _text(values, name)
        choices[name] = (chosen, ("yes", "no"))
        answers[name] = None if chosen is None else chosen == "yes"
    for name, (chosen, offered) in choices.items():
        if chosen is not None and chosen not in offered:
            errors[name] = say(lang, "form_error_choice")
    app_version = _text(values, "app_version")
    if app_version and not _VERSION.match(app_version.lstrip("vV")):
        errors.setdefault("app_version", say(lang, "form_error_app_version"))
    observed: date | None = None
    picked = _text(values, "observed_on")
    if picked:
        try:
            observed = date.fromisoformat(picked)
        except ValueError:
            errors["observed_on"] = say(lang, "form_error_date")
        else:
            if today is not None and observed > today:
                errors["observed_on"] = say(lang, "form_error_future_date")
    if files > max_files:
        errors["attachments"] = say(lang, "form_error_files", limit=max_files)
    if errors:
        return FormAnswer(language=lang, errors=errors)
    fields = Fields(
        type=cast(Any, case_type),
        priority=cast(Any, priority),
        requested_handler=_text(values, "requested_handler"),
        login_allowed=answers["login_allowed"],
        personal_data=answers["personal_data"],
        browser=_text(values, "browser"),
        app_platform=cast(Any, platform),
        app_version=app_version.lstrip("vV") if app_version else None,
        scope=cast(Any, scope),
        affected_users=tuple(u for u in _USERS.split(_text(values, "affected_users") or "") if u),
        module=_text(values, "module"),
        record_id=_text(values, "record_id"),
        observed_on=observed,
        recurring=answers["recurring"],
        language=cast(Any, lang),
    )
    return FormAnswer(language=lang, subject=subject, description=description, fields=fields)
