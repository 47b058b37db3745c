"""Real-world mail from other projects' test suites: parsing never crashes and gets the basics right."""

from __future__ import annotations

import json
import re
import smtplib
import sqlite3
from pathlib import Path

import pytest

from bot.cli import main as casebot
from parsers.message import parse_message
from tests.corpora import CORPUS, corpus_files, needs_corpus
from tests.harness import CasebotProcess, Setup, crlf, wait_until


def mime_files() -> list[Path]:
    """The files that are whole messages (headers and body), not bare reply texts."""
    return [p for p in corpus_files() if re.match(rb"[\x21-\x39\x3b-\x7e]+:", p.read_bytes()[:200].lstrip())]


FILES = corpus_files()
pytestmark = needs_corpus


def test_every_corpus_file_parses_through_the_cli(capsys: pytest.CaptureFixture[str]) -> None:
    """`casebot parse FILE --json` prints one JSON object with the case fields for every file."""
    for path in FILES:
        assert casebot(["parse", str(path), "--json"]) == 0, path
        out = json.loads(capsys.readouterr().out)
        assert {"subject", "description", "type", "priority", "missing", "attachments"} <= out.keys(), path
        assert out["type"] in ("support", "order", "bug", "improvement", "agreement_change")


def _yml_value(text: str, key: str) -> str | None:
    match = re.search(rf"^{key}: (.*)$", text, re.M)
    if match is None:
        return None
    value = match.group(1)
    if value.startswith("'") and value.endswith("'") and len(value) > 1:
        return value[1:-1].replace("''", "'")
    if value[:1] in "'\"|>!&*" or not value:
        return None  # folded, tagged or escaped: not worth re-implementing YAML for
    return value


def _address(value: str) -> str:
    return re.sub(r'["<> ]', "", value).lower().rstrip(".")


def test_zammad_sender_and_subject_match_upstream_expectations() -> None:
    """For Zammad's real support mails, sender and subject agree with Zammad's own parse."""
    checked = 0
    for box in sorted((CORPUS / "zammad").glob("*.box")):
        expected = box.with_suffix(".yml")
        if not expected.exists():
            continue
        text = expected.read_text(encoding="utf-8", errors="replace")
        parsed = parse_message(box.read_bytes())
        sender = _yml_value(text, "from_email")
        subject = _yml_value(text, "subject")
        if sender and "@" in sender:
            assert _address(parsed.sender) == _address(sender), box.name
            checked += 1
        if subject and subject.isascii():
            assert " ".join(parsed.subject.split()) == " ".join(subject.split()), box.name
            checked += 1
    assert checked > 100


def test_spamscope_addresses_subjects_and_attachment_counts() -> None:
    """mail-parser's own expectations for its test mails: sender, subject, and at least its attachment
    count (casebot also keeps the parts mail-parser sets aside, such as a delivery report's headers)."""
    expected = json.loads((CORPUS / "spamscope-mail-parser" / "EXPECTED.json").read_text())["files"]
    checked = 0
    for name, facts in expected.items():
        path = CORPUS / "spamscope-mail-parser" / name
        if not path.exists():
            continue
        parsed = parse_message(path.read_bytes())
        if facts.get("subject") is not None:
            assert " ".join(parsed.subject.split()) == " ".join(facts["subject"].split()), name
            checked += 1
        if facts.get("from"):
            assert parsed.sender == facts["from"][0][1].lower(), name
            checked += 1
        if facts.get("attachment_count") is not None:
            assert len(parsed.attachments) >= facts["attachment_count"], name
            checked += 1
    assert checked >= 10


def _envelope_sender(raw: bytes) -> str:
    sender = parse_message(raw).sender
    return sender if re.fullmatch(r"[^@\s]+@[^@\s]+\.[a-z]{2,}", sender) else "corpus@example.org"


@pytest.mark.slow
def _identity(raw: bytes) -> tuple[str, str]:
    """What makes two messages the same one: Message-ID and sender."""
    parsed = parse_message(raw)
    return parsed.message_id, (parsed.sender or _envelope_sender(raw)).lower()


def test_every_corpus_message_goes_through_smtp(setup: Setup, server: CasebotProcess) -> None:
    """Each message is accepted and becomes a case with its sender and subject, or gets a clear 5xx."""
    accepted: dict[tuple[str, str], str] = {}
    refused: list[tuple[str, int, bytes]] = []
    files = mime_files()
    client = smtplib.SMTP("127.0.0.1", setup.smtp_port, timeout=60)
    for path in files:
        raw = crlf(path.read_bytes())
        for _ in range(2):  # like any MTA: a 421 means reconnect and send again
            try:
                client.sendmail(_envelope_sender(raw), ["support@vendor.example"], raw)
            except smtplib.SMTPResponseException as exc:
                if exc.smtp_code == 421:
                    client.close()
                    client = smtplib.SMTP("127.0.0.1", setup.smtp_port, timeout=60)
                    continue
                assert 500 <= exc.smtp_code < 600 and exc.smtp_error, path
                refused.append((path.name, exc.smtp_code, exc.smtp_error))
                client.rset()
                break
            parsed = parse_message(raw)
            # The same Message-ID twice from the same sender is one message (the first), by design.
            sender = (parsed.sender or _envelope_sender(raw)).lower()
            accepted.setdefault((parsed.message_id, sender), parsed.subject)
            break
    client.quit()
    assert len(accepted) + len(refused) == len({_identity(crlf(p.read_bytes())) for p in files})
    db = setup.root / "data" / "casebot.db"

    def all_done() -> bool:
        with sqlite3.connect(db) as conn:
            return (
                conn.execute(
                    "select count(*) from inbound where status not in ('done', 'failed')"
                ).fetchone()[0]
                == 0
            )

    wait_until(all_done, timeout=240, interval=0.5)
    with sqlite3.connect(db) as conn:
        failed = conn.execute("select id, last_error from inbound where status = 'failed'").fetchall()
        rows = conn.execute(
            "select m.external_id, m.sender, c.reporter, c.subject, "
            "m.id = (select min(f.id) from messages f where f.case_id = c.id) "
            "from messages m join cases c on c.id = m.case_id where m.direction = 'in'"
        ).fetchall()
    assert failed == []
    stored = {
        (external_id, sender): (reporter, subject, first)
        for external_id, sender, reporter, subject, first in rows
    }
    assert set(accepted) <= set(stored)
    opened = 0
    for (message_id, sender), _subject in accepted.items():
        reporter, case_subject, first = stored[(message_id, sender)]
        assert case_subject, message_id
        if first:  # the message that opened its case: the case is the sender's
            assert reporter == sender, message_id
            opened += 1
    assert opened >= len(accepted) * 0.9
