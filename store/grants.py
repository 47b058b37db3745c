"""Login grants: open while a case is open with consent, ended once, with every step audited.

The decision (active → revoked) and the call that tells the customer's system are separate: the
decision is made in the caller's transaction; the call is pending work (`pending_action`) that the
grant sweep claims, delivers and retries until the backend confirms it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, update
from sqlalchemy import select as sa_select
from sqlmodel import Session, col, select

from store import audit
from store.db import Store
from store.models import Case, GrantAction, GrantStatus, LoginGrant, iso, utcnow


def grant_of(session: Session, case_id: int) -> LoginGrant | None:
    """The case's login grant, or None. The query flushes the session first, so a grant added in this
    transaction is found like any other (kept simple on purpose: grants are what Trust rests on)."""
    return session.exec(select(LoginGrant).where(LoginGrant.case_id == case_id)).first()


def open_grant(
    session: Session, case: Case, *, actor: str, now: datetime | None = None, max_hours: float = 0.0
) -> LoginGrant | None:
    """Start (or restart) the grant for an open case with consent; no-op when one is active."""
    assert case.id is not None
    now = now or utcnow()
    grant = grant_of(session, case.id)
    if grant is not None and grant.status == GrantStatus.ACTIVE:
        return None
    expires = now + timedelta(hours=max_hours) if max_hours > 0 else None
    if grant is None:
        grant = LoginGrant(case_id=case.id)
    grant.status = GrantStatus.ACTIVE
    grant.granted_at = now
    grant.expires_at = expires
    grant.revoked_at = None
    grant.revoke_reason = None
    grant.revoke_confirmed_at = None
    grant.grant_confirmed_at = None
    grant.pending_action = GrantAction.GRANT
    grant.sequence += 1
    grant.attempts = 0
    grant.next_attempt_at = now
    grant.failing_since = None
    grant.alerted_at = None
    session.add(grant)
    audit.record(session, "grant.opened", case_id=case.id, actor=actor, expires_at=iso(expires))
    return grant


def end_grant(session: Session, case: Case, *, reason: str, actor: str, now: datetime | None = None) -> bool:
    """Decide the revocation (once); the sweep tells the customer's system. False if none was active."""
    assert case.id is not None
    now = now or utcnow()
    grant = grant_of(session, case.id)
    if grant is None or grant.status != GrantStatus.ACTIVE:
        return False
    grant.status = GrantStatus.REVOKED
    grant.revoked_at = now
    grant.revoke_reason = reason
    # A grant call not yet confirmed need not be made any more: revoking covers it.
    grant.pending_action = GrantAction.REVOKE
    grant.sequence += 1
    grant.attempts = 0
    grant.next_attempt_at = now
    grant.failing_since = None
    session.add(grant)
    audit.record(session, "grant.revoked", case_id=case.id, actor=actor, reason=reason)
    return True


def grant_view(grant: LoginGrant | None) -> dict[str, Any]:
    """The `login_grant` object of `cases show --json`."""
    if grant is None:
        return {"status": "none", "granted_at": None, "revoked_at": None}
    return {
        "status": grant.status,
        "granted_at": iso(grant.granted_at),
        "revoked_at": iso(grant.revoked_at),
        "expires_at": iso(grant.expires_at),
        "revoke_reason": grant.revoke_reason,
        "backend": {
            "pending": grant.pending_action,
            "grant_confirmed_at": iso(grant.grant_confirmed_at),
            "revoke_confirmed_at": iso(grant.revoke_confirmed_at),
            "attempts": grant.attempts,
            "last_error": grant.last_error,
        },
    }


LEASE = timedelta(minutes=1)
FIRST_RETRY = timedelta(seconds=10)
LONGEST_WAIT = timedelta(minutes=15)


def claim_due_calls(store: Store, *, now: datetime | None = None, limit: int = 500) -> list[LoginGrant]:
    """Claim grant/revoke calls that are due, in one statement; a claim is exclusive until its lease ends.

    On PostgreSQL the rows are picked `FOR UPDATE SKIP LOCKED`, so two instances sweeping at the
    same moment split the work instead of both taking it; SQLite has one writer at a time anyway.
    """
    now = now or utcnow()
    due = (
        col(LoginGrant.pending_action).is_not(None)
        & (col(LoginGrant.next_attempt_at) <= now)
        & or_(col(LoginGrant.claimed_until).is_(None), col(LoginGrant.claimed_until) < now)
    )
    with store.session() as session:
        pick = select(LoginGrant.id).where(due).order_by(col(LoginGrant.next_attempt_at)).limit(limit)
        if session.get_bind().dialect.name == "postgresql":
            pick = pick.with_for_update(skip_locked=True)
        claimed_ids = list(
            session.execute(
                update(LoginGrant)
                .where(col(LoginGrant.id).in_(pick.scalar_subquery()), due)
                .values(claimed_until=now + LEASE, attempts=LoginGrant.attempts + 1)
                .returning(col(LoginGrant.id))
            ).scalars()
        )
        if not claimed_ids:
            return []
        return list(session.exec(select(LoginGrant).where(col(LoginGrant.id).in_(claimed_ids))))


