"""`casebot gdpr record`: the art. 30(2) record, with periods that follow changed answers."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from bot.lifecycle.record import COLUMNS, processing_periods
from store.models import AuditEntry, Case, utcnow
from tests.bot.lifecycle.conftest import Env
from tests.harness import mail


def _cases(env: Env) -> dict[str, int]:
    """Four cases: yes then corrected to no; a plain no; yes given later then closed by staff; yes with
    a requested handler."""
    ids: dict[str, int | None] = {}
    ids["changed"] = env.deliver(
        mail("kari@acme.no", "Eksport feiler", "Eksporten feiler. Innlogging: nei. Personopplysninger: ja.")
    ).case_id
    env.deliver(
        mail(
            "kari@acme.no",
            f"Re: [Sak #{ids['changed']}] Eksport feiler",
            "Correction: no personal data will be processed after all.",
        )
    )
    ids["no"] = env.deliver(
        mail("john@globex.com", "Invoice question", "Where is my invoice? Login: no. Personal data: no.")
    ).case_id
    ids["later"] = env.deliver(mail("ola@acme.no", "Rapport tom", "Rapporten er tom.")).case_id
    env.deliver(
        mail(
            "ola@acme.no",
            f"Re: [Sak #{ids['later']}] Rapport tom",
            "Personopplysninger: ja. Innlogging: nei.",
        )
    )
    assert env.cli("cases", "close", str(ids["later"]), "--actor", "martin@vendor.example")[0] == 0
    ids["handler"] = env.deliver(
        mail(
            "rachel@globex.com",
            "Template default",
            "How do we make the template the default? We would like Martin to handle this. "
            "Personal data: yes. Login: no.",
        )
    ).case_id
    assert None not in ids.values()
    return {k: v for k, v in ids.items() if v is not None}


def test_record_has_one_row_per_processing_period_with_its_handler(env: Env) -> None:
    """Cases that processed personal data are listed, a changed answer ends its period, handlers are named."""
    ids = _cases(env)
    rows = {row["case_ref"]: row for row in env.cli_json("gdpr", "record")}
    assert set(rows) == {f"#{ids['changed']}", f"#{ids['later']}", f"#{ids['handler']}"}
    changed, later, handler = rows[f"#{ids['changed']}"], rows[f"#{ids['later']}"], rows[f"#{ids['handler']}"]
    assert (changed["started_by"], changed["ended_by"]) == ("created", "answer")
    assert changed["processing_ended_at"] is not None and changed["controller"] == "Acme AS"
    assert (later["started_by"], later["ended_by"], later["handler"]) == (
        "answer",
        "closed",
        "martin@vendor.example",
    )
    assert later["processing_started_at"] >= later["case_created_at"] and later["case_status"] == "closed"
    assert (handler["handler"], handler["ended_by"], handler["processing_ended_at"]) == ("Martin", None, None)
    assert handler["processor_name"] == "Vendor AS" and handler["transfers"] == env.config.gdpr.transfers


def test_record_as_csv_and_within_dates(env: Env) -> None:
    """CSV has the documented columns; --from/--to keep only periods that overlap the days asked for."""
    ids = _cases(env)
    code, out, _ = env.cli("gdpr", "record", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and tuple(rows[0]) == COLUMNS and len(rows) == 3
    today = utcnow().date()
    assert len(env.cli_json("gdpr", "record", "--from", str(today), "--to", str(today))) == 3
    assert env.cli_json("gdpr", "record", "--to", str(today - timedelta(days=1))) == []
    ongoing = env.cli_json("gdpr", "record", "--from", str(today + timedelta(days=1)))
    assert [r["case_ref"] for r in ongoing] == [f"#{ids['handler']}"]  # the only period without an end
    with pytest.raises(SystemExit) as exited:  # argparse rejects it, with exit 2 like every usage error
        env.cli("gdpr", "record", "--from", "2026-02-30")
    assert exited.value.code == 2 and "is not a date" in env.capsys.readouterr().err


def test_periods_follow_close_reopen_and_answers() -> None:
    """Closing ends a period, reopening starts one while the answer is yes; a no in between starts none."""
    t0 = utcnow() - timedelta(days=10)
    case = Case(id=1, token="t", personal_data=True, created_at=t0)

    def at(day: int, action: str, actor: str = "kari@acme.no", **detail: object) -> AuditEntry:
        return AuditEntry(at=t0 + timedelta(days=day), case_id=1, actor=actor, action=action, detail=detail)

    history = [
        at(0, "case.created"),
        at(1, "case.closed", actor="cli", reason="staff"),
        at(2, "case.reopened"),
        at(3, "case.fields", fields=["personal_data"], changes={"personal_data": [True, False]}),
        at(4, "case.closed", reason="customer"),
        at(5, "case.reopened"),
        at(6, "case.fields", fields=["personal_data"], changes={"personal_data": [False, True]}),
    ]
    periods = processing_periods(case, history)
    assert [(p.start - t0).days for p in periods] == [0, 2, 6]
    assert [(p.started_by, p.ended_by, p.closer) for p in periods] == [
        ("created", "closed", "cli"),
        ("reopened", "answer", None),
        ("answer", None, None),
    ]
