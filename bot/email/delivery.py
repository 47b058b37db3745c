"""Delivering outbox items: email through the `[outbound]` relay.

A deliverer raises `DeliveryError` (temporary unless `permanent`) and the outbox schedules the retry;
it never decides about retries itself.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable

import aiosmtplib

from bot.config import Config, Secrets
from store.errors import DeliveryError
from store.models import OutboxItem


class EmailDeliverer:
    """Sends queued emails to the relay; 5xx for every recipient is permanent, anything else retried.

    Items queued as intent (reminders, `payload["render"]`) are written out by `render` first.
    """

    def __init__(
        self, config: Config, secrets: Secrets, render: Callable[[OutboxItem], str] | None = None
    ) -> None:
        self.config = config
        self.secrets = secrets
        self.render = render

    async def __call__(self, item: OutboxItem) -> None:
        payload = item.payload
        cfg = self.config.outbound
        message: str | None = payload.get("message")
        if message is None:
            if self.render is None:
                raise DeliveryError("queued as intent, but nothing can write it out", permanent=True)
            message = await asyncio.to_thread(self.render, item)
        try:
            await aiosmtplib.send(
                message.encode("utf-8"),
                sender=payload["mail_from"],
                recipients=list(payload["rcpt_to"]),
                hostname=cfg.host,
                port=cfg.port,
                username=cfg.username or None,
                password=self.secrets.smtp_password or None,
                start_tls=cfg.starttls,
                timeout=cfg.timeout_seconds,
            )
        except aiosmtplib.SMTPRecipientsRefused as exc:
            permanent = all(getattr(r, "code", 0) >= 500 for r in exc.recipients)
            raise DeliveryError(f"recipient refused: {exc}", permanent=permanent) from exc
        except aiosmtplib.SMTPResponseException as exc:
            raise DeliveryError(f"relay answered {exc.code}", permanent=500 <= exc.code < 600) from exc
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            raise DeliveryError(f"relay unreachable: {type(exc).__name__}") from exc
