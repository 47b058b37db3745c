"""The shape of a chat integration, as `casebot serve` wires it (Slack implements it).

The integration answers its platform's HTTP requests quickly, stores each customer message in the
durable inbox through `accept` (the same inbox as email), and processes it later in the inbox
worker with `process_inbound`, in one transaction, through the shared engine.
"""

from __future__ import annotations

from typing import Protocol

from aiohttp import web

from bot.conversation.channels import CustomerChannel, StaffNotifier
from bot.conversation.engine import Engine
from bot.conversation.events import Outcome
from store.inbox import Accept
from store.models import OutboxItem


class ChatIntegration(Protocol):
    channel: CustomerChannel
    staff: StaffNotifier

    def attach(self, engine: Engine, accept: Accept) -> None:
        """Give the integration the engine and the inbox writer, once both exist."""
        ...

    async def handle_http(self, request: web.Request) -> web.StreamResponse:
        """The platform's HTTP endpoint (Slack: POST /slack/events)."""
        ...

    def process_inbound(self, inbound_id: int) -> Outcome:
        """Process one stored inbound row of this channel (runs in a worker thread)."""
        ...

    async def deliver(self, item: OutboxItem) -> None:
        """Deliver one outbox item of this channel; raise `bot.email.delivery.DeliveryError` to retry."""
        ...
