"""`casebot import`: an mbox, a Maildir or a folder of .eml becomes cases through the real pipeline."""

from __future__ import annotations

import hashlib
import io
import mailbox
from email.message import EmailMessage
from pathlib import Path

import pytest
from sqlmodel import col, func, select

from bot.conversation.engine import Engine
from bot.lifecycle import importer
from store.models import Case, CaseMessage, InboundMessage, OutboxItem
from tests.bot.lifecycle.conftest import Env
from tests.harness import mail

PDF = b"%PDF-1.4\n" + b"invoice " * 300


def _history() -> list[EmailMessage]:
    """Four customer mails: two new cases (one with a file), a colleague's reply, an auto-reply."""
    first = mail(
        "kari@acme.no",
        "Eksport feiler",
        "Hei,\n\nEksporten til Excel feiler for alle brukere.\nFrom the start of the month it fails.\n",
        name="Kari Nordmann",
    )
    second = mail(
        "john@globex.com",
        "Invoice question",
        "Hello, the invoice is attached. Please check it.",
        attachments=[("invoice.pdf", "application/pdf", PDF)],
    )
    reply = mail("ola@acme.no", "Re: Eksport feiler", "Det gjelder meg også, i Chrome 131.")
    reply["In-Reply-To"] = first["Message-ID"]
    reply["References"] = first["Message-ID"]
    away = mail(
        "kari@acme.no", "Out of office", "I am away until Monday.", headers={"Auto-Submitted": "auto-replied"}
    )
    return [first, second, reply, away]


def _mbox(path: Path, messages: list[EmailMessage]) -> Path:
    box = mailbox.mbox(str(path))
    for message in messages:
        box.add(message)
    box.close()
    return path


def _count(env: Env, model: type, *where: object) -> int:
    with env.store.session() as session:
        return int(session.exec(select(func.count()).select_from(model).where(*where)).one())  # type: ignore[arg-type]


def test_mbox_becomes_cases_and_threads_without_a_word_sent(env: Env, tmp_path: Path) -> None:
    """An mbox import creates cases, threads the reply, skips the auto-reply, stores files, sends nothing."""
    path = _mbox(tmp_path / "support.mbox", _history())
    summary = env.cli_json("import", str(path))
    assert summary["messages"] == 4 and summary["failed"] == 0
    assert summary["cases_created"] == 2 and summary["follow_ups"] == 1
    assert summary["skipped"] == {"duplicates": 0, "automatic": 1, "ignored": 0}
    cases = env.cli_json("cases", "list", "--status", "draft")
    assert sorted(c["reporter"] for c in cases) == ["john@globex.com", "kari@acme.no"]
    # The engine keeps an unthreaded auto-reply as a case closed at once, never answered.
    (automatic,) = env.cli_json("cases", "list", "--status", "closed")
    assert automatic["subject"] == "Out of office"
    kari = next(c for c in cases if c["reporter"] == "kari@acme.no")
    detail = env.cli_json("cases", "show", str(kari["id"]))
    assert [m["sender"] for m in detail["messages"]] == ["kari@acme.no", "ola@acme.no"]
    assert "From the start of the month" in detail["description"]  # the mbox's >From quoting is undone
    digest = hashlib.sha256(PDF).hexdigest()
    assert (env.attachments / digest[:2] / digest).read_bytes() == PDF
    assert _count(env, OutboxItem) == 0
    assert _count(env, CaseMessage, col(CaseMessage.direction) == "out") == 0
    with env.store.session() as session:
        assert all(not c.asked and c.asked_at is None for c in session.exec(select(Case)))


def test_rerun_skips_every_message_without_storing_it_again(env: Env, tmp_path: Path) -> None:
    """A second import of the same mailbox counts everything as skipped and adds no inbox rows."""
    path = _mbox(tmp_path / "support.mbox", _history())
    env.cli_json("import", str(path))
    rows = _count(env, InboundMessage)
    again = env.cli_json("import", str(path))
    assert again["skipped"]["duplicates"] == 4 and again["cases_created"] == again["follow_ups"] == 0
    assert _count(env, InboundMessage) == rows and len(env.cli_json("cases", "list")) == 3


