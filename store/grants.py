"""Login grants: open while a case is open with consent, ended once, with every step audited.

The decision (active → revoked) and the call that tells the customer's system are separate: the
decision is made in the caller's transaction; the call is pending work (`pending_action`) that the
grant sweep claims, delivers and retries until the backend confirms it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import or_, update
from sqlmodel import Session, col, select

from store import audit
from store.db import Store
from store.models import Case, LoginGrant, iso, utcnow


def grant_of(session: Session, case_id: int) -> LoginGrant | None:
    return session.exec(select(LoginGrant).where(LoginGrant.case_id == case_id)).first()


def open_grant(
    session: Session, case: Case, *, actor: str, now: datetime | None = None, max_hours: float = 0.0
) -> LoginGrant | None:
    """Start (or restart) the grant for an open case with consent; no-op when one is active."""
    assert case.id is not None
    now = now or utcnow()
    grant = grant_of(session, case.id)
    if grant is not None and grant.status == "active":
        return None
    expires = now + timedelta(hours=max_hours) if max_hours > 0 else None
    if grant is None:
        grant = LoginGrant(case_id=case.id)
    grant.status = "active"
    grant.granted_at = now
    grant.expires_at = expires
    grant.revoked_at = None
    grant.revoke_reason = None
    grant.revoke_confirmed_at = None
    grant.grant_confirmed_at = None
    grant.pending_action = "grant"
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
    if grant is None or grant.status != "active":
        return False
    grant.status = "revoked"
    grant.revoked_at = now
    grant.revoke_reason = reason
    # A grant call not yet confirmed need not be made any more: revoking covers it.
    grant.pending_action = "revoke"
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


def claim_due_calls(store: Store, *, now: datetime | None = None, limit: int = 200) -> list[LoginGrant]:
    """Claim grant/revoke calls that are due; a claim is exclusive until its lease ends.

    The conditional UPDATE is what makes two instances on one PostgreSQL call the backend once:
    the second waits for the first's row lock and then finds the claim taken.
    """
    now = now or utcnow()
    due = or_(col(LoginGrant.claimed_until).is_(None), col(LoginGrant.claimed_until) < now)
    with store.session() as session:
        ids = session.exec(
            select(LoginGrant.id)
            .where(col(LoginGrant.pending_action).is_not(None), col(LoginGrant.next_attempt_at) <= now, due)
            .order_by(col(LoginGrant.next_attempt_at))
            .limit(limit)
        ).all()
    claimed: list[LoginGrant] = []
    for grant_id in ids:
        with store.session() as session:
            result = session.execute(
                update(LoginGrant)
                .where(col(LoginGrant.id) == grant_id, col(LoginGrant.pending_action).is_not(None), due)
                .values(claimed_until=now + LEASE, attempts=LoginGrant.attempts + 1)
            )
            if result.rowcount == 1:  # type: ignore[attr-defined]
                grant = session.get(LoginGrant, grant_id)
                if grant is not None:
                    claimed.append(grant)
    return claimed


def confirm_call(
    store: Store, grant_id: int, action: str, *, detail: dict[str, Any], now: datetime | None = None
) -> bool:
    """The backend confirmed `action`: the call is done, unless the grant moved on meanwhile."""
    now = now or utcnow()
    with store.session() as session:
        grant = session.get(LoginGrant, grant_id)
        if grant is None:
            return False
        audit.record(
            session, f"grant.{action}.confirmed", case_id=grant.case_id, attempts=grant.attempts, **detail
        )
        if grant.pending_action != action:
            return False  # revoked while the grant call was under way: the revoke call is next
        grant.pending_action = None
        grant.claimed_until = None
        grant.last_error = None
        grant.failing_since = None
        if action == "grant":
            grant.grant_confirmed_at = now
        else:
            grant.revoke_confirmed_at = now
        session.add(grant)
        return True


def fail_call(
    store: Store,
    grant_id: int,
    action: str,
    error: str,
    *,
    first_retry: timedelta = FIRST_RETRY,
    now: datetime | None = None,
) -> LoginGrant | None:
    """Record a failed call and schedule the next try with backoff; it is retried until it succeeds."""
    now = now or utcnow()
    with store.session() as session:
        grant = session.get(LoginGrant, grant_id)
        if grant is None:
            return None
        audit.record(
            session,
            f"grant.{action}.failed",
            case_id=grant.case_id,
            attempt=grant.attempts,
            error=error[:500],
        )
        if grant.pending_action != action:
            return grant
        wait = min(first_retry * (2 ** max(grant.attempts - 1, 0)), LONGEST_WAIT)
        grant.next_attempt_at = now + wait
        grant.claimed_until = None
        grant.last_error = error[:2000]
        grant.failing_since = grant.failing_since or now
        session.add(grant)
        return grant


def grants_failing_unalerted(session: Session, older_than: datetime) -> list[LoginGrant]:
    """Revocations failing since before `older_than` that staff have not been told about yet."""
    return list(
        session.exec(
            select(LoginGrant)
            .where(
                LoginGrant.pending_action == "revoke",
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
                LoginGrant.status == "active",
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
