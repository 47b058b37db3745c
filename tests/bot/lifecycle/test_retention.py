"""`casebot retention run`: closed cases, processed mail and the quarantine let go on time."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from sqlalchemy import update
from sqlmodel import col, select

from bot.lifecycle.retention import run_retention
from store.attachments import blob_path
from store.inbox import Arrival, accept_inbound, claim_inbound, release_failed_attempt
from store.models import AuditEntry, Case, CaseMessage, InboundMessage, InboundRaw, OutboxItem, utcnow
from tests.bot.lifecycle.conftest import Env
from tests.harness import mail

PDF = b"%PDF-1.4\n" + b"shared manual " * 200
PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4


def _age(env: Env, *, closed: list[int]) -> None:
    """Make the store a year older: cases closed 400 days ago, mail processed 40 days ago, all sent."""
    long_ago = utcnow() - timedelta(days=400)
    with env.store.session() as session:
        session.execute(update(Case).where(col(Case.id).in_(closed)).values(closed_at=long_ago))
        session.execute(update(InboundMessage).values(processed_at=utcnow() - timedelta(days=40)))
        session.execute(update(OutboxItem).values(status="sent"))


def _quarantined(env: Env, days_ago: int) -> int:
    """A message that failed processing and sits in quarantine, received `days_ago` days ago."""
    (inbound_id,) = accept_inbound(
        env.store, [Arrival(b"Subject: x\r\n\r\nbroken", "x@acme.no", ("s@v.no",))]
    )
    claim_inbound(env.store)
    release_failed_attempt(env.store, inbound_id, "ValueError: broken", max_attempts=1)
    with env.store.session() as session:
        session.execute(
            update(InboundMessage)
            .where(col(InboundMessage.id) == inbound_id)
            .values(received_at=utcnow() - timedelta(days=days_ago))
        )
    return inbound_id


def _three_cases(env: Env) -> tuple[int, int, int]:
    """Kari's and Ola's cases share a PDF; John's has a PNG of its own. Kari's and John's get closed."""
    kari = env.deliver(
        mail("kari@acme.no", "Manual", "Se vedlagt manual.", attachments=[("m.pdf", "application/pdf", PDF)])
    )
    ola = env.deliver(
        mail("ola@acme.no", "Manual igjen", "Samme manual.", attachments=[("m.pdf", "application/pdf", PDF)])
    )
    john = env.deliver(
        mail("john@globex.com", "Screen", "See screenshot.", attachments=[("s.png", "image/png", PNG)])
    )
    ids = (kari.case_id, ola.case_id, john.case_id)
    assert None not in ids
    for case_id in (ids[0], ids[2]):
        assert env.cli("cases", "close", str(case_id))[0] == 0
    return ids  # type: ignore[return-value]


def _texts(env: Env, case_id: int) -> list[str]:
    with env.store.session() as session:
        return list(session.exec(select(CaseMessage.text).where(CaseMessage.case_id == case_id)))


def test_closed_cases_lose_words_and_files_but_keep_skeleton(env: Env) -> None:
    """Past the period a closed case keeps fields and audit, loses bodies and files; a shared file stays."""
    kari, ola, john = _three_cases(env)
    _age(env, closed=[kari, john])
    report = env.cli_json("retention", "run")
    assert report["cases"] == [f"#{kari}", f"#{john}"] and report["dry_run"] is False
    assert report["attachments_removed"] == 2 and report["files_removed"] == 1
    assert report["bytes_freed"] == len(PNG) and report["case_raw_emptied"] == 2
    assert report["processed_raw_emptied"] == 1  # Ola's mail: processed 40 days ago, past 30
    assert set(_texts(env, kari)) == {""} and "" not in _texts(env, ola)
    assert blob_path(env.attachments, hashlib.sha256(PDF).hexdigest()).exists()
    assert not blob_path(env.attachments, hashlib.sha256(PNG).hexdigest()).exists()
    detail = env.cli_json("cases", "show", str(kari))
    assert (
        detail["subject"] == "Manual" and detail["reporter"] == "kari@acme.no" and detail["attachments"] == []
    )
    with env.store.session() as session:
        actions = [e.action for e in session.exec(select(AuditEntry).where(AuditEntry.case_id == kari))]
        payloads = list(session.exec(select(OutboxItem.payload).where(OutboxItem.case_id == kari)))
        raws = list(session.exec(select(InboundRaw.raw)))
    assert actions[0] == "case.created" and actions[-1] == "retention.purged" and "case.closed" in actions
    assert payloads and all(p == {} for p in payloads)
    assert raws == [b"", b"", b""]


def test_dry_run_tells_the_same_and_changes_nothing(env: Env) -> None:
    """`--dry-run` reports exactly what the real run then removes, and removes nothing itself."""
    kari, _, john = _three_cases(env)
    _age(env, closed=[kari, john])
    rehearsal = env.cli_json("retention", "run", "--dry-run")
    assert "" not in _texts(env, kari)
    assert blob_path(env.attachments, hashlib.sha256(PNG).hexdigest()).exists()
    real = env.cli_json("retention", "run")
    assert {k: v for k, v in rehearsal.items() if k not in ("dry_run", "now")} == {
        k: v for k, v in real.items() if k not in ("dry_run", "now")
    }
    code, out, _ = env.cli("retention", "run", "--dry-run")
    assert code == 0 and "closed cases past 365 days: 0" in out


def test_a_second_run_removes_nothing(env: Env) -> None:
    """Retention is idempotent: the daily job running again finds nothing left to remove."""
    kari, _, john = _three_cases(env)
    _age(env, closed=[kari, john])
    run_retention(env.store, env.config)
    again = run_retention(env.store, env.config)
    assert not again.removed_anything and again.messages_emptied == again.files_removed == 0


def test_old_quarantine_expires_and_can_no_longer_be_retried(env: Env) -> None:
    """Quarantined mail past quarantine_days loses its bytes and leaves `inbox failed`; newer mail stays."""
    old = _quarantined(env, days_ago=100)
    recent = _quarantined(env, days_ago=10)
    report = env.cli_json("retention", "run")
    assert report["quarantine_expired"] == 1
    assert [row["id"] for row in env.cli_json("inbox", "failed")] == [recent]
    code, _, err = env.cli("inbox", "retry", str(old))
    assert code == 3 and "expired" in err


def test_zero_keeps_everything_forever(env: Env) -> None:
    """With every period 0, nothing is ever removed, however old."""
    env.configure("retention", closed_case_days=0, processed_raw_days=0, quarantine_days=0)
    kari, _, john = _three_cases(env)
    _age(env, closed=[kari, john])
    _quarantined(env, days_ago=1000)
    report = run_retention(env.store, env.config, now=utcnow() + timedelta(days=5000))
    assert not report.removed_anything and "" not in _texts(env, kari)
