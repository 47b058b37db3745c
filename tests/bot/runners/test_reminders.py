"""Reminders with a controlled clock: the series, business hours, stop on answer, abandonment."""

from __future__ import annotations

import email
import email.policy
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from sqlmodel import col, select

from bot.builders import build_engine
from bot.config import parse_config
from bot.conversation.engine import Engine
from bot.conversation.events import InboundEvent
from bot.email.channel import EmailChannel
from bot.runners.grant_calls import LogBackend
from bot.runners.sweeps import Sweeps, in_business_hours
from bot.server.processing import render_queued
from store.db import Store, open_store
from store.models import Case, OutboxItem

# Monday 30 November 2026, 09:00 in Oslo (08:00 UTC).
MONDAY_9 = datetime(2026, 11, 30, 8, 0, tzinfo=UTC)


@pytest.fixture
def world(store_url: str, tmp_path: Path) -> Iterator[tuple[Store, Engine, Sweeps]]:
    config = parse_config(
        {
            "smtp": {"addresses": ["support@vendor.example"]},
            "outbound": {"from_address": "support@vendor.example", "staff_address": "staff@vendor.example"},
            "customers": [{"name": "Acme AS", "domains": ["acme.no"], "instance": "acme.landax.no"}],
        }
    )
    store = open_store(store_url, tmp_path / "att", migrate=True)
    engine = build_engine(config, store)
    yield store, engine, Sweeps(store, engine, config, LogBackend())
    store.dispose()


def _email(text: str, *, at: datetime, case_id: int | None = None, n: int = 0) -> InboundEvent:
    return InboundEvent(
        channel="email",
        sender="kari@acme.no",
        sender_name="Kari",
        customer="Acme AS",
        subject="Spørsmål om kurs",
        text=text,
        sent_at=at,
        external_id=f"<m{n}-{at.timestamp()}@acme.no>",
        case_id=case_id,
    )


def _start(store: Store, engine: Engine, at: datetime) -> int:
    with store.session() as session:
        outcome = engine.handle(session, _email("Hei, hvordan melder jeg meg på et kurs?", at=at), now=at)
    assert outcome.case_id is not None and outcome.asked == ("login_allowed", "personal_data")
    return outcome.case_id


def _reminders(store: Store, case_id: int) -> list[OutboxItem]:
    with store.session() as session:
        return list(
            session.exec(
                select(OutboxItem)
                .where(OutboxItem.case_id == case_id, OutboxItem.kind == "reminder")
                .order_by(col(OutboxItem.id))
            )
        )


def _body(world: tuple[Store, Engine, Sweeps], item: OutboxItem) -> str:
    """The text of a queued email as the customer will read it, written out as the sender does."""
    store, engine, _ = world
    channel = engine.channels["email"]
    assert isinstance(channel, EmailChannel)
    text = item.payload.get("message") or render_queued(store, channel, item)
    return str(email.message_from_string(text, policy=email.policy.default).get_content())


def _case(store: Store, case_id: int) -> Case:
    with store.session() as session:
        case = session.get(Case, case_id)
        assert case is not None
        return case


def test_series_of_two_reminders_then_abandonment(world: tuple[Store, Engine, Sweeps]) -> None:
    """24 h and 72 h of silence bring a reminder each, in Norwegian, with what is missing; 7 days close it."""
    store, engine, sweeps = world
    case_id = _start(store, engine, MONDAY_9)
    assert sweeps.remind(MONDAY_9 + timedelta(hours=23)).reminded == 0
    assert sweeps.remind(MONDAY_9 + timedelta(hours=24)).reminded == 1
    assert sweeps.remind(MONDAY_9 + timedelta(hours=25)).reminded == 0  # once, not every sweep
    (first,) = _reminders(store, case_id)
    assert "påminnelse" in _body(world, first) and "personopplysninger" in _body(world, first)
    assert sweeps.remind(MONDAY_9 + timedelta(hours=72)).reminded == 1
    assert sweeps.remind(MONDAY_9 + timedelta(days=6)).reminded == 0
    report = sweeps.remind(MONDAY_9 + timedelta(days=7))
    assert report.abandoned == 1
    case = _case(store, case_id)
    assert case.status == "closed" and case.close_reason == "abandoned"
    with store.session() as session:
        closing = session.exec(select(OutboxItem).where(OutboxItem.kind == "closed-abandoned")).one()
    assert "åpnes saken igjen" in _body(world, closing)
    assert len(_reminders(store, case_id)) == 2


def test_no_reminder_outside_business_hours(world: tuple[Store, Engine, Sweeps]) -> None:
    """A reminder due on Saturday waits until Monday 08:00 in Oslo."""
    store, engine, sweeps = world
    friday_10 = datetime(2026, 12, 4, 9, 0, tzinfo=UTC)
    case_id = _start(store, engine, friday_10)
    saturday = friday_10 + timedelta(days=1, hours=2)
    assert not in_business_hours(saturday, sweeps.config)
    assert sweeps.remind(saturday).reminded == 0
    monday_7_oslo = datetime(2026, 12, 7, 6, 0, tzinfo=UTC)
    assert sweeps.remind(monday_7_oslo).reminded == 0
    monday_8_oslo = datetime(2026, 12, 7, 7, 0, tzinfo=UTC)
    assert sweeps.remind(monday_8_oslo).reminded == 1
    assert len(_reminders(store, case_id)) == 1


def test_an_answer_stops_the_series(world: tuple[Store, Engine, Sweeps]) -> None:
    """Any answer restarts the clock: the reminder due at 24 h after the question is not sent."""
    store, engine, sweeps = world
    case_id = _start(store, engine, MONDAY_9)
    answered = MONDAY_9 + timedelta(hours=2)
    with store.session() as session:
        engine.handle(session, _email("Dere kan logge inn.", at=answered, case_id=case_id, n=1), now=answered)
    assert _case(store, case_id).asked == ["personal_data"]
    assert sweeps.remind(MONDAY_9 + timedelta(hours=24)).reminded == 0
    assert sweeps.remind(answered + timedelta(hours=24)).reminded == 1
    (reminder,) = _reminders(store, case_id)
    assert "personopplysninger" in _body(world, reminder) and "logge på" not in _body(world, reminder)


def test_complete_cases_are_never_reminded(world: tuple[Store, Engine, Sweeps]) -> None:
    """An answer that completes the case ends the series for good."""
    store, engine, sweeps = world
    case_id = _start(store, engine, MONDAY_9)
    with store.session() as session:
        engine.handle(
            session,
            _email("1. ja\n2. nei", at=MONDAY_9, case_id=case_id, n=2),
            now=MONDAY_9 + timedelta(hours=1),
        )
    assert _case(store, case_id).status == "open"
    for days in (1, 3, 8):
        assert sweeps.remind(MONDAY_9 + timedelta(days=days)).reminded == 0
    assert _case(store, case_id).status == "open"
