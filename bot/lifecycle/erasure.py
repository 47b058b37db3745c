"""`casebot gdpr erase`: erase one person, by email address, everywhere casebot keeps them.

One transaction does it all (or, with `dry_run`, does it all and rolls back), so a failure half-way
leaves nothing half-erased. The audit log then says that an erasure happened and how much it
touched, never whom it was about.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from store import audit
from store.db import Store
from store.errors import InvalidRequest
from store.lifecycle import blobs, transaction
from store.lifecycle.erasure import erase_person, new_pseudonym


@dataclass
class ErasureReport:
    """What erasing one address changed, or with `dry_run` would change."""

    dry_run: bool
    pseudonym: str
    cases: list[str] = field(default_factory=list)
    case_rows: int = 0
    messages: int = 0
    attachments: int = 0
    files_removed: int = 0
    inbound: int = 0
    outbox: int = 0
    audit_entries: int = 0
    mentions: int = 0

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON (`casebot gdpr erase --json`); it never contains the address."""
        return dict(self.__dict__)

    @property
    def found(self) -> bool:
        return bool(self.cases or self.inbound or self.outbox or self.audit_entries)


def _check(address: str) -> str:
    addr = address.strip().lower()
    local, at, domain = addr.rpartition("@")
    if not at or not local or "." not in domain or any(c.isspace() for c in addr):
        raise InvalidRequest(f"{address!r} is not an email address")
    return addr


def erase_address(store: Store, address: str, *, actor: str = "cli", dry_run: bool = False) -> ErasureReport:
    """Erase or pseudonymise everything about the person with this address."""
    addr = _check(address)
    pseudonym = new_pseudonym()
    with transaction(store, rehearse=dry_run) as session:
        erased = erase_person(session, addr, pseudonym)
        report = ErasureReport(
            dry_run=dry_run,
            pseudonym=pseudonym,
            cases=[f"#{case_id}" for case_id in sorted(erased.cases)],
            case_rows=erased.case_rows,
            messages=erased.messages,
            attachments=erased.attachments,
            inbound=erased.inbound,
            outbox=erased.outbox,
            audit_entries=erased.audit,
            mentions=erased.mentions,
        )
        if dry_run:
            report.files_removed = blobs.measure(
                store.attachments_dir, blobs.unreferenced(session, erased.digests)
            ).files
        elif report.found:
            counts = {
                k: v
                for k, v in report.as_dict().items()
                if isinstance(v, int) and k not in ("dry_run", "files_removed")
            }
            for case_id in sorted(erased.cases):
                audit.record(session, "gdpr.erased", case_id=case_id, actor=actor, pseudonym=pseudonym)
            audit.record(session, "gdpr.erased", case_id=None, actor=actor, pseudonym=pseudonym, **counts)
    if not dry_run and erased.digests:
        report.files_removed = blobs.remove_unreferenced(store, erased.digests).files
    return report
