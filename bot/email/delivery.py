"""Delivering outbox items: email through the `[outbound]` relay, or with no relay configured, into
the outgoing folder as `.eml` files (RFC 5322 bytes, one file per outbox row).

A deliverer raises `DeliveryError` (temporary unless `permanent`) and the outbox schedules the retry;
it never decides about retries itself.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import re
from collections.abc import Callable
from pathlib import Path

import aiosmtplib

from bot.config import Config, Secrets
from store.errors import DeliveryError
from store.models import OutboxItem


class EmailDeliverer:
    """Sends queued emails to the relay; 5xx for every recipient is permanent, anything else retried.

    Items queued as intent (reminders, `payload["render"]`) are written out by `render` first.
    With `[outbound] host` empty, each mail is written to `[outbound] outgoing_dir` instead
    (see `write_outgoing`).
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
        if not cfg.host:
            await asyncio.to_thread(write_outgoing, Path(cfg.outgoing_dir), item, message.encode("utf-8"))
            return
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


def outgoing_name(item: OutboxItem) -> str:
    """The file name of an outbox row's mail: its row id (so a retry rewrites the same file), its case
    and its kind; nothing the customer wrote is part of it."""
    kind = re.sub(r"[^a-z0-9_]", "_", item.kind.lower())[:32] or "mail"
    return f"{item.id or 0:08d}-case-{item.case_id or 0}-{kind}.eml"


def write_outgoing(folder: Path, item: OutboxItem, data: bytes) -> Path:
    """Write one mail to `folder` as `<row>-case-<id>-<kind>.eml`, whole or not at all.

    The bytes go to a hidden temporary file that is flushed to disk and then renamed, so a reader
    never sees half a mail and a crash leaves no `.eml` that was not delivered. A folder that takes
    no file (read-only, full disk) is a temporary `DeliveryError`: the outbox tries again later.
    """
    target = folder / outgoing_name(item)
    partial = folder / f".{target.name}.partial"
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with partial.open("wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(partial, target)
    except OSError as exc:
        with contextlib.suppress(OSError):
            partial.unlink(missing_ok=True)
        raise DeliveryError(f"cannot write {target}: {exc.strerror or exc}") from exc
    return target
