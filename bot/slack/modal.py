"""The portal's «Registrer sak» form as a Slack modal, and reading a submitted one back.

`case_form` builds the view (in the user's language); `read_form` turns the submitted state into what
the engine takes (`Fields`, subject, description, files) or into per-block errors that Slack shows
inside the modal. Both are pure.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from datetime import date
from typing import Any, cast

from bot.conversation.texts import say
from bot.slack.blocks import Block
from parsers.fields import CASE_TYPES, PLATFORMS, PRIORITIES, SCOPES, Fields

CALLBACK_ID = "casebot_case_form"
MAX_FILES = 5
_VERSION = re.compile(r"^\d{1,3}(?:\.\d{1,4}){0,3}$")


def _plain(text: str) -> dict[str, Any]:
    return {"type": "plain_text", "text": text[:150], "emoji": True}


def _option(text: str, value: str) -> dict[str, Any]:
    return {"text": _plain(text[:75]), "value": value}


def _input(block_id: str, label: str, element: dict[str, Any], *, optional: bool, hint: str = "") -> Block:
    block: Block = {
        "type": "input",
        "block_id": block_id,
        "label": _plain(label),
        "element": {"action_id": "value", **element},
        "optional": optional,
    }
    if hint:
        block["hint"] = _plain(hint)
    return block


def _select(lang: str, prefix: str, values: tuple[str, ...], initial: str | None = None) -> dict[str, Any]:
    options = [_option(say(lang, f"{prefix}{v}"), v) for v in values]
    element: dict[str, Any] = {"type": "static_select", "options": options}
    if initial is not None:
        element["initial_option"] = options[values.index(initial)]
    return element


def _yes_no(lang: str, yes: str = "yes", no: str = "no") -> dict[str, Any]:
    return {
        "type": "radio_buttons",
        "options": [_option(say(lang, yes), "yes"), _option(say(lang, no), "no")],
    }


def _text(*, multiline: bool = False, max_length: int = 200) -> dict[str, Any]:
    return {"type": "plain_text_input", "multiline": multiline, "max_length": max_length}


def case_form(lang: str, *, channel: str = "", subject: str = "") -> dict[str, Any]:
    """The modal view: the portal form's fields in its order, problem details last."""
    subject_input = _text(max_length=500)
    if subject:
        subject_input["initial_value"] = subject[:500]
    blocks: list[Block] = [
        _input(
            "type", say(lang, "summary_type"), _select(lang, "type_", CASE_TYPES, "support"), optional=False
        ),
        _input("subject", say(lang, "summary_subject"), subject_input, optional=False),
        _input(
            "description",
            say(lang, "slack_modal_description"),
            _text(multiline=True, max_length=3000),
            optional=False,
            hint=say(lang, "slack_modal_description_hint"),
        ),
        _input(
            "priority",
            say(lang, "summary_priority"),
            _select(lang, "priority_", PRIORITIES, "normal"),
            optional=False,
        ),
        _input("handler", say(lang, "summary_handler"), _text(), optional=True),
        {"type": "header", "text": _plain(say(lang, "slack_modal_login_title"))},
        {"type": "section", "text": {"type": "mrkdwn", "text": say(lang, "slack_modal_login_help")}},
        _input("login", say(lang, "slack_modal_login_label"), _yes_no(lang), optional=True),
        {"type": "header", "text": _plain(say(lang, "slack_modal_personal_title"))},
        {"type": "section", "text": {"type": "mrkdwn", "text": say(lang, "slack_modal_personal_help")}},
        _input("personal", say(lang, "slack_modal_personal_label"), _yes_no(lang), optional=True),
        {"type": "header", "text": _plain(say(lang, "slack_modal_problem_title"))},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": say(lang, "slack_modal_problem_help")}]},
        _input("browser", say(lang, "summary_browser"), _text(max_length=100), optional=True),
        _input(
            "app_platform",
            say(lang, "slack_modal_app_platform"),
            _select(lang, "slack_platform_", PLATFORMS),
            optional=True,
        ),
        _input(
            "app_version",
            say(lang, "slack_modal_app_version"),
            _text(max_length=40),
            optional=True,
            hint=say(lang, "slack_modal_app_version_hint"),
        ),
        _input("scope", say(lang, "summary_scope"), _select(lang, "scope_", SCOPES), optional=True),
        _input(
            "affected_users",
            say(lang, "summary_users"),
            _text(max_length=500),
            optional=True,
            hint=say(lang, "slack_modal_users_hint"),
        ),
        _input("module", say(lang, "summary_module"), _text(max_length=100), optional=True),
        _input("record_id", say(lang, "summary_record"), _text(max_length=100), optional=True),
        _input("observed_on", say(lang, "summary_observed"), {"type": "datepicker"}, optional=True),
        _input(
            "recurring",
            say(lang, "summary_recurring"),
            _yes_no(lang, "recurring_true", "recurring_false"),
            optional=True,
        ),
        _input(
            "files",
            say(lang, "summary_attachments"),
            {"type": "file_input", "max_files": MAX_FILES},
            optional=True,
            hint=say(lang, "slack_modal_files_hint"),
        ),
    ]
    return {
        "type": "modal",
        "callback_id": CALLBACK_ID,
        "title": _plain(say(lang, "slack_modal_title")),
        "submit": _plain(say(lang, "slack_modal_submit")),
        "close": _plain(say(lang, "slack_button_cancel")),
        "private_metadata": json.dumps({"lang": lang, "channel": channel}),
        "blocks": blocks,
    }


