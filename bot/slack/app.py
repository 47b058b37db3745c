"""casebot's Slack integration: the Bolt app on `POST /slack/events`, in the `casebot serve` process.

`create_slack` builds it; `casebot serve` then wires it (`ChatIntegration`): `attach` gives it the
engine and the inbox writer, `handle_http` answers Slack, `process_inbound` runs stored requests
through the engine in the inbox worker, `deliver` posts outbox items. HTTP mode, asyncio throughout;
`[slack] api_url` points the Web API client at a local fake in tests.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Awaitable
from typing import TypeVar

from aiohttp import web
from slack_bolt.adapter.aiohttp import to_aiohttp_response
from slack_bolt.async_app import AsyncApp
from slack_bolt.request.async_request import AsyncBoltRequest
from slack_sdk.signature import SignatureVerifier
from slack_sdk.web.async_client import AsyncWebClient

from bot.config import Config, Secrets
from bot.conversation.channels import CustomerChannel, StaffNotifier
from bot.conversation.engine import Engine
from bot.conversation.events import Outcome
from bot.slack.channel import SlackChannel, SlackStaffNotifier
from bot.slack.delivery import SlackDeliverer
from bot.slack.files import FileFetcher
from bot.slack.identity import Directory
from bot.slack.intake import SlackIntake
from bot.slack.listeners import SlackListeners
from store.db import Store
from store.inbox import Accept
from store.models import OutboxItem

log = logging.getLogger(__name__)

T = TypeVar("T")
# How long the inbox worker waits for a Web API call it needs (a user lookup, a file download).
_CALL_TIMEOUT = 120.0
_MAX_FILE_BYTES = 25 * 1024 * 1024


class SlackIntegration:
    """The Slack side of `ChatIntegration`."""

    def __init__(self, config: Config, secrets: Secrets, store: Store) -> None:
        self.config = config
        self.store = store
        self.verifier = SignatureVerifier(secrets.slack_signing_secret)
        self.app = AsyncApp(
            token=secrets.slack_bot_token,
            signing_secret=secrets.slack_signing_secret,
            # Listeners answer and hand the rest to a task of their own (`SlackListeners.later`), so
            # the answer leaves as soon as the listener returns: no waiting for ack() in between.
            process_before_response=True,
            logger=logging.getLogger("casebot.slack.bolt"),
        )
        # Bolt builds its client from the token; `[slack] api_url` only moves where it calls.
        self.client: AsyncWebClient = self.app.client
        if config.slack.api_url:
            self.client.base_url = config.slack.api_url
        self.directory = Directory(config, self.client)
        # Typed as the protocol's members, which `ChatIntegration` declares as plain attributes.
        self.channel: CustomerChannel = SlackChannel(config)
        self.staff: StaffNotifier = SlackStaffNotifier(config)
        self.listeners = SlackListeners(config, store, self.directory, self.client)
        self.listeners.register(self.app)
        self.deliverer = SlackDeliverer(store, self.client)
        fetcher = FileFetcher(secrets.slack_bot_token, config.slack.api_url, max_bytes=_MAX_FILE_BYTES)
        self.intake = SlackIntake(store, self.directory, fetcher, self._run, command=config.slack.command)
        self.engine: Engine | None = None
        self.loop: asyncio.AbstractEventLoop | None = None

    def attach(self, engine: Engine, accept: Accept) -> None:
        self.engine = engine
        self.listeners.accept = accept
        self.loop = asyncio.get_running_loop()

    async def handle_http(self, request: web.Request) -> web.StreamResponse:
        """Slack's requests: the signature is checked on the raw bytes before anything is parsed; an
        unsigned, forged or stale request gets 401 and a body that is not Slack's shape 400, quietly."""
        body = await request.read()
        timestamp = request.headers.get("X-Slack-Request-Timestamp")
        signature = request.headers.get("X-Slack-Signature")
        if not self.verifier.is_valid(body, timestamp, signature):
            return web.Response(status=401, text="invalid signature")
        try:
            bolt_request = AsyncBoltRequest(body=body.decode("utf-8"), headers=dict(request.headers))
        except (ValueError, UnicodeDecodeError, KeyError, TypeError):
            return web.Response(status=400, text="not a Slack request")
        response = await self.app.async_dispatch(bolt_request)
        return await to_aiohttp_response(response)

    def process_inbound(self, inbound_id: int) -> Outcome:
        if self.engine is None:
            raise RuntimeError("the Slack integration is not attached to an engine yet")
        return self.intake.process(self.engine, inbound_id)

    async def deliver(self, item: OutboxItem) -> None:
        await self.deliverer(item)

    def _run(self, coroutine: Awaitable[T]) -> T:
        """Run a Web API coroutine on the server's loop from the inbox worker's thread."""
        if self.loop is None:
            raise RuntimeError("the Slack integration is not attached yet")

        async def call() -> T:
            return await coroutine

        return asyncio.run_coroutine_threadsafe(call(), self.loop).result(timeout=_CALL_TIMEOUT)


def create_slack(config: Config, secrets: Secrets, store: Store) -> SlackIntegration:
    """The Slack integration for `casebot serve` (called only when its token and secret are set)."""
    log.info("Slack is on: POST /slack/events, command %s", config.slack.command)
    return SlackIntegration(config, secrets, store)


__all__ = ["SlackIntegration", "create_slack"]
