"""The grant sweep in-process with a controlled clock: expiry, ordering, and the log backend."""

from __future__ import annotations

import asyncio
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from bot.builders import build_engine
from bot.config import parse_config
from bot.conversation.engine import close_case
from bot.runners.grant_calls import LogBackend
from bot.runners.sweeps import Sweeps
from store import audit, grants
from store import cases as case_store
from store.db import Store, open_store

T0 = datetime(2026, 12, 1, 9, 0, tzinfo=UTC)


@pytest.fixture
def sweeps(store_url: str, tmp_path: Path) -> Iterator[Sweeps]:
    config = parse_config({"smtp": {"addresses": ["support@vendor.example"]}, "grants": {"max_hours": 48.0}})
    store = open_store(store_url, tmp_path / "att", migrate=True)
    yield Sweeps(store, build_engine(config, store), config, LogBackend())
    store.dispose()


def _open_case(store: Store, sweeps: Sweeps) -> int:
    with store.session() as session:
        case = case_store.create_case(
            session,
            status="open",
            subject="Tilgang",
            reporter="kari@acme.no",
            customer="Acme AS",
            instance="acme.landax.no",
            language="nb",
            login_allowed=True,
            personal_data=False,
        )
        grants.open_grant(
            session, case, actor="kari@acme.no", now=T0, max_hours=sweeps.config.grants.max_hours
        )
        assert case.id is not None
        return case.id


def _actions(store: Store, case_id: int) -> list[str]:
    with store.session() as session:
        return [e.action for e in audit.entries_for(session, case_id)]


def test_grant_ends_after_the_configured_maximum(sweeps: Sweeps) -> None:
    """With [grants] max_hours the grant is revoked when the time is up, even though the case is open."""
    case_id = _open_case(sweeps.store, sweeps)
    asyncio.run(sweeps.call_backend(T0))
    assert sweeps.expire(T0 + timedelta(hours=47)) == 0
    assert sweeps.expire(T0 + timedelta(hours=48)) == 1
    asyncio.run(sweeps.call_backend(T0 + timedelta(hours=48)))
    with sweeps.store.session() as session:
        grant = grants.grant_of(session, case_id)
        assert grant is not None and grant.status == "revoked" and grant.revoke_reason == "expired"
        assert grant.revoke_confirmed_at is not None and grant.pending_action is None
    assert _actions(sweeps.store, case_id) == [
        "grant.opened",
        "grant.grant.confirmed",
        "grant.revoked",
        "grant.revoke.confirmed",
    ]


def test_close_before_the_grant_call_skips_to_the_revoke(sweeps: Sweeps) -> None:
    """A case closed before its grant was ever announced makes one revoke call, not a grant then a revoke."""
    case_id = _open_case(sweeps.store, sweeps)
    with sweeps.store.session() as session:
        case = case_store.get_case(session, case_id)
        assert case is not None
        close_case(session, sweeps.engine, case, reason="staff", actor="staff", now=T0, tell_customer=False)
    report = asyncio.run(sweeps.call_backend(T0))
    assert report.grant_calls == 1
    assert asyncio.run(sweeps.call_backend(T0 + timedelta(minutes=5))).grant_calls == 0
    assert _actions(sweeps.store, case_id)[-1] == "grant.revoke.confirmed"


def test_a_sweep_run_twice_does_no_harm(sweeps: Sweeps) -> None:
    """Running the grant sweep again right away makes no second call."""
    _open_case(sweeps.store, sweeps)
    assert asyncio.run(sweeps.call_backend(T0)).grant_calls == 1
    assert asyncio.run(sweeps.call_backend(T0)).grant_calls == 0
