"""The `casebot` command line against a running casebot: errors that name the problem, closing by hand."""

from __future__ import annotations

from email.message import Message
from pathlib import Path

from tests.harness import CasebotProcess, Setup, SmtpSink, cli, cli_json, mail, send, wait_until


def _cases(setup: Setup, count: int) -> list[dict]:
    return wait_until(lambda: (rows := cli_json(setup, "cases", "list")) and len(rows) >= count and rows)


def test_cli_errors_name_the_problem(setup: Setup, server: CasebotProcess, tmp_path: Path) -> None:
    """Unknown case ids, bad ids and unreadable files give a one-line error and a non-zero exit."""
    missing = cli(setup, "cases", "show", "999", check=False)
    assert missing.returncode == 3 and "case 999 does not exist" in missing.stderr
    bad = cli(setup, "cases", "close", "abc", check=False)
    assert bad.returncode == 2 and "not a case id" in bad.stderr
    nofile = cli(setup, "parse", str(tmp_path / "nope.eml"), "--json", check=False)
    assert nofile.returncode == 2 and "cannot read" in nofile.stderr


def test_closing_a_case_tells_the_customer_once(setup: Setup, server: CasebotProcess, sink: SmtpSink) -> None:
    """`casebot cases close` closes the case, and the customer is told once even if it is run twice."""
    send(setup.smtp_port, mail("kari@acme.no", "Lukk meg", "Hei, et spørsmål."))
    (case,) = _cases(setup, 1)
    sink.wait_for("kari@acme.no")
    assert "closed" in cli(setup, "cases", "close", str(case["id"])).stdout
    assert "already closed" in cli(setup, "cases", "close", str(case["id"])).stdout
    messages: list[Message] = sink.wait_for("kari@acme.no", 2)
    assert "lukket" in messages[1].get_content()
    detail = cli_json(setup, "cases", "show", str(case["id"]))
    assert detail["status"] == "closed" and detail["closed_at"]
