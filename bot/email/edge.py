"""The SMTP edge: envelope checks, durable accept, status lines. No case logic here.

`handle_RCPT` refuses addresses that are not ours (550 5.1.1) before any data is sent;
`handle_DATA` answers 250 only after the raw message is committed to the inbox. Messages arriving at
the same moment are committed together (one fsync for many), which is what lets a durable edge keep
pace with one that only buffers.
"""

from __future__ import annotations

import asyncio
import collections
import contextlib
import logging
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session

from bot import metrics
from bot.config import Config
from parsers.threading import is_support_address
from store.db import Store
from store.errors import RateLimited, StoreUnavailable, TransientError
from store.inbox import Arrival, accept_inbound

log = logging.getLogger(__name__)

OK_SENDER = "250 2.1.0 Sender OK"
OK_RECIPIENT = "250 2.1.5 Recipient OK"
NO_SUCH_USER = "550 5.1.1 No such mailbox here: {address}"
TOO_MANY_RECIPIENTS = "452 4.5.3 Too many recipients"
TOO_BIG = "552 5.3.4 Message too big: the limit is {limit} bytes"
TOO_MANY_CONNECTIONS = "421 4.7.0 Too many connections, please try again later"
SHUTTING_DOWN = "421 4.3.2 Service shutting down, please try again later"
TOO_MANY_MESSAGES = "421 4.7.0 Too many messages on this connection, please reconnect"
TIMED_OUT = "421 4.4.2 Timeout exceeded, closing connection"
TOO_MANY_IDLE_COMMANDS = "421 4.7.0 Too many commands without a message, closing connection"
ACCEPTED = "250 2.0.0 Message accepted for delivery"

_BATCH_BYTES = 64 * 1024 * 1024
_BATCH_COUNT = 128
_WRITE_TIMEOUT = 30.0


@dataclass
class _Pending:
    arrival: Arrival
    future: asyncio.Future[int]


class AcceptWriter:
    """Commits arriving messages to the inbox in small groups; each caller waits for its own commit."""

    def __init__(
        self,
        store: Store,
        on_stored: Callable[[], None] = lambda: None,
        on_busy: Callable[[bool], None] = lambda busy: None,
    ) -> None:
        self.store = store
        self.on_stored = on_stored
        #: Hears True when messages start waiting to be stored and False when none wait any more
        #: (how worker processes, which cannot await `idle`, let intake go first).
        self.on_busy = on_busy
        self._queue: collections.deque[_Pending] = collections.deque()
        self._wake = asyncio.Event()
        self._task: asyncio.Task[None] | None = None
        self._idle = asyncio.Event()
        self._idle.set()

    def start(self) -> None:
        self._task = asyncio.create_task(self._run(), name="inbox-writer")

    async def stop(self) -> None:
        if self._task is not None:
            self._task.cancel()
            await asyncio.gather(self._task, return_exceptions=True)

    async def accept(self, arrival: Arrival) -> int:
        """Store one message durably; raises `StoreUnavailable` when it could not be stored."""
        if self._task is None or self._task.done():
            raise StoreUnavailable("inbox writer is not running")
        pending = _Pending(arrival, asyncio.get_running_loop().create_future())
        self._queue.append(pending)
        if self._idle.is_set():
            self._idle.clear()
            self.on_busy(True)
        self._wake.set()
        try:
            return await asyncio.wait_for(asyncio.shield(pending.future), _WRITE_TIMEOUT)
        except TimeoutError as exc:
            raise StoreUnavailable("inbox write timed out") from exc

    async def _run(self) -> None:
        while True:
            await self._wake.wait()
            self._wake.clear()
            while self._queue:
                batch: list[_Pending] = []
                size = 0
                while self._queue and len(batch) < _BATCH_COUNT and (not batch or size < _BATCH_BYTES):
                    item = self._queue.popleft()
                    batch.append(item)
                    size += len(item.arrival.raw)
                await self._write(batch)
            self._idle.set()
            self.on_busy(False)

    async def idle(self, at_most: float) -> None:
        """Wait until nothing is waiting to be stored, or `at_most` seconds.

        Background work calls this before it takes the store's one writer (on SQLite) for a while,
        so a sender waiting for its 250, or Slack for its acknowledgement, goes first.
        """
        if not self._idle.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._idle.wait(), at_most)

    async def _write(self, batch: list[_Pending]) -> None:
        try:
            ids = await asyncio.to_thread(accept_inbound, self.store, [p.arrival for p in batch])
        except Exception as exc:  # noqa: BLE001 - every failure to store means 451 for the whole batch
            error = exc if isinstance(exc, StoreUnavailable) else StoreUnavailable(str(exc))
            log.warning("inbox write failed for %d message(s): %s", len(batch), type(exc).__name__)
            for pending in batch:
                if not pending.future.done():
                    pending.future.set_exception(error)
            return
        for pending, inbound_id in zip(batch, ids, strict=True):
            if not pending.future.done():
                pending.future.set_result(inbound_id)
        self.on_stored()


