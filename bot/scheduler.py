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

from sqlmodel import Session, col, select

from bot.config import Config
from bot.engine import Engine, close_case
from bot.grants_backend import GrantBackend, GrantCallError
from bot.replies import Reply, questions_for
from bot.requirements import missing_fields
from bot.texts import say
from store import audit, grants
from store.db import Store
from store.models import Case, LoginGrant, iso, utcnow

log = logging.getLogger(__name__)

_CHUNK = 200
_CALL_CONCURRENCY = 10


def in_business_hours(now: datetime, config: Config) -> bool:
    """Whether `now` falls in the configured business hours, in the customers' time zone."""
    cfg = config.reminders
    local = now.astimezone(ZoneInfo(cfg.timezone))
    return (
        local.isoweekday() in cfg.business_days
        and cfg.business_start_hour <= local.hour < cfg.business_end_hour
    )


def reminder_action(case: Case, now: datetime, config: Config) -> str | None:
    """What a silent draft needs now: `remind`, `abandon`, or nothing (business hours aside)."""
    if case.status != "draft" or case.asked_at is None:
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

    # -- reminders -------------------------------------------------------------------------------

    def remind(self, now: datetime | None = None) -> SweepReport:
        """Send due reminders and close abandoned drafts; each exactly once across instances."""
        now = now or utcnow()
        report = SweepReport()
        if not in_business_hours(now, self.config):
            return report
        first = min(
            (*self.config.reminders.after_hours, self.config.reminders.abandon_after_days * 24 or 1e9)
        )
        with self.store.session() as session:
            ids = list(
                session.exec(
                    select(Case.id)
                    .where(
                        Case.status == "draft",
                        col(Case.asked_at).is_not(None),
                        col(Case.asked_at) <= now - timedelta(hours=first),
                    )
                    .order_by(col(Case.id))
                )
            )
        for start in range(0, len(ids), _CHUNK):
            with self.store.session() as session:
                locked = session.exec(
                    select(Case)
                    .where(col(Case.id).in_(ids[start : start + _CHUNK]))
                    .with_for_update(skip_locked=True)
                ).all()
                for case in locked:
                    action = reminder_action(case, now, self.config)
                    if action == "remind":
                        self._send_reminder(session, case, now)
                        report.reminded += 1
                    elif action == "abandon":
                        close_case(session, self.engine, case, reason="abandoned", actor="casebot", now=now)
                        report.abandoned += 1
        return report

    def _send_reminder(self, session: Session, case: Case, now: datetime) -> None:
        lang = case.language
        missing = missing_fields(case)
        reply = Reply(
            kind="reminder",
            language=lang,
            paragraphs=(say(lang, "reminder", id=case.id, subject=case.subject),),
            questions=questions_for(missing, lang, case),
            tip=say(lang, "questions_tip"),
        )
        step = case.reminders_sent
        assert case.asked_at is not None
        self.engine.channel_for(case).send(
            session,
            case,
            reply,
            context={},
            dedupe_key=f"reminder:{case.id}:{case.asked_at.isoformat()}:{step}",
        )
        case.reminders_sent = step + 1
        session.add(case)
        audit.record(session, "case.reminded", case_id=case.id, step=step + 1, fields=missing)

    # -- login grants ------------------------------------------------------------------------------

    def expire(self, now: datetime | None = None) -> int:
        """End grants whose configured maximum duration has passed."""
        now = now or utcnow()
        ended = 0
        with self.store.session() as session:
            for grant in grants.expire_grants(session, now):
                case = session.get(Case, grant.case_id)
                if case is not None and grants.end_grant(
                    session, case, reason="expired", actor="casebot", now=now
                ):
                    ended += 1
        return ended

    async def call_backend(self, now: datetime | None = None) -> SweepReport:
        """Make the due grant and revoke calls, several at once; failures are retried later."""
        report = SweepReport()
        claimed = await asyncio.to_thread(grants.claim_due_calls, self.store, now=now)
        semaphore = asyncio.Semaphore(_CALL_CONCURRENCY)

        async def one(grant: LoginGrant) -> None:
            async with semaphore:
                ok = await self._call(grant)
                if ok:
                    report.grant_calls += 1
                else:
                    report.grant_failures += 1

        await asyncio.gather(*(one(g) for g in claimed))
        report.alerts = await asyncio.to_thread(self.alert_failing, now)
        return report

    async def _call(self, grant: LoginGrant) -> bool:
        assert grant.id is not None and grant.pending_action is not None
        action = grant.pending_action
        payload = await asyncio.to_thread(self._payload, grant)
        try:
            detail = await self.backend.call(payload)
        except GrantCallError as exc:
            retry = timedelta(seconds=self.config.grants.retry_seconds)
            await asyncio.to_thread(
                grants.fail_call, self.store, grant.id, action, str(exc), first_retry=retry
            )
            log.warning(
                "grant %s for case %s failed (attempt %s): %s", action, grant.case_id, grant.attempts, exc
            )
            return False
        await asyncio.to_thread(grants.confirm_call, self.store, grant.id, action, detail=detail)
        log.info("grant %s for case %s confirmed", action, grant.case_id)
        return True

    def _payload(self, grant: LoginGrant) -> dict[str, Any]:
        with self.store.session() as session:
            case = session.get(Case, grant.case_id)
            assert case is not None and grant.pending_action is not None
            moment = grant.revoked_at if grant.pending_action == "revoke" else grant.granted_at
            return {
                "action": grant.pending_action,
                "case_ref": case.ref,
                "case_id": case.id,
                "customer": case.customer,
                "instance": case.instance,
                "at": iso(moment),
                "reason": grant.revoke_reason if grant.pending_action == "revoke" else None,
                "idempotency_key": f"casebot-grant-{grant.id}-{grant.pending_action}-{iso(moment)}",
            }

    def alert_failing(self, now: datetime | None = None) -> int:
        """Tell staff once about revocations that have failed for longer than configured; keep trying."""
        now = now or utcnow()
        cutoff = now - timedelta(hours=self.config.grants.alert_after_hours)
        alerted = 0
        with self.store.session() as session:
            for grant in grants.grants_failing_unalerted(session, cutoff):
                case = session.get(Case, grant.case_id)
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