def test_maildir_and_eml_folder_import_in_arrival_order(env: Env, tmp_path: Path) -> None:
    """A Maildir (cur/ and new/) and a folder of .eml files import like an mbox, replies threaded."""
    first, second, reply, away = _history()
    maildir = tmp_path / "Maildir"
    for sub in ("cur", "new", "tmp"):
        (maildir / sub).mkdir(parents=True)
    (maildir / "cur" / "1700000001.M1.host:2,S").write_bytes(first.as_bytes())
    (maildir / "new" / "1700000002.M2.host").write_bytes(reply.as_bytes())
    folder = tmp_path / "eml"
    (folder / "2024").mkdir(parents=True)
    (folder / "2024" / "a.eml").write_bytes(second.as_bytes())
    (folder / "b.eml").write_bytes(away.as_bytes())
    from_maildir = env.cli_json("import", str(maildir))
    from_folder = env.cli_json("import", str(folder))
    assert (from_maildir["cases_created"], from_maildir["follow_ups"]) == (1, 1)
    assert (from_folder["cases_created"], from_folder["skipped"]["automatic"]) == (1, 1)


def test_reply_flag_answers_customers_through_the_outbox(env: Env, tmp_path: Path) -> None:
    """With --reply the engine answers as for live mail: replies to the customers are queued."""
    path = _mbox(tmp_path / "support.mbox", _history()[:2])
    env.cli_json("import", str(path), "--reply")
    with env.store.session() as session:
        recipients = sorted(
            r for r in session.exec(select(OutboxItem.recipient)) if not r.startswith("staff")
        )
    assert recipients == ["john@globex.com", "kari@acme.no"]


