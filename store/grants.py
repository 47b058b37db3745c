"""Login grants: open while a case is open with consent, ended once, with every step audited.

The decision (active → revoked) and the call that tells the customer's system are separate: the
decision is made in the caller's transaction; the call is pending work (`pending_action`) that the
grant sweep claims, delivers and retries until the backend confirms it.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlmodel import Session, select

from store import audit
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
