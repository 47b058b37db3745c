"""The portal form's answers, read once for the Slack modal and the web form: values, and errors."""

from __future__ import annotations

from datetime import date

import pytest

from bot.conversation.form import MAX_LENGTH, FormAnswer, read_form

TODAY = date(2026, 11, 30)
VALID = {
    "type": "bug",
    "subject": "Avvik lagres ikke",
    "description": "Feilmelding ved lagring.",
    "priority": "high",
    "requested_handler": "Martin",
    "browser": "Chrome 131",
    "app_platform": "ios",
    "app_version": "v5.12.3",
    "scope": "several",
    "affected_users": "kari, ola;per  lise",
    "module": "deviations",
    "record_id": "AV-1042",
    "observed_on": "2026-11-29",
    "recurring": "no",
    "login_allowed": "yes",
    "personal_data": "no",
}


def test_a_complete_form_becomes_the_case_fields_it_states() -> None:
    """Every input becomes its field: choices by value, yes/no as booleans, users split, the date read."""
    answer = read_form(VALID, language="nb", today=TODAY, files=2)
    assert answer.errors == {} and answer.subject == "Avvik lagres ikke"
    fields = answer.fields
    assert (fields.type, fields.priority, fields.scope, fields.app_platform) == (
        "bug",
        "high",
        "several",
        "ios",
    )
    assert (fields.login_allowed, fields.personal_data, fields.recurring) == (True, False, False)
    assert fields.app_version == "5.12.3" and fields.observed_on == date(2026, 11, 29)
    assert fields.affected_users == ("kari", "ola", "per", "lise") and fields.language == "nb"
    assert FormAnswer.from_record(answer.as_record()) == answer


def test_unanswered_inputs_stay_unstated_and_type_and_priority_take_the_portals_defaults() -> None:
    """Blank or missing inputs state nothing (a wrong guess is worse than a question)."""
    answer = read_form({"subject": " S ", "description": "D", "browser": "  "}, language="en", today=TODAY)
    assert answer.errors == {} and answer.subject == "S"
    assert answer.fields.stated() == {"type": "support", "priority": "normal"}


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"subject": "  "}, "subject", "Please write a subject."),
        ({"description": ""}, "description", "Please describe the case."),
        ({"type": "complaint"}, "type", "Please pick one of the options."),
        ({"priority": "urgent"}, "priority", "Please pick one of the options."),
        ({"scope": "everyone"}, "scope", "Please pick one of the options."),
        ({"app_platform": "windows"}, "app_platform", "Please pick one of the options."),
        ({"login_allowed": "maybe"}, "login_allowed", "Please pick one of the options."),
        ({"recurring": "sometimes"}, "recurring", "Please pick one of the options."),
        ({"app_version": "latest"}, "app_version", "An app version looks like 5.12.3."),
        ({"observed_on": "29.11.2026"}, "observed_on", "Please give a date as YYYY-MM-DD."),
        ({"observed_on": "2026-12-01"}, "observed_on", "That date is in the future."),
        ({"browser": "x" * 101}, "browser", "Please keep this to at most 100 characters."),
        ({"description": "x" * (MAX_LENGTH["description"] + 1)}, "description", "at most 20000 characters"),
    ],
)
def test_a_value_the_form_does_not_offer_is_an_error_never_a_guess(
    changes: dict[str, str], field: str, message: str
) -> None:
    """Each wrong input gets its own error, in the form's language, and no fields are returned."""
    answer = read_form({**VALID, **changes}, language="en", today=TODAY)
    assert message in answer.errors[field] and answer.fields.stated() == {}


def test_files_past_the_limit_are_an_error_on_attachments_in_norwegian() -> None:
    """More files than the form takes (the case's own counted by the caller) is an error on `attachments`."""
    assert read_form(VALID, language="nb", today=TODAY, files=5).errors == {}
    answer = read_form(VALID, language="nb", today=TODAY, files=6)
    assert answer.errors == {"attachments": "Legg ved høyst 5 filer."}
