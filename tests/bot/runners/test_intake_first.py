"""Intake goes before processing: the inbox worker lets the edge store what is arriving first.

Real SQLite store, real `AcceptWriter` and `InboxWorker`; the SQLite writer lock is held from a
second connection to make a write wait, the way a long transaction elsewhere would.
"""

from __future__ import annotations

import asyncio
import sqlite3
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from bot.config import Config
from bot.conversation.events import Outcome
from bot.email.edge import AcceptWriter
from bot.runners.inbox import InboxWorker
from store.db import Store, open_store
from store.inbox import Arrival, accept_inbound


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(f"sqlite:///{tmp_path / 'casebot.db'}", tmp_path / "att", migrate=True)
    yield s
    s.dispose()


def _arrival(n: int) -> Arrival:
    raw = f"Subject: {n}\r\n\r\nbody\r\n".encode()
    return Arrival(raw=raw, envelope_from="a@x.no", envelope_to=("s@v.no",))


def test_idle_returns_at_once_when_nothing_is_arriving(store: Store) -> None:
    async def scenario() -> float:
        writer = AcceptWriter(store)
        writer.start()
        try:
            started = time.perf_counter()
            await writer.idle(5.0)
            return time.perf_counter() - started
        finally:
            await writer.stop()

    assert asyncio.run(scenario()) < 0.5


def test_idle_waits_for_a_pending_write_but_never_longer_than_its_bound(store: Store, tmp_path: Path) -> None:
    async def scenario() -> tuple[float, float, int]:
        writer = AcceptWriter(store)
        writer.start()
        blocker = sqlite3.connect(tmp_path / "casebot.db", isolation_level=None)
        blocker.execute("BEGIN IMMEDIATE")  # holds SQLite's one writer: the accept must wait
        try:
            accepted = asyncio.create_task(writer.accept(_arrival(1)))
            await asyncio.sleep(0.05)
            started = time.perf_counter()
            await writer.idle(0.3)  # the write cannot finish: idle gives up after its bound
            bounded = time.perf_counter() - started
            blocker.execute("ROLLBACK")
            started = time.perf_counter()
            await writer.idle(10.0)  # the lock is free: the write finishes and idle returns with it
            waited = time.perf_counter() - started
            return bounded, waited, await accepted
        finally:
            blocker.close()
            await writer.stop()

    bounded, waited, inbound_id = asyncio.run(scenario())
    assert 0.25 <= bounded < 2.0
    assert waited < 5.0
    assert inbound_id > 0


def test_the_worker_lets_intake_go_first_before_each_message(store: Store) -> None:
    ids = accept_inbound(store, [_arrival(n) for n in range(3)])
    events: list[str] = []

    def process(inbound_id: int) -> Outcome:
        events.append(f"process {inbound_id}")
        return Outcome(case_id=None, action="test")

    async def intake_first() -> None:
        events.append("intake first")

    async def scenario() -> int:
        worker = InboxWorker(store, {"email": process}, Config(), intake_first=intake_first)
        return await worker.sweep()

    assert asyncio.run(scenario()) == 3
    expected: list[str] = []
    for inbound_id in ids:
        expected += ["intake first", f"process {inbound_id}"]
    assert events == expected
