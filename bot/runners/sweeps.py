"""The periodic sweeps: reminders for silent drafts, grant and revoke calls, expired grants.

Each sweep claims its rows in the database (row locks, conditional updates), so two instances on
one PostgreSQL do each piece of work once, and running a sweep twice does no harm. Start-up runs
them once straight away: that is how a revocation missed while casebot was down happens right after
it starts. `now` is a parameter everywhere so tests can drive the clock.
"""

from __future__ import annotations

import asyncio
import logging
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from sqlmodel import Session

from bot.config import Config
from bot.conversation.engine import Engine, close_case
from bot.conversation.replies import reminder_reply
from bot.email.channel import EmailChannel, reminder_key
from bot.runners.grant_calls import GrantBackend
from store import audit, grants, reminders
from store import cases as case_store
from store.db import Store
from store.errors import GrantCallError
from store.models import Case, CaseStatus, GrantAction, LoginGrant, case_ref, iso, utcnow
from store.reminders import DueDraft

log = logging.getLogger(__name__)

_CHUNK = 200
_CALL_CONCURRENCY = 10
_BATCH = 500


def in_business_hours(now: datetime, config: Config) -> bool:
    """Whether `now` falls in the configured business hours, in the customers' time zone."""
    cfg = config.reminders
    local = now.astimezone(ZoneInfo(cfg.timezone))
    return (
        local.isoweekday() in cfg.business_days
        and cfg.business_start_hour <= local.hour < cfg.business_end_hour
    )


def reminder_action(case: Case | DueDraft, now: datetime, config: Config) -> str | None:
    """What a silent draft needs now: `remind`, `abandon`, or nothing (business hours aside)."""
    if case.status != CaseStatus.DRAFT or case.asked_at is None:
        return None
    silent = now - case.asked_at
    cfg = config.reminders
    if cfg.abandon_after_days and silent >= timedelta(days=cfg.abandon_after_days):
        return "abandon"
    step = case.reminders_sent
    if step < len(cfg.after_hours) and silent >= timedelta(hours=cfg.after_hours[step]):
        return "remind"
    return None


@dataclass
class SweepReport:
    reminded: int = 0
    abandoned: int = 0
    grant_calls: int = 0
    grant_failures: int = 0
    expired: int = 0
    alerts: int = 0
    details: list[str] = field(default_factory=list)