def test_interrupted_import_leaves_no_half_message_and_resumes(
    env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Ctrl-C during the third message stops with exit 130; the rerun imports the rest exactly once."""
    path = _mbox(tmp_path / "support.mbox", _history())
    real = importer.apply_inbound
    calls = {"n": 0}

    def stop_on_third(*args: object, **kwargs: object) -> object:
        calls["n"] += 1
        if calls["n"] == 3:
            raise KeyboardInterrupt
        return real(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(importer, "apply_inbound", stop_on_third)
    code, out, _ = env.cli("import", str(path))
    assert code == 130 and "interrupted after 2 messages" in out
    assert _count(env, InboundMessage, col(InboundMessage.status) != "done") == 0
    monkeypatch.setattr(importer, "apply_inbound", real)
    again = env.cli_json("import", str(path))
    assert again["skipped"]["duplicates"] == 2 and again["follow_ups"] == 1
    assert _count(env, CaseMessage) == 4


def test_a_message_that_fails_is_quarantined_with_its_reason(
    env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A message whose processing raises is counted as failed, with the reason, and is in `inbox failed`."""
    real = Engine.handle

    def fragile(self: Engine, session: object, event: object, **kw: object) -> object:
        if "Invoice" in getattr(event, "subject", ""):
            raise ValueError("the PDF upset the extractor")
        return real(self, session, event, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(Engine, "handle", fragile)
    path = _mbox(tmp_path / "support.mbox", _history())
    code, out, _ = env.cli("import", str(path))
    assert code == 0 and "failed:             1" in out and "the PDF upset the extractor" in out
    (failed,) = env.cli_json("inbox", "failed")
    assert "ValueError" in failed["error"] and failed["envelope_from"] == "john@globex.com"


def test_progress_is_a_bar_on_a_terminal_and_lines_otherwise(env: Env, tmp_path: Path) -> None:
    """On a TTY the progress is a redrawn bar with rate and ETA; elsewhere plain lines."""
    path = _mbox(tmp_path / "support.mbox", _history())
    bar, lines = io.StringIO(), io.StringIO()
    importer.import_mailbox(env.store, env.config, path, stream=bar, tty=True)
    importer.import_mailbox(env.store, env.config, path, stream=lines, tty=False, every=0)
    assert "\r" in bar.getvalue() and "[" + "#" * 28 + "]" in bar.getvalue() and "/s  ETA" in bar.getvalue()
    assert "\r" not in lines.getvalue() and lines.getvalue().count("import: ") >= 4


def test_a_path_that_is_no_mailbox_is_refused(env: Env, tmp_path: Path) -> None:
    """A missing path or a file that is no mbox exits 2 with a sentence saying so."""
    (tmp_path / "notes.txt").write_text("hello")
    assert env.cli("import", str(tmp_path / "missing.mbox"))[0] == 2
    code, _, err = env.cli("import", str(tmp_path / "notes.txt"))
    assert code == 2 and "is not an mbox file" in err


def _dated(message: EmailMessage, when: str) -> EmailMessage:
    del message["Date"]
    message["Date"] = when
    return message


def test_imported_cases_keep_their_dates_thread_by_subject_and_are_listed(env: Env, tmp_path: Path) -> None:
    """A case gets its first message's date, a later "SV:" without reply headers joins it, and
    `cases list --imported` lists imported cases only; the summary counts those waiting for staff."""
    first = _dated(
        mail("kari@acme.no", "Eksport feiler", "Hei, eksporten til Excel feiler for alle brukere."),
        "Fri, 01 Mar 2024 09:15:00 +0100",
    )
    again = _dated(
        mail("kari@acme.no", "SV: Eksport feiler", "Den feiler fortsatt i dag."),
        "Mon, 04 Mar 2024 08:00:00 +0100",
    )
    other = _dated(
        mail("kari@acme.no", "SV: Noe helt annet", "Et nytt spørsmål uten svarhoder."),
        "Tue, 05 Mar 2024 10:00:00 +0100",
    )
    env.deliver(mail("ola@acme.no", "Live case", "Hei, dette kom inn i dag."))
    summary = env.cli_json("import", str(_mbox(tmp_path / "old.mbox", [first, again, other])))
    assert (summary["cases_created"], summary["follow_ups"]) == (2, 1)
    imported = env.cli_json("cases", "list", "--imported")
    assert [c["subject"] for c in imported] == ["Eksport feiler", "Noe helt annet"]
    assert imported[0]["created_at"] == "2024-03-01T08:15:00Z"
    detail = env.cli_json("cases", "show", str(imported[0]["id"]))
    assert [m["at"] for m in detail["messages"]] == ["2024-03-01T08:15:00Z", "2024-03-04T07:00:00Z"]
    assert len(env.cli_json("cases", "list")) == 3  # the live case is there, just not imported
    open_imported = len(env.cli_json("cases", "list", "--imported", "--status", "open"))
    assert summary["waiting_for_staff"] == open_imported
    code, out, _ = env.cli("import", str(tmp_path / "old.mbox"))
    assert code == 0 and f"waiting for staff:  {open_imported} imported case(s)" in out


def test_an_imported_date_without_a_zone_is_universal_time(env: Env, tmp_path: Path) -> None:
    """ "-0000" says the sender's system gave no zone; the time is UTC (RFC 5322 §3.3), and the imported
    case keeps it rather than taking the import's time."""
    old = _dated(
        mail("kari@acme.no", "Rapport tom", "Hei, rapporten er tom for alle brukere."),
        "Tue, 12 Mar 2024 07:30:00 -0000",
    )
    env.cli_json("import", str(_mbox(tmp_path / "zone.mbox", [old])))
    (imported,) = env.cli_json("cases", "list", "--imported")
    assert imported["created_at"] == "2024-03-12T07:30:00Z"
