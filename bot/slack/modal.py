"""The portal's «Registrer sak» form as a Slack modal, and reading a submitted one back.

`case_form` builds the view (in the user's language); `read_form` turns the submitted state into what
the engine takes (`Fields`, subject, description) or into per-block errors that Slack shows inside the
modal, with the checks the web form uses too (`bot.conversation.form`). Both are pure.
"""

from __future__ import annotations

import dataclasses
import json
from datetime import date
from typing import Any

from bot.conversation.form import MAX_FILES, FormAnswer
from bot.conversation.form import read_form as read_answers
from bot.conversation.texts import say
from bot.slack.blocks import Block
from parsers.fields import CASE_TYPES, PLATFORMS, PRIORITIES, SCOPES

__all__ = ["CALLBACK_ID", "FormAnswer", "case_form", "form_language", "read_form"]

CALLBACK_ID = "casebot_case_form"


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
            say(lang, "form_description"),
            _text(multiline=True, max_length=3000),
            optional=False,
            hint=say(lang, "form_description_hint"),
        ),
        _input(
            "priority",
            say(lang, "summary_priority"),
            _select(lang, "priority_", PRIORITIES, "normal"),
            optional=False,
        ),
        _input("handler", say(lang, "summary_handler"), _text(), optional=True),
        {"type": "header", "text": _plain(say(lang, "form_login_title"))},
        {"type": "section", "text": {"type": "mrkdwn", "text": say(lang, "form_login_help")}},
        _input("login", say(lang, "form_login_label"), _yes_no(lang), optional=True),
        {"type": "header", "text": _plain(say(lang, "form_personal_title"))},
        {"type": "section", "text": {"type": "mrkdwn", "text": say(lang, "form_personal_help")}},
        _input("personal", say(lang, "form_personal_label"), _yes_no(lang), optional=True),
        {"type": "header", "text": _plain(say(lang, "form_problem_title"))},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": say(lang, "form_problem_help")}]},
        _input("browser", say(lang, "summary_browser"), _text(max_length=100), optional=True),
        _input(
            "app_platform",
            say(lang, "form_app_platform"),
            _select(lang, "platform_", PLATFORMS),
            optional=True,
        ),
        _input(
            "app_version",
            say(lang, "form_app_version"),
            _text(max_length=40),
            optional=True,
            hint=say(lang, "form_app_version_hint"),
        ),
        _input("scope", say(lang, "summary_scope"), _select(lang, "scope_", SCOPES), optional=True),
        _input(
            "affected_users",
            say(lang, "summary_users"),
            _text(max_length=500),
            optional=True,
            hint=say(lang, "form_users_hint"),
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
            hint=say(lang, "form_files_hint"),
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


def form_language(view: dict[str, Any]) -> str:
    """The language the modal was opened in (kept in its private_metadata)."""
    try:
        meta = json.loads(view.get("private_metadata") or "{}")
    except ValueError:
        meta = {}
    return "nb" if meta.get("lang") == "nb" else "en"


#: The modal's block ids that are not the case field's own name (the form's values are keyed by field).
_FIELD_OF_BLOCK = {
    "handler": "requested_handler",
    "login": "login_allowed",
    "personal": "personal_data",
    "files": "attachments",
}
_BLOCK_OF_FIELD = {name: block for block, name in _FIELD_OF_BLOCK.items()}


def _submitted(value: dict[str, Any]) -> str:
    """What one input holds, as the text the shared form reader takes: a choice's value, the typed
    text, or the picked date."""
    option = value.get("selected_option")
    if isinstance(option, dict) and option.get("value"):
        return str(option["value"])
    if value.get("selected_date"):
        return str(value["selected_date"])
    text = value.get("value")
    return text if isinstance(text, str) else ""


def read_form(view: dict[str, Any], *, today: date | None) -> FormAnswer:
    """The modal's answers as case fields, or per-block errors for Slack to show inside the modal.

    The checks are `bot.conversation.form.read_form`'s, the same as the web form's; `today` bounds the
    observed date (None skips that check). The listener reads a form once, when it is submitted; the
    inbox keeps `FormAnswer.as_record()`, so the worker never reads it again.
    """
    lang = form_language(view)
    state = view.get("state", {}).get("values", {})
    values: dict[str, str] = {}
    files = 0
    for block, actions in state.items():
        if not isinstance(actions, dict):
            continue
        value = actions.get("value", {})
        if block == "files":
            files = sum(1 for f in value.get("files") or () if isinstance(f, dict))
            continue
        values[_FIELD_OF_BLOCK.get(block, block)] = _submitted(value)
    answer = read_answers(values, language=lang, today=today, files=files, max_files=MAX_FILES)
    if answer.errors:
        errors = {_BLOCK_OF_FIELD.get(name, name): text for name, text in answer.errors.items()}
        return dataclasses.replace(answer, errors=errors)
    return answer