class SenderRate:
    """Messages per envelope sender in the last hour, counted in this process."""

    def __init__(self, per_hour: int) -> None:
        self.per_hour = per_hour
        self._seen: dict[str, collections.deque[float]] = {}

    def allow(self, sender: str, now: float | None = None) -> bool:
        if not self.per_hour or not sender:
            return True
        now = time.monotonic() if now is None else now
        window = self._seen.setdefault(sender, collections.deque())
        while window and window[0] <= now - 3600:
            window.popleft()
        if len(window) >= self.per_hour:
            return False
        window.append(now)
        if len(self._seen) > 100_000:  # forget idle senders rather than grow without bound
            for key in [k for k, w in self._seen.items() if not w or w[-1] <= now - 3600]:
                del self._seen[key]
        return True


@dataclass
class SupportHandler:
    """aiosmtpd handler for the support addresses."""

    config: Config
    writer: AcceptWriter
    rate: SenderRate
    accepting: bool = True
    connections: int = 0
    in_flight: int = 0
    #: Open connections by client address (the per-address cap).
    per_address: collections.Counter[str] = field(default_factory=collections.Counter)

    async def handle_MAIL(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, mail_options: list[str]
    ) -> str:
        if not self.accepting:
            return SHUTTING_DOWN
        if not self.rate.allow(address.lower()):
            _rejected("rate")
            return RateLimited.status
        envelope.mail_from = address
        envelope.mail_options.extend(mail_options)
        return OK_SENDER

    async def handle_RCPT(
        self, server: SMTP, session: Session, envelope: Envelope, address: str, rcpt_options: list[str]
    ) -> str:
        if not is_support_address(address, self.config.smtp.addresses):
            _rejected("recipient")
            return NO_SUCH_USER.format(address=_printable(address))
        limit = self.config.smtp.max_recipients
        if limit and len(envelope.rcpt_tos) >= limit:
            return TOO_MANY_RECIPIENTS
        envelope.rcpt_tos.append(address)
        envelope.rcpt_options.extend(rcpt_options)
        return OK_RECIPIENT

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        raw = envelope.original_content or b""
        peer = session.peer[0] if isinstance(session.peer, tuple) else str(session.peer or "")
        arrival = Arrival(
            raw=raw,
            envelope_from=(envelope.mail_from or "").lower(),
            envelope_to=tuple(a.lower() for a in envelope.rcpt_tos),
            peer=str(peer),
        )
        try:
            await self.writer.accept(arrival)
        except TransientError as exc:
            _rejected("store")
            return exc.status
        metrics.messages_accepted.labels(channel="email").inc()
        return ACCEPTED


def _rejected(reason: str) -> None:
    metrics.messages_rejected.labels(channel="email", reason=reason).inc()


def _printable(value: str) -> str:
    return "".join(c for c in value if c.isprintable())[:200]


