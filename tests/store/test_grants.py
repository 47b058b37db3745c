"""Login grants in the store: opened once, ended once, calls claimed exclusively and retried with backoff."""

from __future__ import annotations

from datetime import timedelta

from store import grants
from store.cases import create_case
from store.db import Store
from store.models import Case, CaseStatus, GrantAction, GrantStatus, LoginGrant, utcnow


def _open_case(store: Store) -> int:
    with store.session() as session:
        case = create_case(session, subject="grant", status=CaseStatus.OPEN, login_allowed=True)
        grants.open_grant(session, case, actor="kari@acme.no")
        assert case.id is not None
        return case.id


def test_a_grant_opens_once_and_ends_once(store: Store) -> None:
    """A second open of an active grant and a second end of a revoked one change nothing."""
    case_id = _open_case(store)
    with store.session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        assert grants.open_grant(session, case, actor="kari@acme.no") is None
        assert grants.end_grant(session, case, reason="case-closed", actor="cli") is True
        assert grants.end_grant(session, case, reason="case-closed", actor="cli") is False
        grant = grants.grant_of(session, case_id)
        assert grant is not None and grant.status == GrantStatus.REVOKED
        assert grant.pending_action == GrantAction.REVOKE


def test_a_call_is_claimed_by_one_sweep_until_its_lease_ends(store: Store) -> None:
    """Two sweeps at the same moment: the first takes the call, the second nothing; after the lease, again."""
    _open_case(store)
    now = utcnow()
    (first,) = grants.claim_due_calls(store, now=now)
    assert first.pending_action == GrantAction.GRANT
    assert grants.claim_due_calls(store, now=now) == []
    (again,) = grants.claim_due_calls(store, now=now + grants.LEASE + timedelta(seconds=1))
    assert again.id == first.id and again.attempts == 2


def test_a_failed_call_waits_longer_each_time_and_a_confirmed_one_is_done(store: Store) -> None:
    """Backoff doubles from the first retry; a confirmation clears the pending call and is recorded."""
    case_id = _open_case(store)
    now = utcnow()
    (call,) = grants.claim_due_calls(store, now=now)
    assert call.id is not None
    retry = timedelta(seconds=10)
    failed = [grants.CallResult(call.id, "grant", call.sequence, error="HTTP 503")]
    grants.record_calls(store, failed, first_retry=retry, now=now)
    assert grants.claim_due_calls(store, now=now + timedelta(seconds=9)) == []
    assert len(grants.claim_due_calls(store, now=now + retry)) == 1
    grants.record_calls(store, failed, first_retry=retry, now=now)
    with store.session() as session:
        waiting = session.get(LoginGrant, call.id)
        assert waiting is not None and waiting.next_attempt_at - now == 2 * retry
        assert waiting.failing_since == now
    assert len(grants.claim_due_calls(store, now=now + 2 * retry)) == 1
    grants.record_calls(
        store, [grants.CallResult(call.id, "grant", call.sequence, detail={"http_status": 200})], now=now
    )
    with store.session() as session:
        done = grants.grant_of(session, case_id)
        assert done is not None and done.pending_action is None and done.grant_confirmed_at == now
        assert done.failing_since is None
    assert grants.claim_due_calls(store, now=now + timedelta(hours=1)) == []


def test_a_revoke_decided_during_a_grant_call_is_not_lost(store: Store) -> None:
    """A grant call confirmed after the case closed leaves the pending revoke in place."""
    case_id = _open_case(store)
    now = utcnow()
    (call,) = grants.claim_due_calls(store, now=now)
    assert call.id is not None
    with store.session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        grants.end_grant(session, case, reason="case-closed", actor="cli", now=now)
    grants.record_calls(store, [grants.CallResult(call.id, "grant", call.sequence, detail={})], now=now)
    (revoke,) = grants.claim_due_calls(store, now=now + grants.LEASE + timedelta(seconds=1))
    assert revoke.pending_action == GrantAction.REVOKE


def test_expired_grants_are_found_by_their_end(store: Store) -> None:
    """A grant with a maximum duration is due to end once that time has passed, not before."""
    now = utcnow()
    with store.session() as session:
        case = create_case(session, subject="kort", status=CaseStatus.OPEN, login_allowed=True)
        grants.open_grant(session, case, actor="kari@acme.no", now=now, max_hours=2)
    with store.session() as session:
        assert grants.expire_grants(session, now + timedelta(hours=1)) == []
        assert len(grants.expire_grants(session, now + timedelta(hours=2))) == 1


def test_a_late_confirmation_of_an_old_call_does_not_settle_a_newer_one(store: Store) -> None:
    """A grant call confirmed after the grant was revoked and granted again leaves the new grant call owed."""
    case_id = _open_case(store)
    now = utcnow()
    (first,) = grants.claim_due_calls(store, now=now)
    assert first.id is not None and first.sequence == 1
    with store.session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        grants.end_grant(session, case, reason="withdrawn", actor="kari@acme.no", now=now)
        grants.open_grant(session, case, actor="kari@acme.no", now=now)
    grants.record_calls(store, [grants.CallResult(first.id, "grant", first.sequence, detail={})], now=now)
    with store.session() as session:
        grant = grants.grant_of(session, case_id)
        assert grant is not None
        assert (grant.pending_action, grant.sequence, grant.grant_confirmed_at) == (
            GrantAction.GRANT,
            3,
            None,
        )


def test_released_claims_are_due_at_once(store: Store) -> None:
    """At the start of the only instance, a call claimed before a crash is due again without waiting for
    its lease."""
    _open_case(store)
    now = utcnow()
    assert len(grants.claim_due_calls(store, now=now)) == 1
    assert grants.claim_due_calls(store, now=now + timedelta(seconds=1)) == []
    assert grants.release_claims(store) == 1
    assert len(grants.claim_due_calls(store, now=utcnow() + timedelta(seconds=1))) == 1
