"""`casebot gdpr erase`: one person disappears from every table; what others need stays."""

from __future__ import annotations

import hashlib
from typing import Any

from sqlmodel import SQLModel, select

from store.attachments import blob_path
from store.inbox import Arrival, accept_inbound, claim_inbound, release_failed_attempt
from store.models import Attachment, AuditEntry, Case, CaseMessage, InboundMessage, LoginGrant, OutboxItem
from tests.bot.lifecycle.conftest import Env
from tests.harness import mail

KARI = "kari@acme.no"
OWN = b"kari's own scan " * 100
SHARED = b"%PDF-1.4\nthe user manual " * 100
TABLES: tuple[type[SQLModel], ...] = (
    Case,
    CaseMessage,
    Attachment,
    InboundMessage,
    OutboxItem,
    AuditEntry,
    LoginGrant,
)


def _people(env: Env) -> tuple[int, int]:
    """Kari's case (two files, one shared with Ola), Ola's case naming Kari, Kari's word in Ola's case."""
    kari = env.deliver(
        mail(
            "Kari@Acme.no",
            "Eksport feiler",
            "Hei, eksporten feiler. Personopplysninger: ja.",
            name="Kari Nordmann",
            attachments=[("scan.pdf", "application/pdf", OWN), ("manual.pdf", "application/pdf", SHARED)],
        )
    )
    ola = env.deliver(
        mail(
            "ola@acme.no",
            "Tilgang for Kari",
            "Brukeren kari@acme.no får ikke logget inn. Berørte brukere: kari@acme.no, per@acme.no",
            attachments=[("manual.pdf", "application/pdf", SHARED)],
        )
    )
    assert kari.case_id is not None and ola.case_id is not None
    env.deliver(
        mail(KARI, f"Re: [Sak #{ola.case_id}] Tilgang for Kari", "Ja, det gjelder meg. Ring 99 88 77 66.")
    )
    (failed,) = accept_inbound(env.store, [Arrival(b"From: kari@acme.no\r\n\r\nbroken", KARI, ("s@v.no",))])
    claim_inbound(env.store)
    release_failed_attempt(env.store, failed, "ValueError: broken", max_attempts=1)
    return kari.case_id, ola.case_id


def _mentions(env: Env, needle: str) -> list[str]:
    """Every row, in every table, whose values mention `needle` in any letter case."""
    found: list[str] = []
    with env.store.session() as session:
        for table in TABLES:
            for row in session.exec(select(table)):
                values: dict[str, Any] = row.model_dump()
                text = " ".join(
                    v.decode("latin-1") if isinstance(v, bytes) else str(v) for v in values.values()
                )
                if needle.lower() in text.lower():
                    found.append(f"{table.__name__}:{values.get('id')}")
    return found


def test_erase_removes_the_person_everywhere_and_keeps_what_others_need(env: Env) -> None:
    """After erasure no row names Kari; her words, file and mail are gone; Ola's case and shared file stay."""
    kari_case, ola_case = _people(env)
    assert len(_mentions(env, KARI)) > 10
    report = env.cli_json("gdpr", "erase", "--email", "KARI@acme.no")
    assert _mentions(env, KARI) == [] and _mentions(env, "Kari Nordmann") == []
    assert _mentions(env, "99 88 77 66") == []
    assert report["cases"] == sorted([f"#{kari_case}", f"#{ola_case}"])
    # Raw mail: her two, her quarantined one, and Ola's, which names her (raw bytes cannot be edited).
    assert report["attachments"] == 2 and report["files_removed"] == 1 and report["inbound"] == 4
    assert not blob_path(env.attachments, hashlib.sha256(OWN).hexdigest()).exists()
    assert blob_path(env.attachments, hashlib.sha256(SHARED).hexdigest()).exists()
    pseudonym = report["pseudonym"]
    mine = env.cli_json("cases", "show", str(kari_case))
    assert mine["reporter"] == pseudonym and mine["description"] == "" and mine["personal_data"] is True
    assert all(m["text"] == "" for m in mine["messages"])
    theirs = env.cli_json("cases", "show", str(ola_case))
    assert theirs["affected_users"] == [pseudonym, "per@acme.no"] and theirs["reporter"] == "ola@acme.no"
    assert [m["sender"] for m in theirs["messages"] if m["direction"] == "in"] == ["ola@acme.no", pseudonym]
    assert env.cli_json("inbox", "failed") == []
    with env.store.session() as session:
        entries = list(session.exec(select(AuditEntry).where(AuditEntry.action == "gdpr.erased")))
        unsent = list(session.exec(select(OutboxItem).where(OutboxItem.case_id == kari_case)))
    (overall,) = [e for e in entries if e.case_id is None]
    assert overall.detail["messages"] == report["messages"] and "@" not in str(overall.detail)
    assert {e.case_id for e in entries} == {None, kari_case, ola_case}
    assert unsent and all(o.status == "erased" and o.payload == {} for o in unsent)


def test_dry_run_counts_and_changes_nothing(env: Env) -> None:
    """`--dry-run` reports what erasure would touch, leaves every row and file, and audits nothing."""
    kari_case, _ = _people(env)
    before = _mentions(env, KARI)
    rehearsal = env.cli_json("gdpr", "erase", "--email", KARI, "--dry-run")
    assert _mentions(env, KARI) == before and rehearsal["files_removed"] == 1
    assert blob_path(env.attachments, hashlib.sha256(OWN).hexdigest()).exists()
    assert env.cli_json("cases", "show", str(kari_case))["reporter"] == KARI
    real = env.cli_json("gdpr", "erase", "--email", KARI)
    skip = ("dry_run", "pseudonym")
    assert {k: v for k, v in rehearsal.items() if k not in skip} == {
        k: v for k, v in real.items() if k not in skip
    }


def test_unknown_and_malformed_addresses(env: Env) -> None:
    """An address the store never saw erases nothing; something that is no address exits 2."""
    _people(env)
    code, out, _ = env.cli("gdpr", "erase", "--email", "nobody@nowhere.no")
    assert code == 0 and "nothing in the store" in out
    code, _, err = env.cli("gdpr", "erase", "--email", "kari at acme")
    assert code == 2 and "is not an email address" in err
