"""Retention: closed cases, processed mail and the quarantine let go of people's words on time.

`run_retention` is the one entry point, for `casebot retention run` and for the daily job alike;
running it twice removes nothing the second time. Periods come from `[retention]`; 0 keeps forever.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from bot.config import Config
from store import audit
from store.db import Store
from store.lifecycle import blobs, transaction
from store.lifecycle import retention as queries
from store.models import iso, utcnow

# Cases per transaction: a first run on an old store must not hold one enormous transaction.
_BATCH = 200


@dataclass
class RetentionReport:
    """What one retention run removed, or with `dry_run` would remove."""

    dry_run: bool
    now: datetime
    cases: list[str] = field(default_factory=list)
    messages_emptied: int = 0
    attachments_removed: int = 0
    files_removed: int = 0
    bytes_freed: int = 0
    case_raw_emptied: int = 0
    outbox_emptied: int = 0
    processed_raw_emptied: int = 0
    quarantine_expired: int = 0

    def as_dict(self) -> dict[str, Any]:
        """The report as JSON (`casebot retention run --json`)."""
        values = asdict(self)
        values["now"] = iso(self.now)
        return values

    @property
    def removed_anything(self) -> bool:
        return bool(self.cases or self.processed_raw_emptied or self.quarantine_expired)


def _cutoff(now: datetime, days: int) -> datetime | None:
    return now - timedelta(days=days) if days > 0 else None


def run_retention(
    store: Store, config: Config, *, now: datetime | None = None, dry_run: bool = False
) -> RetentionReport:
    """Apply the retention periods once; with `dry_run`, only say what would be removed."""
    now = now or utcnow()
    periods = config.retention
    report = RetentionReport(dry_run=dry_run, now=now)
    closed_cutoff = _cutoff(now, periods.closed_case_days)
    # One transaction when rehearsing, so that the batches see each other's (rolled back) work and
    # a file shared by two purged cases is counted as freed, as the real run would free it.
    with transaction(store, rehearse=dry_run) as session:
        due = queries.closed_cases_due(session, closed_cutoff) if closed_cutoff else []
        pending_digests: set[str] = set()
        for start in range(0, len(due), _BATCH):
            chunk = due[start : start + _BATCH]
            purged = queries.purge_case_content(session, chunk)
            report.cases.extend(f"#{case_id}" for case_id in chunk)
            report.messages_emptied += purged.messages
            report.attachments_removed += purged.attachments
            report.case_raw_emptied += purged.raw
            report.outbox_emptied += purged.outbox
            if dry_run:
                pending_digests |= purged.digests
            else:
                session.commit()
                freed = blobs.remove_unreferenced(store, purged.digests)
                report.files_removed += freed.files
                report.bytes_freed += freed.bytes
        if dry_run:
            freed = blobs.measure(store.attachments_dir, blobs.unreferenced(session, pending_digests))
            report.files_removed, report.bytes_freed = freed.files, freed.bytes
        raw_cutoff = _cutoff(now, periods.processed_raw_days)
        if raw_cutoff is not None:
            report.processed_raw_emptied = queries.purge_processed_raw(session, raw_cutoff)
        quarantine_cutoff = _cutoff(now, periods.quarantine_days)
        if quarantine_cutoff is not None:
            report.quarantine_expired = queries.expire_quarantine(session, quarantine_cutoff)
        if report.removed_anything:
            audit.record(
                session,
                "retention.run",
                case_id=None,
                cases=len(report.cases),
                messages=report.messages_emptied,
                attachments=report.attachments_removed,
                processed_raw=report.processed_raw_emptied,
                quarantine=report.quarantine_expired,
            )
    return report