def release_claims(store: Store) -> int:
    """Make every claimed call due again: at start-up of the only instance (the SQLite store), so a
    revocation a crash interrupted is made at once, not when its lease runs out."""
    with store.session() as session:
        result = session.execute(
            update(LoginGrant)
            .where(col(LoginGrant.claimed_until).is_not(None))
            .values(claimed_until=None, next_attempt_at=utcnow())
        )
        return int(result.rowcount)  # type: ignore[attr-defined]


@dataclass(frozen=True)
class CallResult:
    """How one grant or revoke call went: `detail` to audit when it was confirmed, else `error`."""

    grant_id: int
    action: str
    #: The grant's sequence when the call was claimed: a result only settles that very call.
    sequence: int
    detail: dict[str, Any] | None = None
    error: str | None = None


def record_calls(
    store: Store,
    results: list[CallResult],
    *,
    first_retry: timedelta = FIRST_RETRY,
    now: datetime | None = None,
) -> None:
    """Record a sweep's call results in one transaction: confirmed calls are done, failed ones wait
    with exponential backoff and are retried until they succeed. A grant that moved on meanwhile
    (revoked while its grant call was under way) keeps its new pending call.

    Confirmations, the common case, are written set-based: one UPDATE per action, whatever their
    number."""
    if not results:
        return
    now = now or utcnow()
    with store.session() as session:
        case_of: dict[int, int] = {
            grant_id: case_id
            for grant_id, case_id in session.execute(
                sa_select(col(LoginGrant.id), col(LoginGrant.case_id)).where(
                    col(LoginGrant.id).in_([r.grant_id for r in results])
                )
            )
        }
        for action, confirmed_column in (
            (GrantAction.GRANT, "grant_confirmed_at"),
            (GrantAction.REVOKE, "revoke_confirmed_at"),
        ):
            confirmed = [r for r in results if r.error is None and r.action == action]
            for sequence in {r.sequence for r in confirmed}:
                session.execute(
                    update(LoginGrant)
                    .where(
                        col(LoginGrant.id).in_([r.grant_id for r in confirmed if r.sequence == sequence]),
                        col(LoginGrant.pending_action) == action,
                        col(LoginGrant.sequence) == sequence,
                    )
                    .values(
                        pending_action=None,
                        claimed_until=None,
                        last_error=None,
                        failing_since=None,
                        **{confirmed_column: now},
                    )
                )
        for result in results:
            if result.error is None:
                continue
            grant = session.get(LoginGrant, result.grant_id)
            if grant is None or grant.pending_action != result.action or grant.sequence != result.sequence:
                continue  # the grant moved on (a revoke, a new grant): the newer call is what is owed
            grant.claimed_until = None
            grant.next_attempt_at = now + min(first_retry * (2 ** max(grant.attempts - 1, 0)), LONGEST_WAIT)
            grant.last_error = result.error[:2000]
            grant.failing_since = grant.failing_since or now
            session.add(grant)
        audit.record_many(
            session,
            [
                {
                    "action": f"grant.{r.action}.{'confirmed' if r.error is None else 'failed'}",
                    "case_id": case_of.get(r.grant_id),
                    "detail": dict(r.detail or {}) if r.error is None else {"error": r.error[:500]},
                }
                for r in results
                if r.grant_id in case_of
            ],
        )


def grants_failing_unalerted(session: Session, older_than: datetime) -> list[LoginGrant]:
    """Revocations failing since before `older_than` that staff have not been told about yet."""
    return list(
        session.exec(
            select(LoginGrant)
            .where(
                LoginGrant.pending_action == GrantAction.REVOKE,
                col(LoginGrant.failing_since) <= older_than,
                col(LoginGrant.alerted_at).is_(None),
            )
            .with_for_update(skip_locked=True)
        )
    )


def expire_grants(session: Session, now: datetime) -> list[LoginGrant]:
    """Active grants whose configured maximum duration has passed."""
    return list(
        session.exec(
            select(LoginGrant).where(
                LoginGrant.status == GrantStatus.ACTIVE,
                col(LoginGrant.expires_at).is_not(None),
                col(LoginGrant.expires_at) <= now,
            )
        )
    )


def list_grants(session: Session, status: str | None = None) -> list[LoginGrant]:
    stmt = select(LoginGrant).order_by(col(LoginGrant.id))
    if status is not None:
        stmt = stmt.where(LoginGrant.status == status)
    return list(session.exec(stmt))
