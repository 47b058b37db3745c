"""The outbox runner: delivers due outbox items through their channel, with retries and backoff.

A sweep over rows claimed in the database, like the inbox runner; each channel's deliverer (email,
Slack) raises `DeliveryError` and this runner decides about the retry.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field

from store.db import Store, is_outage
from store.errors import DeliveryError
from store.models import OutboxItem
from store.outbox import claim_due_outbox, mark_failed_attempt, mark_sent

log = logging.getLogger(__name__)

#: Delivers one outbox item of a channel; raises `DeliveryError` when it must be retried.
Deliver = Callable[[OutboxItem], Awaitable[None]]


@dataclass
class OutboxSender:
    """Delivers due outbox items through their channel, with retries and backoff."""

    store: Store
    deliverers: dict[str, Deliver]
    wake: asyncio.Event = field(default_factory=asyncio.Event)
    concurrency: int = 4
    #: Items delivered whose `sent` mark the store could not take: marked before anything else is sent.
    unmarked: set[int] = field(default_factory=set)
    #: Called when a sweep finds nothing due after one that delivered: deliverers let go of what they
    #: kept open for the next item (the email deliverer's relay connections).
    on_idle: Callable[[], Awaitable[None]] | None = None
    #: Set to end `run` after the sweep in progress (a worker process that is stopping).
    stopping: bool = False

    async def run(self) -> None:
        busy = False
        while not self.stopping:
            try:
                sent = await self.sweep()
            except Exception as exc:
                if is_outage(exc):
                    log.warning("outbox waits: the store cannot take writes (%s)", type(exc).__name__)
                else:
                    log.warning("outbox sweep failed; retrying", exc_info=True)
                sent = 0
            if sent:
                busy = True
                continue
            if busy and self.on_idle is not None:
                busy = False
                try:
                    await self.on_idle()
                except Exception:
                    log.debug("outbox idle hook failed", exc_info=True)
            if not self.stopping:
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self.wake.wait(), timeout=1.0)
                self.wake.clear()

    async def sweep(self) -> int:
        # Delivered while the store could not record it: record it first, so it is never sent again.
        for item_id in list(self.unmarked):
            await asyncio.to_thread(mark_sent, self.store, item_id)
            self.unmarked.discard(item_id)
        items = await asyncio.to_thread(claim_due_outbox, self.store, limit=20)
        semaphore = asyncio.Semaphore(self.concurrency)

        async def one(item: OutboxItem) -> None:
            async with semaphore:
                await self._deliver(item)

        await asyncio.gather(*(one(item) for item in items))
        return len(items)

    async def _deliver(self, item: OutboxItem) -> None:
        assert item.id is not None
        deliver = self.deliverers.get(item.channel)
        if deliver is None:
            await asyncio.to_thread(
                mark_failed_attempt, self.store, item.id, f"no deliverer for channel {item.channel!r}"
            )
            return
        try:
            await deliver(item)
        except DeliveryError as exc:
            status = await asyncio.to_thread(
                mark_failed_attempt,
                self.store,
                item.id,
                str(exc),
                permanent=exc.permanent,
                retry_after=exc.retry_after,
            )
            log.warning("outbox %s (%s) not delivered, now %s: %s", item.id, item.kind, status, exc)
            return
        except Exception as exc:
            await asyncio.to_thread(mark_failed_attempt, self.store, item.id, f"{type(exc).__name__}: {exc}")
            log.warning("outbox %s (%s) failed unexpectedly", item.id, item.kind, exc_info=True)
            return
        try:
            await asyncio.to_thread(mark_sent, self.store, item.id)
        except Exception as exc:  # noqa: BLE001 - delivered; the store will hear of it when it is back
            self.unmarked.add(item.id)
            log.warning(
                "outbox %s delivered, but the store cannot record it yet: %s", item.id, type(exc).__name__
            )
        log.info(
            "outbox %s (%s) delivered to %s via %s", item.id, item.kind, _mask(item.recipient), item.channel
        )


def _mask(recipient: str) -> str:
    local, at, domain = recipient.partition("@")
    return f"{local[:1]}***{at}{domain}" if at else recipient
