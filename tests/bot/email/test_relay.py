"""Replies to the relay: one SMTP session carries many messages, and a session the relay ended is
replaced without losing or delaying the message (a real aiosmtpd relay on a socket)."""

from __future__ import annotations

import asyncio
import threading
from typing import Any

import pytest
from aiosmtpd.controller import Controller

from bot.config import Secrets, parse_config
from bot.email.delivery import EmailDeliverer
from store.errors import DeliveryError
from store.models import OutboxItem
from tests.harness import free_port, mail


class Relay:
    """Keeps, per message, the client's port (one per connection) and counts RSETs; may refuse an
    address (550) or end sessions after some messages (421, as a relay's per-session limit does)."""

    def __init__(self, *, per_session: int = 0, refuse: str = "") -> None:
        self.per_session = per_session
        self.refuse = refuse
        self.lock = threading.Lock()
        self.delivered: list[tuple[int, str]] = []  # (client port, recipient)
        self.resets = 0
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_MAIL(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        with self.lock:
            taken = sum(1 for port, _ in self.delivered if port == session.peer[1])
        if self.per_session and taken >= self.per_session:
            return "421 4.7.0 Too many messages on this connection"
        envelope.mail_from = address
        return "250 OK"

    async def handle_RCPT(self, server: Any, session: Any, envelope: Any, address: str, options: Any) -> str:
        if address == self.refuse:
            return "550 5.1.1 No such user"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.delivered.extend((session.peer[1], rcpt) for rcpt in envelope.rcpt_tos)
        return "250 2.0.0 OK"

    async def handle_RSET(self, server: Any, session: Any, envelope: Any) -> str:
        with self.lock:
            self.resets += 1
        return "250 OK"

    def restart(self) -> None:
        """Stop listening, closing every session, and listen again on the same port."""
        self.controller.stop()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)
        self.controller.start()

    def connections(self) -> int:
        with self.lock:
            return len({port for port, _ in self.delivered})


@pytest.fixture
def relay() -> Any:
    server = Relay()
    server.controller.start()
    yield server
    server.controller.stop()


def _item(row: int, to: str) -> OutboxItem:
    message = mail("support@vendor.example", f"[Case #{row}] Eksport feiler", "Hei", to=to)
    return OutboxItem(
        id=row,
        case_id=row,
        channel="email",
        kind="question",
        recipient=to,
        payload={"message": message.as_string(), "mail_from": "support@vendor.example", "rcpt_to": [to]},
    )


def _deliverer(port: int) -> EmailDeliverer:
    config = parse_config({"outbound": {"host": "127.0.0.1", "port": port, "timeout_seconds": 10.0}})
    return EmailDeliverer(config, Secrets())


def test_a_batch_of_replies_goes_over_one_connection_with_rset_between(relay: Relay) -> None:
    """Ten replies in a row: one connection, every one delivered, RSET before each after the first."""

    async def go() -> None:
        deliver = _deliverer(relay.port)
        for row in range(1, 11):
            await deliver(_item(row, f"kunde{row}@acme.no"))
        await deliver.close()

    asyncio.run(go())
    assert [rcpt for _, rcpt in relay.delivered] == [f"kunde{row}@acme.no" for row in range(1, 11)]
    assert relay.connections() == 1
    assert relay.resets == 9


def test_a_session_the_relay_ends_is_replaced_without_failing_the_message() -> None:
    """A relay that takes three messages per session (then 421): seven replies, all delivered now,
    on three sessions, none of them reported as failed to the outbox."""
    relay = Relay(per_session=3)
    relay.controller.start()
    try:

        async def go() -> None:
            deliver = _deliverer(relay.port)
            for row in range(1, 8):
                await deliver(_item(row, f"kunde{row}@acme.no"))
            await deliver.close()

        asyncio.run(go())
    finally:
        relay.controller.stop()
    assert len(relay.delivered) == 7
    assert relay.connections() == 3


def test_a_relay_that_restarted_gets_the_next_reply_on_a_fresh_connection(relay: Relay) -> None:
    """The kept connection died with the relay's restart: the next reply finds out by RSET and goes
    over a new connection at once."""

    async def go() -> None:
        deliver = _deliverer(relay.port)
        await deliver(_item(1, "kari@acme.no"))
        await asyncio.to_thread(relay.restart)
        await deliver(_item(2, "ola@acme.no"))
        await deliver.close()

    asyncio.run(go())
    assert [rcpt for _, rcpt in relay.delivered] == ["kari@acme.no", "ola@acme.no"]
    assert relay.connections() == 2


def test_a_refused_recipient_is_permanent_and_the_connection_carries_the_next_reply() -> None:
    """550 for the only recipient: a permanent failure for that reply; the next one still goes over
    the same connection."""
    relay = Relay(refuse="gone@acme.no")
    relay.controller.start()
    try:

        async def go() -> DeliveryError:
            deliver = _deliverer(relay.port)
            await deliver(_item(1, "kari@acme.no"))
            with pytest.raises(DeliveryError) as refused:
                await deliver(_item(2, "gone@acme.no"))
            await deliver(_item(3, "ola@acme.no"))
            await deliver.close()
            return refused.value

        error = asyncio.run(go())
    finally:
        relay.controller.stop()
    assert error.permanent
    assert [rcpt for _, rcpt in relay.delivered] == ["kari@acme.no", "ola@acme.no"]
    assert relay.connections() == 1
