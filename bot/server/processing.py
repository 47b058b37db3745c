"""The processing side of `casebot serve`: the inbox runner and the outbox sender, built one way
whether they run in the serve process itself or in worker processes of their own (`[workers]`).
"""

from __future__ import annotations

import functools
import logging
from collections.abc import Callable
from dataclasses import dataclass

from bot import metrics
from bot.config import Config, Secrets
from bot.conversation.engine import Engine
from bot.conversation.events import Outcome
from bot.email.channel import EmailChannel
from bot.email.delivery import EmailDeliverer
from bot.email.intake import process_inbound
from bot.handoff.webhook import CHANNEL as WEBHOOK_CHANNEL
from bot.handoff.webhook import WebhookDeliverer
from bot.runners.inbox import InboxWorker, Process
from bot.runners.outbox import Deliver, OutboxSender
from bot.server.chat import ChatIntegration
from bot.web.intake import process_inbound as process_web
from store.db import Store
from store.models import OutboxItem

log = logging.getLogger(__name__)


def render_queued(store: Store, channel: EmailChannel, item: OutboxItem) -> str:
    """Write out an email queued as intent, in its own transaction (runs in a thread)."""
    with store.session() as session:
        return channel.render_deferred(session, item)


def load_slack(config: Config, secrets: Secrets, store: Store) -> ChatIntegration | None:
    """Slack when its token and signing secret are in the environment; otherwise off, said once."""
    if not (secrets.slack_bot_token and secrets.slack_signing_secret):
        log.info("Slack is off: SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET are not both set")
        return None
    from bot.slack.app import create_slack

    return create_slack(config, secrets, store)


@dataclass
class Processing:
    """The inbox runner and the outbox sender with their channels' processors and deliverers."""

    inbox: InboxWorker
    outbox: OutboxSender
    email: EmailDeliverer
    webhook: WebhookDeliverer

    async def close(self) -> None:
        """Let go of what the deliverers hold open (relay connections, HTTP sessions)."""
        await self.email.close()
        await self.webhook.close()


def build_processing(
    config: Config,
    secrets: Secrets,
    store: Store,
    engine: Engine,
    chat: ChatIntegration | None,
    *,
    on_processed: Callable[[Outcome | None], None],
    on_latency: Callable[[float], None] = metrics.processing_latency.observe,
) -> Processing:
    """The runners for every channel that is on; `on_processed` hears of each message handled."""
    processors: dict[str, Process] = {
        "email": functools.partial(process_inbound, store, engine, config),
        "web": functools.partial(process_web, store, engine),
    }
    email_channel = engine.channels["email"]
    assert isinstance(email_channel, EmailChannel)
    email = EmailDeliverer(config, secrets, functools.partial(render_queued, store, email_channel))
    webhook = WebhookDeliverer(config, secrets)
    deliverers: dict[str, Deliver] = {"email": email, WEBHOOK_CHANNEL: webhook}
    if chat is not None:
        processors["slack"] = chat.process_inbound
        deliverers["slack"] = chat.deliver
    outbox = OutboxSender(store, deliverers, on_idle=email.close)

    def processed(outcome: Outcome | None) -> None:
        outbox.wake.set()
        on_processed(outcome)

    inbox = InboxWorker(store, processors, config, on_processed=processed, on_latency=on_latency)
    return Processing(inbox=inbox, outbox=outbox, email=email, webhook=webhook)
