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

#: Messages sent on one relay connection before it is closed and a new one opened: many relays
#: limit a session (Postfix `smtp_connection_reuse_count_limit`, casebot's own edge 100).
_PER_CONNECTION = 100
#: Connections kept open between messages; the outbox delivers at most this many at once anyway.
_KEPT_OPEN = 4


class EmailDeliverer:
    """Sends queued emails to the relay; 5xx for every recipient is permanent, anything else retried.

    Items queued as intent (reminders, `payload["render"]`) are written out by `render` first.
    With `[outbound] host` empty, each mail is written to `[outbound] outgoing_dir` instead
    (see `write_outgoing`).

    Relay connections are reused from one message to the next (RFC 5321 §3.3: a session carries
    many transactions), so a burst of replies does not pay a TCP handshake, the greeting, EHLO,
    STARTTLS and AUTH per message. A reused connection is first sent RSET (§4.1.1.5), which both
    clears any state and proves the relay still listens; a connection that fails before the message
    itself was sent is replaced and the message tried on a fresh one at once. A failure during or
    after DATA is not retried here: the relay may have taken the message, so the outbox decides
    (a retry carries the same Message-ID). `close` says QUIT on the connections left open.
    """

    def __init__(
        self, config: Config, secrets: Secrets, render: Callable[[OutboxItem], str] | None = None
    ) -> None:
        self.config = config
        self.secrets = secrets
        self.render = render
        self._open: list[_Relay] = []

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
            await self._send(message.encode("utf-8"), payload["mail_from"], list(payload["rcpt_to"]))
        except aiosmtplib.SMTPRecipientsRefused as exc:
            permanent = all(getattr(r, "code", 0) >= 500 for r in exc.recipients)
            raise DeliveryError(f"recipient refused: {exc}", permanent=permanent) from exc
        except aiosmtplib.SMTPResponseException as exc:
            raise DeliveryError(f"relay answered {exc.code}", permanent=500 <= exc.code < 600) from exc
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            raise DeliveryError(f"relay unreachable: {type(exc).__name__}") from exc

    async def _send(self, data: bytes, sender: str, recipients: list[str]) -> None:
        """One mail transaction, on a kept connection when there is one that still answers."""
        relay = await self._kept()
        fresh = relay is None
        while True:
            if relay is None:
                relay = await self._connect()
            try:
                await relay.transaction(data, sender, recipients)
            except _NotSent as exc:
                relay.drop()
                if fresh:
                    raise exc.error from None
                # The relay had closed the kept connection (an idle timeout, its per-session
                # limit): nothing of this message was sent, so a fresh connection takes it now.
                relay, fresh = None, True
                continue
            except (aiosmtplib.SMTPResponseException, aiosmtplib.SMTPRecipientsRefused):
                await self._keep(relay)  # refused inside the transaction, which RSET ended: still good
                raise
            except BaseException:
                relay.drop()
                raise
            await self._keep(relay)
            return

    async def _kept(self) -> _Relay | None:
        """A kept connection after a successful RSET, or None; connections that fail it are dropped."""
        while self._open:
            relay = self._open.pop()
            if await relay.reset():
                return relay
            relay.drop()
        return None

    async def _keep(self, relay: _Relay) -> None:
        if relay.sent < _PER_CONNECTION and len(self._open) < _KEPT_OPEN and relay.client.is_connected:
            self._open.append(relay)
        else:
            await relay.quit()

    async def _connect(self) -> _Relay:
        cfg = self.config.outbound
        client = aiosmtplib.SMTP(
            hostname=cfg.host,
            port=cfg.port,
            username=cfg.username or None,
            password=self.secrets.smtp_password or None,
            start_tls=cfg.starttls,
            timeout=cfg.timeout_seconds,
        )
        await client.connect()
        return _Relay(client)

    async def close(self) -> None:
        """Say QUIT on every kept connection (the outbox has nothing more to send for now)."""
        relays, self._open = self._open, []
        await asyncio.gather(*(relay.quit() for relay in relays))


class _NotSent(Exception):
    """The connection failed before the message's content went out: the relay cannot have it."""

    def __init__(self, error: BaseException) -> None:
        super().__init__(str(error))
        self.error = error


class _Relay:
    """One SMTP session with the relay and how many messages it has carried."""

    def __init__(self, client: aiosmtplib.SMTP) -> None:
        self.client = client
        self.sent = 0

    async def reset(self) -> bool:
        """RSET (RFC 5321 §4.1.1.5) before the next transaction; False when the session is gone."""
        try:
            await self.client.rset()
        except (aiosmtplib.SMTPException, OSError, TimeoutError):
            return False
        return True

    async def transaction(self, data: bytes, sender: str, recipients: list[str]) -> None:
        """MAIL, RCPT for each recipient, DATA (RFC 5321 §3.3).

        Raises `SMTPRecipientsRefused` when every recipient is refused and `SMTPResponseException`
        for any other refusal, both after RSET; `_NotSent` when the connection failed before DATA;
        anything else from DATA itself.
        """
        client = self.client
        # RFC 1870: the size as sent, where each line ends in CRLF.
        size = len(data) + data.count(b"\n") - data.count(b"\r\n")
        options = [f"SIZE={size}"] if client.supports_extension("size") else []
        if any(not address.isascii() for address in (sender, *recipients)):
            options.append("SMTPUTF8")
        try:
            await client.mail(sender, options=options, encoding="utf-8" if "SMTPUTF8" in options else "ascii")
            refused: list[aiosmtplib.SMTPRecipientRefused] = []
            for recipient in recipients:
                try:
                    await client.rcpt(recipient, encoding="utf-8" if "SMTPUTF8" in options else "ascii")
                except aiosmtplib.SMTPRecipientRefused as exc:
                    refused.append(exc)
        except aiosmtplib.SMTPResponseException as exc:
            if exc.code == 421:  # the relay is closing this session (RFC 5321 §3.8)
                raise _NotSent(exc) from exc
            await self.reset()
            raise
        except (aiosmtplib.SMTPException, OSError, TimeoutError) as exc:
            raise _NotSent(exc) from exc
        if len(refused) == len(recipients):
            await self.reset()
            raise aiosmtplib.SMTPRecipientsRefused(refused)
        try:
            await client.data(data)
        except aiosmtplib.SMTPResponseException:
            await self.reset()
            raise
        self.sent += 1

    def drop(self) -> None:
        """Close without a word: the session is broken or its state unknown."""
        self.client.close()

    async def quit(self) -> None:
        """End the session politely (QUIT); a relay that has gone already is fine."""
        try:
            await self.client.quit()
        except (aiosmtplib.SMTPException, OSError, TimeoutError):
            self.client.close()


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
