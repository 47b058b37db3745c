"""`casebot gdpr record`: the processor's record of processing activities (GDPR art. 30(2)).

One row per period in which a case processed personal data: from the moment the case existed with
the answer "yes" (or the answer became yes, or the case was reopened) until it was closed (or the
answer became no). The controller is the customer; the processor's name, contact, category,
security measures and transfers come from `[gdpr]`.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any, TextIO

from bot.config import Config
from store.db import Store
from store.lifecycle.record import histories
from store.models import AuditEntry, Case, iso

COLUMNS: tuple[str, ...] = (
    "controller",
    "processor_name",
    "processor_contact",
    "processing_category",
    "case_ref",
    "case_type",
    "case_status",
    "case_created_at",
    "case_opened_at",
    "processing_started_at",
    "processing_ended_at",
    "started_by",
    "ended_by",
    "handler",
    "security_measures",
    "transfers",
)

# Who closes a case without being the vendor's staff: the customer, or casebot itself.
_NOT_STAFF_REASONS = ("customer", "abandoned", "automatic")


@dataclass(frozen=True)
class Period:
    """A stretch of time in which a case processed personal data.

    `started_by`: `created`, `answer` (changed to yes) or `reopened`; `ended_by`: `closed`,
    `answer` (changed to no) or None while it goes on. `closer` is the staff member who closed it.
    """

    start: datetime
    end: datetime | None
    started_by: str
    ended_by: str | None
    closer: str | None = None


def _personal_data_change(entry: AuditEntry) -> list[Any] | None:
    changes = entry.detail.get("changes") if isinstance(entry.detail, dict) else None
    if isinstance(changes, dict):
        value = changes.get("personal_data")
        if isinstance(value, list) and len(value) == 2:
            return value
    return None


def processing_periods(case: Case, entries: Iterable[AuditEntry]) -> list[Period]:
    """The periods in which this case processed personal data, from its audit history."""
    history = list(entries)
    changes = [(e, c) for e in history if e.action == "case.fields" and (c := _personal_data_change(e))]
    # The value the case was created with: the old side of its first recorded change.
    value = changes[0][1][0] if changes else case.personal_data
    active = True
    periods: list[Period] = []
    start: tuple[datetime, str] | None = (case.created_at, "created") if value is True else None

    def end(at: datetime, why: str, closer: str | None = None) -> None:
        nonlocal start
        if start is not None:
            periods.append(Period(start[0], at, start[1], why, closer))
            start = None

    for entry in history:
        if entry.action == "case.closed" and active:
            active = False
            reason = entry.detail.get("reason") if isinstance(entry.detail, dict) else None
            closer = entry.actor if reason not in _NOT_STAFF_REASONS and entry.actor != "casebot" else None
            end(entry.at, "closed", closer)
        elif entry.action == "case.reopened" and not active:
            active = True
            if value is True:
                start = (entry.at, "reopened")
        elif entry.action == "case.fields" and (change := _personal_data_change(entry)):
            value = change[1]
            if value is True and active and start is None:
                start = (entry.at, "answer")
            elif value is not True:
                end(entry.at, "answer")
    if start is not None:
        periods.append(Period(start[0], None, start[1], None))
    return periods


def _opened_at(entries: Iterable[AuditEntry]) -> datetime | None:
    return next((e.at for e in entries if e.action == "case.opened"), None)


def _controller(case: Case) -> str:
    if case.customer:
        return case.customer
    domain = case.reporter.rpartition("@")[2]
    return f"unknown customer ({domain})" if domain else "unknown customer"


def _overlaps(period: Period, since: datetime | None, until: datetime | None) -> bool:
    if until is not None and period.start >= until:
        return False
    return not (since is not None and period.end is not None and period.end < since)


def record_rows(
    store: Store, config: Config, *, since: date | None = None, until: date | None = None
) -> Iterator[dict[str, Any]]:
    """The record's rows, case by case; `since`/`until` (inclusive days, UTC) keep the periods that
    overlap them."""
    gdpr = config.gdpr
    start_at = datetime.combine(since, time.min, UTC) if since else None
    end_at = datetime.combine(until, time.min, UTC) + timedelta(days=1) if until else None
    with store.session() as session:
        for case, entries in histories(session):
            for period in processing_periods(case, entries):
                if not _overlaps(period, start_at, end_at):
                    continue
                yield {
                    "controller": _controller(case),
                    "processor_name": gdpr.processor_name,
                    "processor_contact": gdpr.processor_contact,
                    "processing_category": gdpr.processing_category,
                    "case_ref": case.ref,
                    "case_type": case.type,
                    "case_status": case.status,
                    "case_created_at": iso(case.created_at),
                    "case_opened_at": iso(_opened_at(entries)),
                    "processing_started_at": iso(period.start),
                    "processing_ended_at": iso(period.end),
                    "started_by": period.started_by,
                    "ended_by": period.ended_by,
                    "handler": case.requested_handler or period.closer,
                    "security_measures": gdpr.security_measures,
                    "transfers": gdpr.transfers,
                }


def write_csv(rows: Iterable[dict[str, Any]], out: TextIO) -> int:
    """Write the rows as CSV with a header line; returns how many rows were written."""
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\n")
    writer.writeheader()
    count = 0
    for row in rows:
        writer.writerow({k: "" if v is None else v for k, v in row.items()})
        count += 1
    return count