@dataclass(frozen=True)
class FormAnswer:
    """A submitted modal: what the form states, or the errors to show in it."""

    language: str
    subject: str = ""
    description: str = ""
    fields: Fields = field(default_factory=Fields)
    files: tuple[dict[str, Any], ...] = ()
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
        """The answer `as_record` stored (files are fetched from the stored Slack payload)."""
        return cls(
            language=str(record["language"]),
            subject=str(record["subject"]),
            description=str(record["description"]),
            fields=Fields.from_json(record["fields"]),
        )


def form_language(view: dict[str, Any]) -> str:
    """The language the modal was opened in (kept in its private_metadata)."""
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        meta = {}
    return "nb" if meta.get("lang") == "nb" else "en"


def _values(view: dict[str, Any]) -> dict[str, dict[str, Any]]:
    state = view.get("state", {}).get("values", {})
    return {block: actions.get("value", {}) for block, actions in state.items() if isinstance(actions, dict)}


def _chosen(value: dict[str, Any]) -> str | None:
    option = value.get("selected_option")
    return str(option["value"]) if isinstance(option, dict) and option.get("value") else None


def _typed(value: dict[str, Any]) -> str | None:
    text = value.get("value")
    return text.strip() or None if isinstance(text, str) else None


def _bool(value: dict[str, Any]) -> bool | None:
    chosen = _chosen(value)
    return None if chosen is None else chosen == "yes"


def read_form(view: dict[str, Any], *, today: date | None) -> FormAnswer:
    """The form's answers as case fields; a value the form does not offer is an error, never a guess.

    `today` bounds the observed date (None skips that check). The listener reads a form once, when it is
    submitted; the inbox keeps `FormAnswer.as_record()`, so the worker never reads it again.
    """
    lang = form_language(view)
    values = _values(view)

    def get(name: str) -> dict[str, Any]:
        return values.get(name, {})

    errors: dict[str, str] = {}
    subject = _typed(get("subject")) or ""
    description = _typed(get("description")) or ""
    if not subject:
        errors["subject"] = say(lang, "slack_error_subject")
    if not description:
        errors["description"] = say(lang, "slack_error_description")
    case_type = _chosen(get("type")) or "support"
    priority = _chosen(get("priority")) or "normal"
    platform = _chosen(get("app_platform"))
    scope = _chosen(get("scope"))
    if case_type not in CASE_TYPES:
        errors["type"] = say(lang, "slack_error_choice")
    if priority not in PRIORITIES:
        errors["priority"] = say(lang, "slack_error_choice")
    if platform is not None and platform not in PLATFORMS:
        errors["app_platform"] = say(lang, "slack_error_choice")
    if scope is not None and scope not in SCOPES:
        errors["scope"] = say(lang, "slack_error_choice")
    app_version = _typed(get("app_version"))
    if app_version and not _VERSION.match(app_version.lstrip("vV")):
        errors["app_version"] = say(lang, "slack_error_app_version")
    observed: date | None = None
    picked = get("observed_on").get("selected_date")
    if picked:
        try:
            observed = date.fromisoformat(str(picked))
        except ValueError:
            errors["observed_on"] = say(lang, "slack_error_date")
        else:
            if today is not None and observed > today:
                errors["observed_on"] = say(lang, "slack_error_future_date")
    files = tuple(f for f in get("files").get("files") or () if isinstance(f, dict))
    if len(files) > MAX_FILES:
        errors["files"] = say(lang, "slack_error_files", limit=MAX_FILES)
    if errors:
        return FormAnswer(language=lang, errors=errors)
    users = tuple(u for u in re.split(r"[,;\s]+", _typed(get("affected_users")) or "") if u)
    fields = Fields(
        type=cast(Any, case_type),
        priority=cast(Any, priority),
        requested_handler=_typed(get("handler")),
        login_allowed=_bool(get("login")),
        personal_data=_bool(get("personal")),
        browser=_typed(get("browser")),
        app_platform=cast(Any, platform),
        app_version=app_version.lstrip("vV") if app_version else None,
        scope=cast(Any, scope),
        affected_users=users,
        module=_typed(get("module")),
        record_id=_typed(get("record_id")),
        observed_on=observed,
        recurring=_bool(get("recurring")),
        language=cast(Any, lang),
    )
    return FormAnswer(language=lang, subject=subject, description=description, fields=fields, files=files)