class CasebotSMTP(SMTP):
    """aiosmtpd's SMTP with the operator's limits and proper status lines on every refusal.

    - connections at once: past `max_connections` (or `connections_per_address` from one client
      address) a new connection gets 421 4.7.0 and is closed;
    - messages per connection: past the limit the next MAIL gets 421 and the connection closes;
    - commands that do nothing (NOOP, RSET, HELP, VRFY, EXPN, HELO, EHLO): past `idle_commands` in a
      row without a message, 421 4.7.0 and closed;
    - time: `timeout_seconds` between two commands, and for the whole of DATA (a client trickling a
      byte a second cannot hold a connection); `session_seconds` for the whole connection, however
      busy. Either ends with 421 4.4.2 before the connection closes (RFC 5321 §4.5.3.2);
    - while stopping, new connections and new transactions get 421 4.3.2;
    - RFC 3463 enhanced codes on aiosmtpd's own size refusals (552 5.3.4).

    Lines longer than RFC 5321's 1000 octets are accepted (up to 1 MiB): broken mail clients send
    them, and refusing a customer's mail over a formality loses it. The size limit still holds.
    """

    line_length_limit = 1024 * 1024

    def __init__(self, handler: SupportHandler, **kwargs: Any) -> None:
        super().__init__(handler, **kwargs)
        self.support = handler
        self._size_reply = TOO_BIG.format(limit=kwargs.get("data_size_limit"))
        self._messages = 0
        self._idle_commands = 0
        self._address = ""
        self._counted = False
        self._in_data = False
        self._timers: dict[str, asyncio.TimerHandle] = {}

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        handler = self.support
        cfg = handler.config.smtp
        peer = transport.get_extra_info("peername")
        address = str(peer[0]) if isinstance(peer, tuple) and peer else ""
        refusal = None
        if not handler.accepting:
            refusal = SHUTTING_DOWN
        elif 0 < cfg.max_connections <= handler.connections:
            refusal = TOO_MANY_CONNECTIONS
            _rejected("connections")
        elif 0 < cfg.connections_per_address <= handler.per_address[address]:
            refusal = TOO_MANY_CONNECTIONS
            _rejected("connections-per-address")
        if refusal is not None and isinstance(transport, asyncio.WriteTransport):
            transport.write(f"{refusal}\r\n".encode())
            transport.close()
            return
        handler.connections += 1
        handler.per_address[address] += 1
        self._address = address
        self._counted = True
        super().connection_made(transport)
        loop = asyncio.get_running_loop()
        if cfg.session_seconds:
            self._timers["session"] = loop.call_later(cfg.session_seconds, self._cut, TIMED_OUT, "session")
        self._idle_from_now()

    def _idle_from_now(self) -> None:
        """(Re)start the time allowed until the next command."""
        timeout = self.support.config.smtp.timeout_seconds
        if "idle" in self._timers:
            self._timers["idle"].cancel()
        if timeout:
            loop = asyncio.get_running_loop()
            self._timers["idle"] = loop.call_later(timeout, self._cut, TIMED_OUT, "timeout")

    def _cut(self, status: str, reason: str) -> None:
        """Say why, then close: a limit was reached."""
        _rejected(reason)
        if isinstance(self.transport, asyncio.WriteTransport) and not self.transport.is_closing():
            self.transport.write(f"{status}\r\n".encode())
            self.transport.close()

    def data_received(self, data: bytes) -> None:
        # A line outside DATA is a command: the time to the next one starts again. DATA as a whole
        # has one allowance, so that trickling it does not keep the connection.
        if not self._in_data and b"\n" in data:
            self._idle_from_now()
        super().data_received(data)

    def connection_lost(self, error: Exception | None) -> None:
        for timer in self._timers.values():
            timer.cancel()
        if not self._counted:
            return  # refused in connection_made: aiosmtpd never set this connection up
        self.support.connections -= 1
        self.support.per_address[self._address] -= 1
        if self.support.per_address[self._address] <= 0:
            del self.support.per_address[self._address]
        self._counted = False
        super().connection_lost(error)

    def eof_received(self) -> bool | None:
        if not self._counted:
            return None
        return super().eof_received()

    async def _does_nothing(self) -> bool:
        """Count a command that moves no message on; True (after 421) when the client has sent too many."""
        self._idle_commands += 1
        limit = self.support.config.smtp.idle_commands
        if limit and self._idle_commands > limit:
            self._cut(TOO_MANY_IDLE_COMMANDS, "idle-commands")
            return True
        return False

    async def smtp_NOOP(self, arg: str) -> None:
        if not await self._does_nothing():
            await super().smtp_NOOP(arg)

    async def smtp_RSET(self, arg: str) -> None:
        if not await self._does_nothing():
            await super().smtp_RSET(arg)

    async def smtp_HELP(self, arg: str) -> None:
        if not await self._does_nothing():
            await super().smtp_HELP(arg)

    async def smtp_VRFY(self, arg: str) -> None:
        if not await self._does_nothing():
            await super().smtp_VRFY(arg)

    async def smtp_EXPN(self, arg: str) -> None:
        if not await self._does_nothing():
            await super().smtp_EXPN(arg)

    async def smtp_HELO(self, hostname: str) -> None:
        if not await self._does_nothing():
            await super().smtp_HELO(hostname)

    async def smtp_EHLO(self, hostname: str) -> None:
        if not await self._does_nothing():
            await super().smtp_EHLO(hostname)

    async def smtp_MAIL(self, arg: str) -> None:
        limit = self.support.config.smtp.messages_per_connection
        if not self.support.accepting or (limit and self._messages >= limit):
            await self.push(SHUTTING_DOWN if not self.support.accepting else TOO_MANY_MESSAGES)
            if self.transport is not None:
                self.transport.close()
            return
        await super().smtp_MAIL(arg)

    async def smtp_DATA(self, arg: str) -> None:
        self.support.in_flight += 1
        self._in_data = True
        try:
            await super().smtp_DATA(arg)
        finally:
            self._in_data = False
            self.support.in_flight -= 1
        self._messages += 1
        self._idle_commands = 0
        self._idle_from_now()

    async def push(self, status: Any) -> None:
        if isinstance(status, str) and status.startswith("552 Error"):
            status = self._size_reply
        await super().push(status)


async def start_smtp(config: Config, handler: SupportHandler) -> asyncio.Server:
    """Listen on [smtp] host:port, on the running loop."""
    loop = asyncio.get_running_loop()
    cfg = config.smtp

    def factory() -> CasebotSMTP:
        return CasebotSMTP(
            handler,
            data_size_limit=cfg.max_message_bytes,
            hostname=cfg.addresses[0].rpartition("@")[2] or None,
            ident="casebot ESMTP",
            # aiosmtpd's own timer closes without a word; ours (above) says 421 first and fires sooner.
            timeout=(cfg.timeout_seconds or 86400.0) + 5,
            decode_data=False,
            enable_SMTPUTF8=True,
        )

    return await loop.create_server(factory, host=cfg.host, port=cfg.port, reuse_address=True)