@dataclass
class Sweeps:
    """The scheduled work of one casebot instance."""

    store: Store
    engine: Engine
    config: Config
    backend: GrantBackend

    @property
    def email(self) -> EmailChannel:
        channel = self.engine.channels["email"]
        assert isinstance(channel, EmailChannel)
        return channel

    # -- reminders -------------------------------------------------------------------------------

    def remind(self, now: datetime | None = None) -> SweepReport:
        """Send due reminders and close abandoned drafts; each exactly once across instances.

        The rows are read as plain columns, locked (`FOR UPDATE SKIP LOCKED` on PostgreSQL) and
        changed with set-based statements: a sweep over thousands of due drafts stays well under a
        second. Only drafts that need more than a queued email (Slack, abandonment) become objects.
        """
        now = now or utcnow()
        report = SweepReport()
        if not in_business_hours(now, self.config):
            return report
        cfg = self.config.reminders
        schedule = reminders.Schedule(cfg.after_hours, cfg.abandon_after_days)
        with self.store.session() as session:
            ids = reminders.due_draft_ids(session, now, schedule)
        for start in range(0, len(ids), _CHUNK):
            with self.store.session() as session:
                drafts = reminders.claim_due_drafts(session, ids[start : start + _CHUNK], now, schedule)
                self._remind_chunk(session, drafts, now, report)
        return report

    def _remind_chunk(
        self, session: Session, drafts: list[DueDraft], now: datetime, report: SweepReport
    ) -> None:
        by_email: list[DueDraft] = []
        reminded: list[DueDraft] = []
        for draft in drafts:
            action = reminder_action(draft, now, self.config)
            if action == "remind":
                if draft.channel == "email":
                    by_email.append(draft)  # queued together below, in one statement
                else:
                    case = case_store.get_case(session, draft.id)
                    assert case is not None
                    self.engine.reply(
                        session, case, reminder_reply(case), context={}, dedupe_key=reminder_key(draft)
                    )
                reminded.append(draft)
            elif action == "abandon":
                case = case_store.get_case(session, draft.id)
                assert case is not None
                close_case(session, self.engine, case, reason="abandoned", actor="casebot", now=now)
                report.abandoned += 1
        self.email.queue_reminders(session, by_email)
        reminders.advance_reminders(session, reminded, now)
        audit.record_many(
            session,
            [
                {"action": "case.reminded", "case_id": d.id, "detail": {"step": d.reminders_sent + 1}}
                for d in reminded
            ],
        )
        report.reminded += len(reminded)

    # -- login grants ------------------------------------------------------------------------------

    def expire(self, now: datetime | None = None) -> int:
        """End grants whose configured maximum duration has passed."""
        now = now or utcnow()
        ended = 0
        with self.store.session() as session:
            for grant in grants.expire_grants(session, now):
                case = case_store.get_case(session, grant.case_id)
                if case is not None and grants.end_grant(
                    session, case, reason="expired", actor="casebot", now=now
                ):
                    ended += 1
        return ended

    async def call_backend(self, now: datetime | None = None, *, batches: int = 10) -> SweepReport:
        """Make the due grant and revoke calls, several at once; failures are retried later."""
        report = SweepReport()
        for _ in range(batches):
            claimed = await asyncio.to_thread(grants.claim_due_calls, self.store, now=now, limit=_BATCH)
            if not claimed:
                break
            payloads = await asyncio.to_thread(self._payloads, claimed)
            semaphore = asyncio.Semaphore(_CALL_CONCURRENCY)
            results = await asyncio.gather(*(self._call(g, payloads, semaphore) for g in claimed))
            retry = timedelta(seconds=self.config.grants.retry_seconds)
            await asyncio.to_thread(
                grants.record_calls, self.store, list(results), first_retry=retry, now=now
            )
            report.grant_calls += sum(r.error is None for r in results)
            report.grant_failures += sum(r.error is not None for r in results)
            if len(claimed) < _BATCH:
                break
        report.alerts = await asyncio.to_thread(self.alert_failing, now)
        return report

    async def _call(
        self, grant: LoginGrant, payloads: dict[int, dict[str, Any]], semaphore: asyncio.Semaphore
    ) -> grants.CallResult:
        assert grant.id is not None and grant.pending_action is not None
        async with semaphore:
            try:
                detail = await self.backend.call(payloads[grant.id])
            except GrantCallError as exc:
                log.warning("grant %s for case %s failed: %s", grant.pending_action, grant.case_id, exc)
                return grants.CallResult(grant.id, grant.pending_action, grant.sequence, error=str(exc))
        return grants.CallResult(grant.id, grant.pending_action, grant.sequence, detail=detail)

    def _payloads(self, claimed: list[LoginGrant]) -> dict[int, dict[str, Any]]:
        """What the customer's system is told for each call, read in one query."""
        with self.store.session() as session:
            cases = case_store.places_of(session, [g.case_id for g in claimed])
        out: dict[int, dict[str, Any]] = {}
        for grant in claimed:
            customer, instance = cases[grant.case_id]
            assert grant.id is not None and grant.pending_action is not None
            moment = grant.revoked_at if grant.pending_action == GrantAction.REVOKE else grant.granted_at
            out[grant.id] = {
                "action": grant.pending_action,
                "case_ref": case_ref(grant.case_id),
                "case_id": grant.case_id,
                "customer": customer,
                "instance": instance,
                "at": iso(moment),
                "reason": grant.revoke_reason if grant.pending_action == GrantAction.REVOKE else None,
                "grant_id": grant.id,
                "sequence": grant.sequence,
                "idempotency_key": f"casebot-grant-{grant.id}-{grant.sequence}",
            }
        return out

    def alert_failing(self, now: datetime | None = None) -> int:
        """Tell staff once about revocations that have failed for longer than configured; keep trying."""
        now = now or utcnow()
        cutoff = now - timedelta(hours=self.config.grants.alert_after_hours)
        alerted = 0
        with self.store.session() as session:
            for grant in grants.grants_failing_unalerted(session, cutoff):
                case = case_store.get_case(session, grant.case_id)
                if case is None:
                    continue
                for notifier in self.engine.staff:
                    notifier.notify(session, case, kind="grant_alert", missing=[])
                grant.alerted_at = now
                session.add(grant)
                audit.record(
                    session, "grant.alerted", case_id=case.id, failing_since=iso(grant.failing_since)
                )
                alerted += 1
        return alerted
